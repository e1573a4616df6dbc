// Write-time running sums. Every figure of the results page is a function of
// these sums, so a submit only adds one response's contribution inside its
// transaction (n = n + ?, sum = sum + ?, …) and reads never touch raw
// responses. Buckets (per version, day, segment, …) merge by plain addition,
// which is what makes any filter cheap; recompute* is the repair path.

import { addMoments, addValue, emptyMoments } from "./statistics";
import { scoreCustomerResponse, scoreCustomerWeights, scoreInternalResponse, reverseScore, usableRating, type CompleteCase } from "./response-scores";
import type { AlphaMoments, CustomerAnswer, Moments, PairMoments, PerspectiveAnswer, Scale, VersionDefinition } from "./types";

export type AlphaPair = { expected: AlphaMoments; perceived: AlphaMoments };

export type CustomerCriterionAggregate = {
  /** Moments of the respondent criterion scores E_rc, P_rc, g_rc. */
  scores: PairMoments;
  /**
   * Complete-case sums for α, one group per item set (key: alphaKey). Versions
   * can give a criterion different items; respondents of different item sets
   * cannot share one α, so each set keeps its own sums.
   */
  alpha: Record<string, AlphaPair>;
  /** Points customers gave this criterion in the constant-sum question. */
  customerWeight: Moments;
};

export type CustomerAggregate = {
  responses: number;
  items: Record<string, PairMoments>;
  criteria: Record<string, CustomerCriterionAggregate>;
};

export type PerspectiveAggregate = {
  responses: number;
  items: Record<string, Moments>;
  /** Moments of the respondent criterion means (respondent-level, as for customers). */
  criteria: Record<string, Moments>;
  /** Ratings of the gap-cause statements, after reverse scoring, by factor key. */
  causes: Record<string, Moments>;
};

export type CauseFactorDefinition = { key: string; gap: 1 | 2 | 3 | 4; reverse: boolean };
export type CauseAnswer = { factor: string; rating: number | null };

export type CustomerResponseInput = { answers: CustomerAnswer[]; weights?: Record<string, number> | null };
export type PerspectiveResponseInput = { answers: PerspectiveAnswer[]; causes?: CauseAnswer[] };

/** Canonical key of an item set: sorted ids, JSON-encoded so any id character is safe. */
export function alphaKey(itemIds: string[]): string {
  return JSON.stringify([...itemIds].sort());
}

const emptyPair = (): PairMoments => ({ expected: emptyMoments(), perceived: emptyMoments(), gap: emptyMoments() });

const addPair = (a: PairMoments, b: PairMoments): PairMoments => ({
  expected: addMoments(a.expected, b.expected),
  perceived: addMoments(a.perceived, b.perceived),
  gap: addMoments(a.gap, b.gap),
});

const pairOf = (e: number, p: number): PairMoments => ({
  expected: addValue(emptyMoments(), e),
  perceived: addValue(emptyMoments(), p),
  gap: addValue(emptyMoments(), e - p),
});

function alphaOf(itemIds: string[], scores: number[]): AlphaMoments {
  return {
    itemIds,
    items: scores.map((x) => addValue(emptyMoments(), x)),
    total: addValue(
      emptyMoments(),
      scores.reduce((s, x) => s + x, 0),
    ),
  };
}

function addAlpha(a: AlphaMoments, b: AlphaMoments): AlphaMoments {
  // Same alphaKey means the same sorted item list, so items align by index.
  return { itemIds: a.itemIds, items: a.items.map((m, i) => addMoments(m, b.items[i])), total: addMoments(a.total, b.total) };
}

const emptyCriterion = (): CustomerCriterionAggregate => ({ scores: emptyPair(), alpha: {}, customerWeight: emptyMoments() });

export const emptyAggregate = (): CustomerAggregate => ({ responses: 0, items: {}, criteria: {} });

export const emptyPerspectiveAggregate = (): PerspectiveAggregate => ({ responses: 0, items: {}, criteria: {}, causes: {} });

