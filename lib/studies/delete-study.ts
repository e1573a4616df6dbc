import { transaction } from "@/db/client";
import { deleteStudy } from "@/db/queries/studies";

/**
 * Removes a study and every trace of it: the foreign keys' cascade takes its
 * draft, versions, links, responses, aggregate sums and import uploads.
 */
export async function deleteStudyCompletely(workspaceId: string, studyId: string): Promise<boolean> {
  return transaction(async (tx) => (await deleteStudy(tx, workspaceId, studyId)) > 0);
}
