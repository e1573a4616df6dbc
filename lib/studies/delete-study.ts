import { getConnection } from "@/db/client";
import { clearAggregates } from "@/db/queries/aggregates";
import { deleteStudy } from "@/db/queries/studies";

/**
 * Removes a study and every trace of it: the cascade takes its draft,
 * versions, links, responses and answers; the aggregate rows (no foreign
 * key, for write speed) are cleared in the same transaction.
 */
export function deleteStudyCompletely(workspaceId: string, studyId: string): boolean {
  const { db } = getConnection();
  return db.transaction((tx) => {
    const removed = deleteStudy(workspaceId, studyId, tx);
    if (removed === 0) return false;
    clearAggregates(studyId);
    return true;
  });
}
