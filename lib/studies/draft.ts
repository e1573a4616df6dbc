import { randomUUID } from "node:crypto";
import type { Tx } from "@/db/client";
import { allCriterionKeys, allItemKeys, insertCriterion, insertItem, loadDraft, updateCriterion, updateItem } from "@/db/queries/studies";
import { isLocale } from "@/lib/i18n/locales";
import type { LocalizedText } from "@/lib/i18n/localized-text";
import { weightSplitSchema } from "@/lib/validation/study";
import { equalWeights, nextItemKey } from "./create-study";
import { editDraft, refuse, renumberCriteria, renumberItems, swapped, type DraftResult } from "./draft-context";
import { maxCriteria } from "./limits";

// The manager's edits of the draft questionnaire (criteria, weights, items).
// Each function is one transaction through editDraft.

/** A criterion may hold more than 5 items while being edited (publishing refuses it), but not without limit. */
export const maxDraftItemsPerCriterion = 10;

/** `current` with the study languages replaced by `next` (blank → removed); other languages kept. */
export function mergeText(current: LocalizedText, next: LocalizedText, languages: readonly string[]): LocalizedText {
  const out: LocalizedText = { ...current };
  for (const language of languages.filter(isLocale)) {
    const value = next[language]?.trim();
    if (value) out[language] = value;
    else delete out[language];
  }
  return out;
}

function sameText(a: LocalizedText, b: LocalizedText, languages: readonly string[]): boolean {
  return languages.filter(isLocale).every((language) => (a[language] ?? "") === (b[language] ?? ""));
}

// ── Weights ─────────────────────────────────────────────────────────────────

/** Saves a 100-point split, given per criterion id; refused unless it covers exactly the live criteria and sums to 100. */
export async function saveWeights(workspaceId: string, studyId: string, points: Record<string, number>): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, (tx) => saveWeightsIn(tx, studyId, points));
}

/** saveWeights inside a caller's transaction that holds lockStudy (publishing saves the weights typed beside it). */
export async function saveWeightsIn(tx: Tx, studyId: string, points: Record<string, number>): Promise<DraftResult> {
  const draft = await loadDraft(tx, studyId);
  const ids = Object.keys(points);
  // A form opened before a criterion was added or removed must not half-apply.
  if (ids.length !== draft.length || draft.some((c) => !(c.id in points))) return refuse("staleWeights");
  if (!weightSplitSchema.safeParse(draft.map((c) => points[c.id])).success) return refuse("weightsSum");
  for (const criterion of draft) {
    if (criterion.weight !== points[criterion.id]) await updateCriterion(tx, studyId, criterion.id, { weight: points[criterion.id] });
  }
  return { ok: true };
}

export async function splitWeightsEqually(workspaceId: string, studyId: string): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx) => {
    const draft = await loadDraft(tx, studyId);
    const weights = equalWeights(draft.length);
    for (const [i, criterion] of draft.entries()) await updateCriterion(tx, studyId, criterion.id, { weight: weights[i] });
    return { ok: true };
  });
}

// ── Criteria ────────────────────────────────────────────────────────────────

export async function updateCriterionText(
  workspaceId: string,
  studyId: string,
  criterionId: string,
  input: { name: LocalizedText; description: LocalizedText; customerTitle?: LocalizedText; customerDescription?: LocalizedText },
): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx, study) => {
    const criterion = (await loadDraft(tx, studyId)).find((c) => c.id === criterionId);
    if (!criterion) return refuse("criterionNotFound");
    const name = mergeText(criterion.name, input.name, study.languages);
    if (Object.keys(name).length === 0) return refuse("criterionNameRequired");
    const description = mergeText(criterion.description, input.description, study.languages);
    // What customers read: empty languages fall back to the defaults (stored as null when none is left).
    const customer = (current: LocalizedText | null, next: LocalizedText | undefined) => {
      if (next === undefined) return current;
      const merged = mergeText(current ?? {}, next, study.languages);
      return Object.keys(merged).length > 0 ? merged : null;
    };
    await updateCriterion(tx, studyId, criterionId, {
      name,
      description,
      customerTitle: customer(criterion.customerTitle, input.customerTitle),
      customerDescription: customer(criterion.customerDescription, input.customerDescription),
    });
    return { ok: true };
  });
}

/** A readable, unused key from the English name (keys appear in the API and exports). */
export function criterionKeyFor(name: LocalizedText, used: Set<string>): string {
  const base =
    (name.en ?? "")
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 30)
      .replace(/-+$/, "") || "criterion";
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Adds a manager's own criterion at the end, with 0 points and no items (the bank has none for it). */
export async function addCriterion(
  workspaceId: string,
  studyId: string,
  input: { name: LocalizedText; description: LocalizedText },
): Promise<DraftResult<{ criterionId: string }>> {
  return editDraft(workspaceId, studyId, async (tx, study) => {
    const draft = await loadDraft(tx, studyId);
    if (draft.length >= maxCriteria) return refuse("tooManyCriteria");
    const name = mergeText({}, input.name, study.languages);
    if (Object.keys(name).length === 0) return refuse("criterionNameRequired");
    const criterionId = randomUUID();
    await insertCriterion(tx, {
      id: criterionId,
      studyId,
      key: criterionKeyFor(name, new Set(await allCriterionKeys(tx, studyId))),
      name,
      description: mergeText({}, input.description, study.languages),
      weight: 0,
      position: draft.length,
    });
    return { ok: true, criterionId };
  });
}

