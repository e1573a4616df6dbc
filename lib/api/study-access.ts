import { getDb } from "@/db/client";
import { findStudyToSubmitTo } from "@/db/queries/alert-rules";
import { findStudy } from "@/db/queries/studies";
import { publishedVersion, type PublishedVersion } from "@/lib/responses/published-version";
import { callsTogether } from "@/lib/calls-together";
import { idSchema } from "@/lib/validation/ids";
import { ApiProblem } from "./problem";
import type { ApiCaller } from "./auth";

/** 404 — the same for an id that does not exist and for another workspace's. */
const unknownStudy = () => new ApiProblem(404, "No study with this id in your workspace.");

/** The caller's study, or 404 — also for another workspace's ids, which must look unknown. */
export async function studyOf(caller: ApiCaller, studyId: string) {
  const study = idSchema.safeParse(studyId).success ? await findStudy(getDb(), caller.workspaceId, studyId) : undefined;
  if (!study) throw unknownStudy();
  return study;
}

/**
 * studyOf for the API's submit path, with the study's latest published
 * version (409 before the first publishing) and its alert settings: the
 * three in one read, as one-response submits are the API's busiest call.
 * The submits to one study that arrive together share one read
 * (lib/calls-together.ts), each as fresh as its own would have been.
 */
export async function studyToSubmitTo(caller: ApiCaller, studyId: string) {
  if (!idSchema.safeParse(studyId).success) throw unknownStudy();
  return readStudyToSubmitTo(`${caller.workspaceId} ${studyId}`, { workspaceId: caller.workspaceId, studyId });
}

type Found = NonNullable<Awaited<ReturnType<typeof findStudyToSubmitTo>>>;
type StudyToSubmitTo = { study: Found["study"]; version: PublishedVersion; loop: Found["loop"] };

const readStudyToSubmitTo = callsTogether<{ workspaceId: string; studyId: string }, StudyToSubmitTo>(async (_, calls) => {
  const { workspaceId, studyId } = calls[0];
  const found = await findStudyToSubmitTo(getDb(), workspaceId, studyId);
  if (!found) throw unknownStudy();
  const version = found.head ? await publishedVersion(getDb(), found.head) : undefined;
  if (!version) throw new ApiProblem(409, "The study has no published version yet; publish it first.");
  const read = { study: found.study, version, loop: found.loop };
  return calls.map(() => read);
});
