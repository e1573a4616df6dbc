import { getDb } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { idSchema } from "@/lib/validation/ids";
import { ApiProblem } from "./problem";
import type { ApiCaller } from "./auth";

/** The caller's study, or 404 — also for another workspace's ids, which must look unknown. */
export async function studyOf(caller: ApiCaller, studyId: string) {
  const study = idSchema.safeParse(studyId).success ? await findStudy(getDb(), caller.workspaceId, studyId) : undefined;
  if (!study) throw new ApiProblem(404, "No study with this id in your workspace.");
  return study;
}
