import { getConnection, type DB, type Executor } from "@/db/client";
import { findStudy, touchStudy, updateCriterion, updateItem, type StudyRow } from "@/db/queries/studies";

// Every edit of a draft questionnaire runs through editDraft: one
// transaction, the study looked up within the caller's workspace first (so
// another workspace's id is simply "notFound"), and the study's updatedAt
// bumped when the edit succeeds. Edits check everything before they write,
// so a refused edit leaves the draft untouched.

export type DraftErrorCode =
  | "notFound"
  | "criterionNotFound"
  | "itemNotFound"
  | "lastCriterion"
  | "tooManyCriteria"
  | "itemLimit"
  | "staleWeights"
  | "weightsSum"
  | "criterionNameRequired"
  | "sameCriterion";

export type DraftResult<T extends object = object> = ({ ok: true } & T) | { ok: false; code: DraftErrorCode };

export function refuse(code: DraftErrorCode): { ok: false; code: DraftErrorCode } {
  return { ok: false, code };
}

export function editDraft<T extends object>(
  workspaceId: string,
  studyId: string,
  db: DB | undefined,
  edit: (tx: Executor, study: StudyRow) => DraftResult<T>,
): DraftResult<T> {
  const client = db ?? getConnection().db;
  return client.transaction((tx): DraftResult<T> => {
    const study = findStudy(workspaceId, studyId, tx);
    if (!study) return refuse("notFound");
    const result = edit(tx, study);
    if (result.ok) touchStudy(studyId, tx);
    return result;
  });
}

/** Rewrites positions 0…n−1 in the given order, touching only rows that moved. */
export function renumberItems(studyId: string, ordered: { id: string; position: number }[], tx: Executor) {
  ordered.forEach((item, position) => {
    if (item.position !== position) updateItem(studyId, item.id, { position }, tx);
  });
}

export function renumberCriteria(studyId: string, ordered: { id: string; position: number }[], tx: Executor) {
  ordered.forEach((criterion, position) => {
    if (criterion.position !== position) updateCriterion(studyId, criterion.id, { position }, tx);
  });
}

/** The list with element `index` swapped with its neighbour; null at either end. */
export function swapped<T>(list: readonly T[], index: number, direction: "up" | "down"): T[] | null {
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= list.length) return null;
  const out = [...list];
  [out[index], out[other]] = [out[other], out[index]];
  return out;
}
