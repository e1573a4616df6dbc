// Scores of one respondent (METHOD.md §2–3): reverse scoring, counted pairs,
// respondent criterion scores E_rc, P_rc, g_rc and the complete cases that
// Cronbach's α needs. Everything downstream works on these scores only.

import { weightedQuality } from "./quality";
import type { CustomerAnswer, PerspectiveAnswer, Scale, VersionDefinition } from "./types";

export type ScoredPair = {
  itemId: string;
  criterionId: string;
  expected: number;
  perceived: number;
  gap: number;
};

/**
 * The item scores of a respondent who counted every item of a criterion.
 * Items are in canonical (sorted id) order so that complete cases of the same
 * item set pool together regardless of the order items were shown in.
 */
export type CompleteCase = { itemIds: string[]; expected: number[]; perceived: number[] };

export type CustomerCriterionScore = {
  criterionId: string;
  /** How many of the criterion's items counted for this respondent (≥ 1). */
  counted: number;
  expected: number;
  perceived: number;
  gap: number;
  complete: CompleteCase | null;
};

export type CustomerResponseScore = {
  items: ScoredPair[];
  criteria: CustomerCriterionScore[];
};

export type InternalItemScore = { itemId: string; criterionId: string; rating: number };
export type InternalCriterionScore = { criterionId: string; counted: number; mean: number };
export type InternalResponseScore = { items: InternalItemScore[]; criteria: InternalCriterionScore[] };

export type CriterionPoints = { criterionId: string; points: number };

/**
 * A stored rating as it enters the maths, or null when it does not count.
 * Validation rejects bad ratings before they are stored; this guard keeps a
 * corrupt row from ever putting NaN or an off-scale value into the sums.
 */
export function usableRating(x: number | null | undefined, scale: Scale): number | null {
  if (typeof x !== "number" || !Number.isInteger(x) || x < 1 || x > scale) return null;
  return x;
}

/** METHOD.md §2: a reverse-scored rating x counts as L + 1 − x. */
export function reverseScore(x: number, scale: Scale, reverse: boolean): number {
  return reverse ? scale + 1 - x : x;
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** First answer per item wins: validation refuses duplicates, this just makes the rule explicit. */
function firstByItem<T extends { itemId: string }>(answers: T[]): Map<string, T> {
  const byItem = new Map<string, T>();
  for (const a of answers) if (!byItem.has(a.itemId)) byItem.set(a.itemId, a);
  return byItem;
}

export function scoreCustomerResponse(version: VersionDefinition, answers: CustomerAnswer[]): CustomerResponseScore {
  const byItem = firstByItem(answers);
  const items: ScoredPair[] = [];
  const criteria: CustomerCriterionScore[] = [];
  for (const criterion of version.criteria) {
    const counted: ScoredPair[] = [];
    for (const item of criterion.items) {
      const answer = byItem.get(item.id);
      if (!answer) continue;
      const e = usableRating(answer.expected, version.scale);
      const p = usableRating(answer.perceived, version.scale);
      // A pair counts only when both ratings are present (§3); N/A and half pairs drop out.
      if (e === null || p === null) continue;
      const expected = reverseScore(e, version.scale, item.reverse);
      const perceived = reverseScore(p, version.scale, item.reverse);
      counted.push({ itemId: item.id, criterionId: criterion.id, expected, perceived, gap: expected - perceived });
    }
    if (counted.length === 0) continue;
    items.push(...counted);
    const expected = mean(counted.map((c) => c.expected));
    const perceived = mean(counted.map((c) => c.perceived));
    const complete = counted.length === criterion.items.length ? completeCaseOf(counted) : null;
    criteria.push({
      criterionId: criterion.id,
      counted: counted.length,
      expected,
      perceived,
      gap: expected - perceived,
      complete,
    });
  }
  return { items, criteria };
}

/**
 * The respondent's own weighted gap SQ_r = Σ_c w_c·g_rc (§3 applied to one
 * respondent, w_c = the version's points/100), stored with the response so
 * the follow-up list can rank shortfalls. The same rule as the study's SQ
 * (weightedQuality): null when a criterion with weight > 0 has no counted
 * item for this respondent, never renormalised over the rest.
 */
export function respondentWeightedGap(version: VersionDefinition, scored: CustomerResponseScore): number | null {
  const byCriterion = new Map(scored.criteria.map((c) => [c.criterionId, c]));
  return weightedQuality(
    version.criteria.map((c) => ({
      key: c.key,
      weight: c.weight,
      expectedMean: byCriterion.get(c.id)?.expected ?? null,
      perceivedMean: byCriterion.get(c.id)?.perceived ?? null,
    })),
  ).serviceQualityGap;
}

function completeCaseOf(counted: ScoredPair[]): CompleteCase {
  const sorted = [...counted].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return {
    itemIds: sorted.map((c) => c.itemId),
    expected: sorted.map((c) => c.expected),
    perceived: sorted.map((c) => c.perceived),
  };
}

/** An internal perspective (M, S, D, C) rates each item once, on the same scale. */
export function scoreInternalResponse(version: VersionDefinition, answers: PerspectiveAnswer[]): InternalResponseScore {
  const byItem = firstByItem(answers);
  const items: InternalItemScore[] = [];
  const criteria: InternalCriterionScore[] = [];
  for (const criterion of version.criteria) {
    const ratings: number[] = [];
    for (const item of criterion.items) {
      const r = usableRating(byItem.get(item.id)?.rating, version.scale);
      if (r === null) continue;
      const rating = reverseScore(r, version.scale, item.reverse);
      ratings.push(rating);
      items.push({ itemId: item.id, criterionId: criterion.id, rating });
    }
    if (ratings.length > 0) {
      criteria.push({ criterionId: criterion.id, counted: ratings.length, mean: mean(ratings) });
    }
  }
  return { items, criteria };
}

/**
 * A customer's constant-sum split (PZB), keyed by criterion id or key.
 * Criteria the respondent left out got 0 of their 100 points, so every
 * criterion of the version is recorded; unknown keys and non-finite or
 * negative values are ignored (validation refuses them before storage).
 */
export function scoreCustomerWeights(version: VersionDefinition, weights: Record<string, number>): CriterionPoints[] {
  return version.criteria.map((c) => {
    const raw = Object.hasOwn(weights, c.id) ? weights[c.id] : weights[c.key];
    const points = typeof raw === "number" && Number.isFinite(raw) && raw >= 0 ? raw : 0;
    return { criterionId: c.id, points };
  });
}
