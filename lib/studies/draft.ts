import { randomUUID } from "node:crypto";
import type { DB } from "@/db/client";
import {
  allCriterionKeys,
  allItemKeys,
  insertCriterion,
  insertItem,
  loadDraft,
  updateCriterion,
  updateItem,
} from "@/db/queries/studies";
import { isLocale } from "@/lib/i18n/locales";
import type { LocalizedText } from "@/lib/i18n/localized-text";
import { weightSplitSchema } from "@/lib/validation/study";
import { equalWeights, nextItemKey } from "./create-study";
import { editDraft, refuse, renumberCriteria, renumberItems, swapped, type DraftResult } from "./draft-context";
import { maxCriteria } from "./limits";

// The manager's edits of the draft questionnaire (criteria, weights, items).
// Each function is one transaction through editDraft; the last argument lets
// tests pass an in-memory database.

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
export function saveWeights(workspaceId: string, studyId: string, points: Record<string, number>, db?: DB): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx) => {
    const draft = loadDraft(studyId, tx);
    const ids = Object.keys(points);
    // A form opened before a criterion was added or removed must not half-apply.
    if (ids.length !== draft.length || draft.some((c) => !(c.id in points))) return refuse("staleWeights");
    if (!weightSplitSchema.safeParse(draft.map((c) => points[c.id])).success) return refuse("weightsSum");
    for (const criterion of draft) {
      if (criterion.weight !== points[criterion.id]) updateCriterion(studyId, criterion.id, { weight: points[criterion.id] }, tx);
    }
    return { ok: true };
  });
}

export function splitWeightsEqually(workspaceId: string, studyId: string, db?: DB): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx) => {
    const draft = loadDraft(studyId, tx);
    const weights = equalWeights(draft.length);
    draft.forEach((criterion, i) => updateCriterion(studyId, criterion.id, { weight: weights[i] }, tx));
    return { ok: true };
  });
}

// ── Criteria ────────────────────────────────────────────────────────────────

export function updateCriterionText(
  workspaceId: string,
  studyId: string,
  criterionId: string,
  input: { name: LocalizedText; description: LocalizedText },
  db?: DB,
): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx, study) => {
    const criterion = loadDraft(studyId, tx).find((c) => c.id === criterionId);
    if (!criterion) return refuse("criterionNotFound");
    const name = mergeText(criterion.name, input.name, study.languages);
    if (Object.keys(name).length === 0) return refuse("criterionNameRequired");
    const description = mergeText(criterion.description, input.description, study.languages);
    updateCriterion(studyId, criterionId, { name, description }, tx);
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
export function addCriterion(
  workspaceId: string,
  studyId: string,
  input: { name: LocalizedText; description: LocalizedText },
  db?: DB,
): DraftResult<{ criterionId: string }> {
  return editDraft(workspaceId, studyId, db, (tx, study) => {
    const draft = loadDraft(studyId, tx);
    if (draft.length >= maxCriteria) return refuse("tooManyCriteria");
    const name = mergeText({}, input.name, study.languages);
    if (Object.keys(name).length === 0) return refuse("criterionNameRequired");
    const criterionId = randomUUID();
    insertCriterion(
      {
        id: criterionId,
        studyId,
        key: criterionKeyFor(name, new Set(allCriterionKeys(studyId, tx))),
        name,
        description: mergeText({}, input.description, study.languages),
        weight: 0,
        position: draft.length,
      },
      tx,
    );
    return { ok: true, criterionId };
  });
}

/** Removes a criterion and its items from the draft (rows stay, so older versions still name them). */
export function removeCriterion(workspaceId: string, studyId: string, criterionId: string, db?: DB): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx) => {
    const draft = loadDraft(studyId, tx);
    const criterion = draft.find((c) => c.id === criterionId);
    if (!criterion) return refuse("criterionNotFound");
    if (draft.length <= 1) return refuse("lastCriterion");
    const now = Date.now();
    updateCriterion(studyId, criterionId, { removedAt: now }, tx);
    for (const item of criterion.items) updateItem(studyId, item.id, { removedAt: now }, tx);
    renumberCriteria(studyId, draft.filter((c) => c.id !== criterionId), tx);
    return { ok: true };
  });
}

