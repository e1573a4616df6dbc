// The statistics METHOD.md §4 shows with every mean, computed from running
// sums (n, Σx, Σx²) so that write-time aggregates are all the read side needs.
// Nothing here ever returns NaN or ±Infinity: what cannot be computed is null
// (JSON would silently turn NaN/Infinity into null anyway, so we say it).

import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantileRaw from "@stdlib/stats-base-dists-t-quantile";
import type { GapStat, MeanStat, Moments, Verdict } from "./types";

export const emptyMoments = (): Moments => ({ n: 0, sum: 0, sumSq: 0 });

export function momentsOf(values: number[]): Moments {
  let sum = 0;
  let sumSq = 0;
  for (const x of values) {
    sum += x;
    sumSq += x * x;
  }
  return { n: values.length, sum, sumSq };
}

export function addMoments(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

export function addValue(m: Moments, x: number): Moments {
  return { n: m.n + 1, sum: m.sum + x, sumSq: m.sumSq + x * x };
}

export function meanOf(m: Moments): number | null {
  return m.n > 0 ? m.sum / m.n : null;
}

/**
 * Sample variance (n − 1) from sums: (Σx² − (Σx)²/n)/(n − 1).
 * The one-pass formula cancels catastrophically when all values are equal,
 * leaving ±1e-15-sized noise; a numerator below 1e-12·Σx² is therefore taken
 * as exactly 0. Real data cannot get that close: ratings and respondent
 * criterion means lie on a grid of 1/60, so a non-zero spread is ≥ (1/60)²
 * while 1e-12·Σx² stays far below that for any plausible n (< 5·10⁶).
 */
export function varianceOf(m: Moments): number | null {
  if (m.n < 2) return null;
  const numerator = m.sumSq - (m.sum * m.sum) / m.n;
  if (numerator <= 1e-12 * Math.abs(m.sumSq)) return 0;
  return numerator / (m.n - 1);
}

export function sdOf(m: Moments): number | null {
  const v = varianceOf(m);
  return v === null ? null : Math.sqrt(v);
}

/** Student's t quantile; df may be fractional (Welch). */
export function tQuantile(p: number, df: number): number {
  return tQuantileRaw(p, df);
}

/**
 * Two-sided p-value for a t statistic. Uses 2·F(−|t|) rather than
 * 2·(1 − F(|t|)) so that very small p-values keep their precision.
 */
export function twoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

function ciAround(mean: number, se: number, df: number): [number, number] {
  const half = tQuantile(0.975, df) * se;
  return [mean - half, mean + half];
}

/** n, mean, SD (n − 1) and the 95% t interval of METHOD.md §4. */
export function meanStat(m: Moments): MeanStat {
  const mean = meanOf(m);
  const sd = sdOf(m);
  if (mean === null || sd === null) return { n: m.n, mean, sd: null, ci: null };
  return { n: m.n, mean, sd, ci: ciAround(mean, sd / Math.sqrt(m.n), m.n - 1) };
}

/** Shortfall if the CI lies above 0, exceeded if below, met otherwise. */
export function verdictOf(ci: [number, number] | null): Verdict | null {
  if (ci === null) return null;
  if (ci[0] > 0) return "shortfall";
  if (ci[1] < 0) return "exceeded";
  return "met";
}

/**
 * Paired t-test on the gaps g = E − P (METHOD.md §4): t = ḡ/(s_g/√n),
 * df = n − 1, two-sided p.
 *
 * Zero spread (every gap identical, n ≥ 2): t is infinite, which JSON cannot
 * carry, so t is null. p is 0 when ḡ ≠ 0 (the limit: no sampling doubt
 * left) and null when ḡ = 0 (0/0, undefined). The CI degenerates to [ḡ, ḡ]
 * and the verdict follows from it as usual.
 */
export function pairedGapStat(g: Moments): GapStat {
  const base = meanStat(g);
  if (base.mean === null || base.sd === null) {
    return { ...base, t: null, p: null, verdict: null };
  }
  const df = g.n - 1;
  if (base.sd === 0) {
    return { ...base, t: null, p: base.mean === 0 ? null : 0, verdict: verdictOf(base.ci) };
  }
  const t = base.mean / (base.sd / Math.sqrt(g.n));
  return { ...base, t, p: twoSidedP(t, df), verdict: verdictOf(base.ci) };
}

export type WelchTest = {
  /** mean(a) − mean(b); null when either group is empty. */
  difference: number | null;
  t: number | null;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  df: number | null;
  p: number | null;
  ci: [number, number] | null;
};

/**
 * Welch's unequal-variance t-test of mean(a) − mean(b): the groups are
 * different people (METHOD.md §5). Needs n ≥ 2 in both groups. When both
 * groups have zero spread the statistic is undefined: t and df are null, the
 * CI collapses onto the difference and p follows the rule of pairedGapStat.
 */
export function welchTest(a: Moments, b: Moments): WelchTest {
  const meanA = meanOf(a);
  const meanB = meanOf(b);
  const difference = meanA === null || meanB === null ? null : meanA - meanB;
  const varA = varianceOf(a);
  const varB = varianceOf(b);
  if (difference === null || varA === null || varB === null) {
    return { difference, t: null, df: null, p: null, ci: null };
  }
  const qa = varA / a.n;
  const qb = varB / b.n;
  const se2 = qa + qb;
  if (se2 === 0) {
    return { difference, t: null, df: null, p: difference === 0 ? null : 0, ci: [difference, difference] };
  }
  const se = Math.sqrt(se2);
  const df = (se2 * se2) / ((qa * qa) / (a.n - 1) + (qb * qb) / (b.n - 1));
  const t = difference / se;
  return { difference, t, df, p: twoSidedP(t, df), ci: ciAround(difference, se, df) };
}
