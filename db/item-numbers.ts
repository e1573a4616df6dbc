import type { Reader } from "./client";
import { itemNumbers } from "./queries/studies";

// Each item's number in its study (items.number) stands for it in packed
// answers. Numbers are given once and never change or get reused, so a
// process may keep what it has read; an id or number it does not know sends
// it back to the database (an item added since, by this or another instance).

type Numbering = { byId: Map<string, number>; byNumber: Map<number, string> };
const known = new Map<string, Numbering>();

async function load(db: Reader, studyId: string): Promise<Numbering> {
  const rows = await itemNumbers(db, studyId);
  const numbering: Numbering = { byId: new Map(rows.map((r) => [r.id, r.number])), byNumber: new Map(rows.map((r) => [r.number, r.id])) };
  known.set(studyId, numbering);
  return numbering;
}

/** Numbers of the given item ids; throws for an id that is not an item of the study. */
export async function numbersOfItems(db: Reader, studyId: string, itemIds: readonly string[]): Promise<Map<string, number>> {
  let numbering = known.get(studyId);
  if (!numbering || itemIds.some((id) => !numbering!.byId.has(id))) numbering = await load(db, studyId);
  for (const id of itemIds) if (!numbering.byId.has(id)) throw new Error(`item ${id} is not an item of study ${studyId}`);
  return numbering.byId;
}

/** Item ids of the given numbers; a number without an item (cannot happen short of corruption) throws. */
export async function itemsOfNumbers(db: Reader, studyId: string, numbers: Iterable<number>): Promise<Map<number, string>> {
  const wanted = [...numbers];
  let numbering = known.get(studyId);
  if (!numbering || wanted.some((n) => !numbering!.byNumber.has(n))) numbering = await load(db, studyId);
  for (const n of wanted) if (!numbering.byNumber.has(n)) throw new Error(`item number ${n} is not an item of study ${studyId}`);
  return numbering.byNumber;
}