/** Removes a criterion and its items from the draft (rows stay, so older versions still name them). */
export async function removeCriterion(workspaceId: string, studyId: string, criterionId: string): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx) => {
    const draft = await loadDraft(tx, studyId);
    const criterion = draft.find((c) => c.id === criterionId);
    if (!criterion) return refuse("criterionNotFound");
    if (draft.length <= 1) return refuse("lastCriterion");
    const now = Date.now();
    await updateCriterion(tx, studyId, criterionId, { removedAt: now });
    for (const item of criterion.items) await updateItem(tx, studyId, item.id, { removedAt: now });
    await renumberCriteria(
      tx,
      studyId,
      draft.filter((c) => c.id !== criterionId),
    );
    return { ok: true };
  });
}

export async function moveCriterion(workspaceId: string, studyId: string, criterionId: string, direction: "up" | "down"): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx) => {
    const draft = await loadDraft(tx, studyId);
    const index = draft.findIndex((c) => c.id === criterionId);
    if (index < 0) return refuse("criterionNotFound");
    const ordered = swapped(draft, index, direction);
    if (ordered) await renumberCriteria(tx, studyId, ordered);
    return { ok: true };
  });
}

// ── Items ───────────────────────────────────────────────────────────────────

/**
 * Saves an item's texts and flags. Changing a text or the reverse flag locks
 * the item, so regenerating keeps the manager's wording; an unchanged item
 * takes the lock box as submitted (that is how a manager unlocks one).
 */
export async function updateItemContent(
  workspaceId: string,
  studyId: string,
  itemId: string,
  input: { text: LocalizedText; reverse: boolean; locked: boolean },
): Promise<DraftResult<{ changed: boolean; locked: boolean }>> {
  return editDraft(workspaceId, studyId, async (tx, study) => {
    const item = (await loadDraft(tx, studyId)).flatMap((c) => c.items).find((i) => i.id === itemId);
    if (!item) return refuse("itemNotFound");
    const text = mergeText(item.text, input.text, study.languages);
    const changed = !sameText(item.text, text, study.languages) || item.reverse !== input.reverse;
    const locked = changed || input.locked;
    await updateItem(tx, studyId, itemId, { text, reverse: input.reverse, locked });
    return { ok: true, changed, locked };
  });
}

/** The manager's own item, locked: the generator has nothing to replace it with. */
export async function addItem(
  workspaceId: string,
  studyId: string,
  criterionId: string,
  input: { text: LocalizedText; reverse: boolean },
): Promise<DraftResult<{ itemId: string }>> {
  return editDraft(workspaceId, studyId, async (tx, study) => {
    const criterion = (await loadDraft(tx, studyId)).find((c) => c.id === criterionId);
    if (!criterion) return refuse("criterionNotFound");
    if (criterion.items.length >= maxDraftItemsPerCriterion) return refuse("itemLimit");
    const itemId = randomUUID();
    await insertItem(tx, {
      id: itemId,
      studyId,
      criterionId,
      key: nextItemKey(criterion.key, new Set(await allItemKeys(tx, studyId))),
      text: mergeText({}, input.text, study.languages),
      reverse: input.reverse,
      locked: true,
      position: criterion.items.length,
    });
    return { ok: true, itemId };
  });
}

export async function removeItem(workspaceId: string, studyId: string, itemId: string): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx) => {
    const criterion = (await loadDraft(tx, studyId)).find((c) => c.items.some((i) => i.id === itemId));
    if (!criterion) return refuse("itemNotFound");
    await updateItem(tx, studyId, itemId, { removedAt: Date.now() });
    await renumberItems(
      tx,
      studyId,
      criterion.items.filter((i) => i.id !== itemId),
    );
    return { ok: true };
  });
}

export async function moveItem(workspaceId: string, studyId: string, itemId: string, direction: "up" | "down"): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx) => {
    const criterion = (await loadDraft(tx, studyId)).find((c) => c.items.some((i) => i.id === itemId));
    if (!criterion) return refuse("itemNotFound");
    const ordered = swapped(
      criterion.items,
      criterion.items.findIndex((i) => i.id === itemId),
      direction,
    );
    if (ordered) await renumberItems(tx, studyId, ordered);
    return { ok: true };
  });
}

/** Moves an item to the end of another criterion; it keeps its id and key, and is locked (a manager's decision). */
export async function moveItemToCriterion(workspaceId: string, studyId: string, itemId: string, targetCriterionId: string): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx) => {
    const draft = await loadDraft(tx, studyId);
    const source = draft.find((c) => c.items.some((i) => i.id === itemId));
    if (!source) return refuse("itemNotFound");
    const target = draft.find((c) => c.id === targetCriterionId);
    if (!target) return refuse("criterionNotFound");
    if (target.id === source.id) return refuse("sameCriterion");
    if (target.items.length >= maxDraftItemsPerCriterion) return refuse("itemLimit");
    await updateItem(tx, studyId, itemId, { criterionId: target.id, position: target.items.length, locked: true });
    await renumberItems(
      tx,
      studyId,
      source.items.filter((i) => i.id !== itemId),
    );
    return { ok: true };
  });
}