/** Adds the entries of b to a, key by key; keys missing on one side count as empty. */
function mergeRecords<T>(a: Record<string, T>, b: Record<string, T>, add: (x: T, y: T) => T): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] = Object.hasOwn(out, key) ? add(out[key], value) : value;
  }
  return out;
}

function mergeCriterion(a: CustomerCriterionAggregate, b: CustomerCriterionAggregate): CustomerCriterionAggregate {
  return {
    scores: addPair(a.scores, b.scores),
    alpha: mergeRecords(a.alpha, b.alpha, (x, y) => ({
      expected: addAlpha(x.expected, y.expected),
      perceived: addAlpha(x.perceived, y.perceived),
    })),
    customerWeight: addMoments(a.customerWeight, b.customerWeight),
  };
}

export function mergeAggregates(a: CustomerAggregate, b: CustomerAggregate): CustomerAggregate {
  return {
    responses: a.responses + b.responses,
    items: mergeRecords(a.items, b.items, addPair),
    criteria: mergeRecords(a.criteria, b.criteria, mergeCriterion),
  };
}

/** A contribution is a bucket holding exactly one response, so adding is merging. */
export const addContribution = mergeAggregates;

// The same sums as mergeAggregates, added into `target` instead of copied
// into a new object: summing an import of 100,000 responses per bucket would
// otherwise copy the bucket's whole record once per response. The additions
// are the same and in the same order, so the sums are identical to the bit.
const addMomentsInto = (target: Moments, b: Moments) => {
  target.n += b.n;
  target.sum += b.sum;
  target.sumSq += b.sumSq;
};
const addPairInto = (target: PairMoments, b: PairMoments) => {
  addMomentsInto(target.expected, b.expected);
  addMomentsInto(target.perceived, b.perceived);
  addMomentsInto(target.gap, b.gap);
};
const addAlphaInto = (target: AlphaMoments, b: AlphaMoments) => {
  target.items.forEach((m, i) => addMomentsInto(m, b.items[i]));
  addMomentsInto(target.total, b.total);
};
const copyMoments = (m: Moments): Moments => ({ ...m });
const copyPair = (p: PairMoments): PairMoments => ({
  expected: copyMoments(p.expected),
  perceived: copyMoments(p.perceived),
  gap: copyMoments(p.gap),
});
const copyAlpha = (a: AlphaMoments): AlphaMoments => ({ itemIds: a.itemIds, items: a.items.map(copyMoments), total: copyMoments(a.total) });

/** Adds a contribution into `target` (which it changes; `contribution` is left alone). */
export function addContributionInto(target: CustomerAggregate, contribution: CustomerAggregate): void {
  target.responses += contribution.responses;
  for (const [id, pair] of Object.entries(contribution.items)) {
    if (Object.hasOwn(target.items, id)) addPairInto(target.items[id], pair);
    else target.items[id] = copyPair(pair);
  }
  for (const [id, c] of Object.entries(contribution.criteria)) {
    if (!Object.hasOwn(target.criteria, id)) {
      target.criteria[id] = { scores: copyPair(c.scores), alpha: {}, customerWeight: copyMoments(c.customerWeight) };
      for (const [key, a] of Object.entries(c.alpha))
        target.criteria[id].alpha[key] = { expected: copyAlpha(a.expected), perceived: copyAlpha(a.perceived) };
      continue;
    }
    const t = target.criteria[id];
    addPairInto(t.scores, c.scores);
    for (const [key, a] of Object.entries(c.alpha)) {
      if (Object.hasOwn(t.alpha, key)) {
        addAlphaInto(t.alpha[key].expected, a.expected);
        addAlphaInto(t.alpha[key].perceived, a.perceived);
      } else t.alpha[key] = { expected: copyAlpha(a.expected), perceived: copyAlpha(a.perceived) };
    }
    addMomentsInto(t.customerWeight, c.customerWeight);
  }
}