export function moveCriterion(
  workspaceId: string,
  studyId: string,
  criterionId: string,
  direction: "up" | "down",
  db?: DB,
): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx) => {
    const draft = loadDraft(studyId, tx);
    const index = draft.findIndex((c) => c.id === criterionId);
    if (index < 0) return refuse("criterionNotFound");
    const ordered = swapped(draft, index, direction);
    if (ordered) renumberCriteria(studyId, ordered, tx);
    return { ok: true };
  });
}

// ── Items ───────────────────────────────────────────────────────────────────

/**
 * Saves an item's texts and flags. Changing a text or the reverse flag locks
 * the item, so regenerating keeps the manager's wording; an unchanged item
 * takes the lock box as submitted (that is how a manager unlocks one).
 */
export function updateItemContent(
  workspaceId: string,
  studyId: string,
  itemId: string,
  input: { text: LocalizedText; reverse: boolean; locked: boolean },
  db?: DB,
): DraftResult<{ changed: boolean; locked: boolean }> {
  return editDraft(workspaceId, studyId, db, (tx, study) => {
    const item = loadDraft(studyId, tx).flatMap((c) => c.items).find((i) => i.id === itemId);
    if (!item) return refuse("itemNotFound");
    const text = mergeText(item.text, input.text, study.languages);
    const changed = !sameText(item.text, text, study.languages) || item.reverse !== input.reverse;
    const locked = changed || input.locked;
    updateItem(studyId, itemId, { text, reverse: input.reverse, locked }, tx);
    return { ok: true, changed, locked };
  });
}

/** The manager's own item, locked: the generator has nothing to replace it with. */
export function addItem(
  workspaceId: string,
  studyId: string,
  criterionId: string,
  input: { text: LocalizedText; reverse: boolean },
  db?: DB,
): DraftResult<{ itemId: string }> {
  return editDraft(workspaceId, studyId, db, (tx, study) => {
    const criterion = loadDraft(studyId, tx).find((c) => c.id === criterionId);
    if (!criterion) return refuse("criterionNotFound");
    if (criterion.items.length >= maxDraftItemsPerCriterion) return refuse("itemLimit");
    const itemId = randomUUID();
    insertItem(
      {
        id: itemId,
        studyId,
        criterionId,
        key: nextItemKey(criterion.key, new Set(allItemKeys(studyId, tx))),
        text: mergeText({}, input.text, study.languages),
        reverse: input.reverse,
        locked: true,
        position: criterion.items.length,
      },
      tx,
    );
    return { ok: true, itemId };
  });
}

export function removeItem(workspaceId: string, studyId: string, itemId: string, db?: DB): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx) => {
    const criterion = loadDraft(studyId, tx).find((c) => c.items.some((i) => i.id === itemId));
    if (!criterion) return refuse("itemNotFound");
    updateItem(studyId, itemId, { removedAt: Date.now() }, tx);
    renumberItems(studyId, criterion.items.filter((i) => i.id !== itemId), tx);
    return { ok: true };
  });
}

export function moveItem(workspaceId: string, studyId: string, itemId: string, direction: "up" | "down", db?: DB): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx) => {
    const criterion = loadDraft(studyId, tx).find((c) => c.items.some((i) => i.id === itemId));
    if (!criterion) return refuse("itemNotFound");
    const ordered = swapped(criterion.items, criterion.items.findIndex((i) => i.id === itemId), direction);
    if (ordered) renumberItems(studyId, ordered, tx);
    return { ok: true };
  });
}

/** Moves an item to the end of another criterion; it keeps its id and key, and is locked (a manager's decision). */
export function moveItemToCriterion(
  workspaceId: string,
  studyId: string,
  itemId: string,
  targetCriterionId: string,
  db?: DB,
): DraftResult {
  return editDraft(workspaceId, studyId, db, (tx) => {
    const draft = loadDraft(studyId, tx);
    const source = draft.find((c) => c.items.some((i) => i.id === itemId));
    if (!source) return refuse("itemNotFound");
    const target = draft.find((c) => c.id === targetCriterionId);
    if (!target) return refuse("criterionNotFound");
    if (target.id === source.id) return refuse("sameCriterion");
    if (target.items.length >= maxDraftItemsPerCriterion) return refuse("itemLimit");
    updateItem(studyId, itemId, { criterionId: target.id, position: target.items.length, locked: true }, tx);
    renumberItems(studyId, source.items.filter((i) => i.id !== itemId), tx);
    return { ok: true };
  });
}
