import { transaction, type Tx } from "@/db/client";
import { findStudy, lockStudy, touchStudy, updateCriterion, updateItem, type StudyRow } from "@/db/queries/studies";

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

export async function editDraft<T extends object>(
  workspaceId: string,
  studyId: string,
  edit: (tx: Tx, study: StudyRow) => Promise<DraftResult<T>>,
): Promise<DraftResult<T>> {
  return transaction(async (tx): Promise<DraftResult<T>> => {
    // lockStudy: every edit reads the draft (positions, counts, keys, next
    // item number) and then writes; edits and publishes of one study run one
    // after another.
    await lockStudy(tx, studyId);
    const study = await findStudy(tx, workspaceId, studyId);
    if (!study) return refuse("notFound");
    const result = await edit(tx, study);
    if (result.ok) await touchStudy(tx, studyId);
    return result;
  });
}

/** Rewrites positions 0…n−1 in the given order, touching only rows that moved. */
export async function renumberItems(tx: Tx, studyId: string, ordered: { id: string; position: number }[]) {
  for (const [position, item] of ordered.entries()) {
    if (item.position !== position) await updateItem(tx, studyId, item.id, { position });
  }
}

export async function renumberCriteria(tx: Tx, studyId: string, ordered: { id: string; position: number }[]) {
  for (const [position, criterion] of ordered.entries()) {
    if (criterion.position !== position) await updateCriterion(tx, studyId, criterion.id, { position });
  }
}

/** The list with element `index` swapped with its neighbour; null at either end. */
export function swapped<T>(list: readonly T[], index: number, direction: "up" | "down"): T[] | null {
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= list.length) return null;
  const out = [...list];
  [out[index], out[other]] = [out[other], out[index]];
  return out;
}
