// The expectancy-value totals of METHOD.md §3: EQ = Σ w_c·Ē_c,
// PQ = Σ w_c·P̄_c, SQ = EQ − PQ, plus the two unweighted companions.

import type { Moments } from "./types";

export type QualityReason = { code: "criterion-without-data"; criteria: string[] } | { code: "invalid-weights"; problems: string[] };

export type WeightedCriterion = {
  key: string;
  /** Manager's points, 0…100. */
  weight: number;
  expectedMean: number | null;
  perceivedMean: number | null;
};

export type WeightedQuality = {
  expectedQuality: number | null;
  perceivedQuality: number | null;
  serviceQualityGap: number | null;
  reason: QualityReason | null;
};

/** Problems with a 100-point split; empty when the weights are usable. */
export function validateWeights(points: number[]): string[] {
  const problems: string[] = [];
  points.forEach((p, i) => {
    if (!Number.isFinite(p)) problems.push(`weight ${i + 1} is not a finite number`);
    else if (p < 0) problems.push(`weight ${i + 1} is negative`);
  });
  if (points.length === 0) problems.push("there are no weights");
  if (problems.length === 0) {
    const sum = points.reduce((s, p) => s + p, 0);
    // Decimals are allowed (§2), so the sum is compared with a tolerance.
    if (Math.abs(sum - 100) > 1e-9) problems.push(`weights sum to ${sum}, not 100`);
  }
  return problems;
}

/**
 * EQ, PQ and SQ with w_c = points/100. A criterion with weight > 0 and no
 * data makes all three null with the reason; the remaining weights are never
 * renormalised (§3.3). Weights that fail validateWeights also give null: a
 * total on a broken split would be a made-up number.
 */
export function weightedQuality(criteria: WeightedCriterion[]): WeightedQuality {
  const none = (reason: QualityReason): WeightedQuality => ({
    expectedQuality: null,
    perceivedQuality: null,
    serviceQualityGap: null,
    reason,
  });
  const problems = validateWeights(criteria.map((c) => c.weight));
  if (problems.length > 0) return none({ code: "invalid-weights", problems });
  const missing = criteria.filter((c) => c.weight > 0 && (c.expectedMean === null || c.perceivedMean === null)).map((c) => c.key);
  if (missing.length > 0) return none({ code: "criterion-without-data", criteria: missing });
  let eq = 0;
  let pq = 0;
  for (const c of criteria) {
    // Weight-0 criteria add nothing, with or without data.
    if (c.weight === 0 || c.expectedMean === null || c.perceivedMean === null) continue;
    eq += (c.weight / 100) * c.expectedMean;
    pq += (c.weight / 100) * c.perceivedMean;
  }
  return { expectedQuality: eq, perceivedQuality: pq, serviceQualityGap: eq - pq, reason: null };
}

/** PZB's unweighted gap: mean of Ḡ_c over the criteria that have data. */
export function unweightedGap(criterionGaps: (number | null)[]): number | null {
  const withData = criterionGaps.filter((g): g is number => g !== null);
  return withData.length === 0 ? null : withData.reduce((s, g) => s + g, 0) / withData.length;
}

/** Mean item gap pooled over all counted pairs: Σg / Σn over the item gap moments. */
export function meanItemGap(itemGaps: Moments[]): number | null {
  let n = 0;
  let sum = 0;
  for (const m of itemGaps) {
    n += m.n;
    sum += m.sum;
  }
  return n === 0 ? null : sum / n;
}

/**
 * One criterion's part of SQ: w_c·Ḡ_c with w_c = points/100 (positive =
 * shortfall). Over all criteria with data these add up to SQ (§3.3).
 */
export function criterionShare(weightPoints: number, criterionGap: number | null): number | null {
  return criterionGap === null ? null : (weightPoints / 100) * criterionGap;
}