/** The sums one customer response adds to every bucket it belongs to. */
export function contributionOf(
  version: VersionDefinition,
  answers: CustomerAnswer[],
  customerWeights?: Record<string, number> | null,
): CustomerAggregate {
  const scored = scoreCustomerResponse(version, answers);
  const items: Record<string, PairMoments> = {};
  for (const s of scored.items) items[s.itemId] = pairOf(s.expected, s.perceived);
  const criteria: Record<string, CustomerCriterionAggregate> = {};
  for (const c of scored.criteria) {
    criteria[c.criterionId] = {
      scores: pairOf(c.expected, c.perceived),
      alpha: c.complete ? { [alphaKey(c.complete.itemIds)]: alphaPairOf(c.complete) } : {},
      customerWeight: emptyMoments(),
    };
  }
  if (customerWeights) {
    for (const w of scoreCustomerWeights(version, customerWeights)) {
      const entry = criteria[w.criterionId] ?? emptyCriterion();
      criteria[w.criterionId] = { ...entry, customerWeight: addValue(emptyMoments(), w.points) };
    }
  }
  return { responses: 1, items, criteria };
}

function alphaPairOf(c: CompleteCase): AlphaPair {
  return { expected: alphaOf(c.itemIds, c.expected), perceived: alphaOf(c.itemIds, c.perceived) };
}

/** Repair path: the bucket of one version rebuilt from its raw responses. */
export function recomputeAggregate(version: VersionDefinition, responses: CustomerResponseInput[]): CustomerAggregate {
  return responses.reduce((agg, r) => mergeAggregates(agg, contributionOf(version, r.answers, r.weights)), emptyAggregate());
}

// ---- internal perspectives (M, S, D, C) ----

export function mergePerspectiveAggregates(a: PerspectiveAggregate, b: PerspectiveAggregate): PerspectiveAggregate {
  return {
    responses: a.responses + b.responses,
    items: mergeRecords(a.items, b.items, addMoments),
    criteria: mergeRecords(a.criteria, b.criteria, addMoments),
    causes: mergeRecords(a.causes, b.causes, addMoments),
  };
}

export const addPerspectiveContribution = mergePerspectiveAggregates;

/**
 * The sums one internal response adds. Cause statements are rated on the
 * version's scale; a reverse-worded statement is reverse scored like an item,
 * so "weak half" always means the same thing. Unknown factors are ignored.
 */
export function perspectiveContributionOf(
  version: VersionDefinition,
  answers: PerspectiveAnswer[],
  causeAnswers: CauseAnswer[] = [],
  causeFactors: CauseFactorDefinition[] = [],
): PerspectiveAggregate {
  const scored = scoreInternalResponse(version, answers);
  const items: Record<string, Moments> = {};
  for (const s of scored.items) items[s.itemId] = addValue(emptyMoments(), s.rating);
  const criteria: Record<string, Moments> = {};
  for (const c of scored.criteria) criteria[c.criterionId] = addValue(emptyMoments(), c.mean);
  return { responses: 1, items, criteria, causes: causeContributionOf(version.scale, causeAnswers, causeFactors) };
}

export function causeContributionOf(scale: Scale, answers: CauseAnswer[], factors: CauseFactorDefinition[]): Record<string, Moments> {
  const byKey = new Map(factors.map((f) => [f.key, f]));
  const causes: Record<string, Moments> = {};
  for (const a of answers) {
    const factor = byKey.get(a.factor);
    const rating = usableRating(a.rating, scale);
    // First answer per factor wins, like items.
    if (!factor || rating === null || Object.hasOwn(causes, a.factor)) continue;
    causes[a.factor] = addValue(emptyMoments(), reverseScore(rating, scale, factor.reverse));
  }
  return causes;
}

export function recomputePerspectiveAggregate(
  version: VersionDefinition,
  responses: PerspectiveResponseInput[],
  causeFactors: CauseFactorDefinition[] = [],
): PerspectiveAggregate {
  return responses.reduce(
    (agg, r) => mergePerspectiveAggregates(agg, perspectiveContributionOf(version, r.answers, r.causes, causeFactors)),
    emptyPerspectiveAggregate(),
  );
}
