import type { VersionSnapshot } from "@/db/schema";
import { validateWeights } from "@/lib/scoring/quality";

// The second validation of a submission: against the version it answers.
// Pure; the survey page and the API share it, so both refuse the same things.

export type AnswerProblem = { path: string; code: string; message: string };

export type CheckedAnswer = { itemId: string; expected: number | null; perceived: number | null };

export type CheckedCustomerResponse = {
  answers: CheckedAnswer[];
  comments: { criterionId: string; text: string }[];
  weights: Record<string, number> | null;
};

// The lookups of one snapshot object, built once (a published snapshot is
// kept per process and checked against on every submit). Shared: read only.
const itemLookups = new WeakMap<VersionSnapshot, ReadonlyMap<string, { id: string; criterionId: string }>>();
const criterionLookups = new WeakMap<VersionSnapshot, ReadonlyMap<string, string>>();

/** Finds an item of the version by its id or its key. */
export function itemLookup(snapshot: VersionSnapshot): ReadonlyMap<string, { id: string; criterionId: string }> {
  let kept = itemLookups.get(snapshot);
  if (!kept) itemLookups.set(snapshot, (kept = buildItemLookup(snapshot)));
  return kept;
}

function buildItemLookup(snapshot: VersionSnapshot) {
  const byRef = new Map<string, { id: string; criterionId: string }>();
  for (const c of snapshot.criteria) {
    for (const i of c.items) {
      byRef.set(i.id, { id: i.id, criterionId: c.id });
      byRef.set(i.key, { id: i.id, criterionId: c.id });
    }
  }
  return byRef;
}

export function criterionLookup(snapshot: VersionSnapshot): ReadonlyMap<string, string> {
  let kept = criterionLookups.get(snapshot);
  if (!kept) criterionLookups.set(snapshot, (kept = buildCriterionLookup(snapshot)));
  return kept;
}

function buildCriterionLookup(snapshot: VersionSnapshot) {
  const byRef = new Map<string, string>();
  for (const c of snapshot.criteria) {
    byRef.set(c.id, c.id);
    byRef.set(c.key, c.id);
  }
  return byRef;
}

export function checkCustomerResponse(
  snapshot: VersionSnapshot,
  input: {
    answers: { item: string; expected: number | null; perceived: number | null }[];
    comments?: Record<string, string>;
    weights?: Record<string, number>;
  },
  prefix = "",
): { ok: true; value: CheckedCustomerResponse } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const items = itemLookup(snapshot);
  const criteria = criterionLookup(snapshot);
  const seen = new Set<string>();
  const answers: CheckedAnswer[] = [];
  const L = snapshot.scale;
  input.answers.forEach((answer, index) => {
    const path = `${prefix}answers.${index}`;
    const item = items.get(answer.item);
    if (!item) {
      problems.push({ path: `${path}.item`, code: "unknownItem", message: `"${answer.item}" is not an item of this questionnaire version.` });
      return;
    }
    if (seen.has(item.id)) {
      problems.push({ path: `${path}.item`, code: "duplicateItem", message: `Item "${answer.item}" is answered twice.` });
      return;
    }
    seen.add(item.id);
    const { expected, perceived } = answer;
    if ((expected === null) !== (perceived === null)) {
      problems.push({ path, code: "halfPair", message: "Rate both expected and perceived, or mark the item not applicable." });
      return;
    }
    for (const [side, value] of [
      ["expected", expected],
      ["perceived", perceived],
    ] as const) {
      if (value !== null && (!Number.isInteger(value) || value < 1 || value > L)) {
        problems.push({ path: `${path}.${side}`, code: "ratingOutOfRange", message: `Ratings are whole numbers from 1 to ${L}.` });
      }
    }
    answers.push({ itemId: item.id, expected, perceived });
  });
  const comments: { criterionId: string; text: string }[] = [];
  // A criterion has one comment: naming it by both its key and its id is refused, not merged.
  const commented = new Set<string>();
  for (const [ref, text] of Object.entries(input.comments ?? {})) {
    const criterionId = criteria.get(ref);
    if (!criterionId) {
      problems.push({
        path: `${prefix}comments.${ref}`,
        code: "unknownCriterion",
        message: `"${ref}" is not a criterion of this questionnaire version.`,
      });
    } else if (commented.has(criterionId)) {
      problems.push({
        path: `${prefix}comments.${ref}`,
        code: "duplicateComment",
        message: `The criterion "${ref}" has a comment already (named by its key or id).`,
      });
    } else {
      commented.add(criterionId);
      if (text.trim()) comments.push({ criterionId, text: text.trim() });
    }
  }
  let weights: Record<string, number> | null = null;
  if (input.weights && Object.keys(input.weights).length > 0) {
    weights = {};
    for (const [ref, points] of Object.entries(input.weights)) {
      const criterionId = criteria.get(ref);
      if (!criterionId) {
        problems.push({
          path: `${prefix}weights.${ref}`,
          code: "unknownCriterion",
          message: `"${ref}" is not a criterion of this questionnaire version.`,
        });
      } else weights[criterionId] = (weights[criterionId] ?? 0) + points;
    }
    if (validateWeights(Object.values(weights)).length > 0) {
      problems.push({ path: `${prefix}weights`, code: "weightsSum", message: "The importance points must sum to exactly 100." });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { answers, comments, weights } };
}
