import { getDb } from "@/db/client";
import { findStudyToSubmitTo } from "@/db/queries/alert-rules";
import { findStudy } from "@/db/queries/studies";
import { publishedVersion } from "@/lib/responses/published-version";
import { idSchema } from "@/lib/validation/ids";
import { ApiProblem } from "./problem";
import type { ApiCaller } from "./auth";

/** The caller's study, or 404 — also for another workspace's ids, which must look unknown. */
export async function studyOf(caller: ApiCaller, studyId: string) {
  const study = idSchema.safeParse(studyId).success ? await findStudy(getDb(), caller.workspaceId, studyId) : undefined;
  if (!study) throw new ApiProblem(404, "No study with this id in your workspace.");
  return study;
}

/**
 * studyOf for the API's submit path, with the study's latest published
 * version (409 before the first publishing) and its alert settings: the
 * three in one read, as one-response submits are the API's busiest call.
 */
export async function studyToSubmitTo(caller: ApiCaller, studyId: string) {
  const found = idSchema.safeParse(studyId).success ? await findStudyToSubmitTo(getDb(), caller.workspaceId, studyId) : undefined;
  if (!found) throw new ApiProblem(404, "No study with this id in your workspace.");
  const version = found.head ? await publishedVersion(getDb(), found.head) : undefined;
  if (!version) throw new ApiProblem(409, "The study has no published version yet; publish it first.");
  return { study: found.study, version, loop: found.loop };
}
