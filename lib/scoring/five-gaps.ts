// The five gaps of METHOD.md §5, each "Ā − B̄" between two rating groups on
// the same items and scale, aggregated to items, criteria and a weighted
// total exactly as §3 does for Gap 5.

import { meanOf, pairedGapStat, welchTest, type WelchTest } from "./statistics";
import { weightedQuality, type QualityReason } from "./quality";
import type { GapStat, Moments, Perspective, Scale, VersionDefinition } from "./types";

/** E, P: customers; M, S, D, C: the internal perspectives. */
export type RatingGroup = "E" | "P" | "M" | "S" | "D" | "C";
export type GapNumber = 1 | 2 | 3 | 4 | 5;

/** Moments of one group's ratings: per item and per respondent criterion score. */
export type GroupMoments = {
  responses: number;
  items: Record<string, Moments>;
  criteria: Record<string, Moments>;
};

/** Gap g = A − B; positive = shortfall at that link. */
export const gapDefinitions: Record<GapNumber, { a: RatingGroup; b: RatingGroup }> = {
  1: { a: "E", b: "M" },
  2: { a: "M", b: "S" },
  3: { a: "S", b: "D" },
  4: { a: "C", b: "D" },
  5: { a: "E", b: "P" },
};

const groupOwner = {
  E: "customer",
  P: "customer",
  M: "management",
  S: "standard",
  D: "delivery",
  C: "communication",
} as const;
export type GroupOwner = (typeof groupOwner)[RatingGroup];

/** The rating group each internal perspective gives: groupOwner read the other way for M, S, D and C. */
export const perspectiveGroup = Object.fromEntries(
  Object.entries(groupOwner)
    .filter(([, owner]) => owner !== "customer")
    .map(([group, owner]) => [owner, group]),
) as Record<Perspective, Exclude<RatingGroup, "E" | "P">>;

export type GapReason = QualityReason | { code: "not-enough-data"; groups: GroupOwner[] };

export type GapResult = {
  /** Σ w_c·gap_c, null with `reason` when it cannot be computed. */
  total: number | null;
  /** By criterion key. */
  criteria: Record<string, number | null>;
  /** By item key. */
  items: Record<string, number | null>;
  /**
   * The smaller response count of the groups involved (API.md shows one n);
   * `groups` gives each one's n, as §5 asks to show every perspective's n.
   */
  n: number;
  groups: Partial<Record<GroupOwner, number>>;
  status: "ok" | "not-enough-data";
  reason: GapReason | null;
  /**
   * Per criterion key: Welch's test for gaps 1–4 (different people), the
   * paired test of g_rc for gap 5 (the same customers rated E and P).
   */
  tests: Record<string, WelchTest | GapStat>;
};

export type FiveGapsInput = {
  version: VersionDefinition;
  groups: Partial<Record<RatingGroup, GroupMoments | null>>;
  /** Gap 5's paired test needs the respondent criterion gaps g_rc, by criterion id. */
  customerCriterionGaps: Record<string, Moments>;
};

const mean = (m: Moments | undefined): number | null => (m ? meanOf(m) : null);

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

export function computeGap(gap: GapNumber, input: FiveGapsInput): GapResult {
  const { a, b } = gapDefinitions[gap];
  const groupA = input.groups[a] ?? null;
  const groupB = input.groups[b] ?? null;
  const groups: Partial<Record<GroupOwner, number>> = {
    [groupOwner[a]]: groupA?.responses ?? 0,
    [groupOwner[b]]: groupB?.responses ?? 0,
  };
  const n = Math.min(groupA?.responses ?? 0, groupB?.responses ?? 0);
  const empty = (Object.keys(groups) as GroupOwner[]).filter((g) => (groups[g] ?? 0) === 0);
  const { criteria: defs } = input.version;

  if (groupA === null || groupB === null || empty.length > 0) {
    // A group with no answers makes the gap unknown, never 0 (§5).
    return {
      total: null,
      criteria: Object.fromEntries(defs.map((c) => [c.key, null])),
      items: Object.fromEntries(defs.flatMap((c) => c.items.map((i) => [i.key, null]))),
      n,
      groups,
      status: "not-enough-data",
      reason: { code: "not-enough-data", groups: empty },
      tests: {},
    };
  }

  const criterionMeans = defs.map((c) => ({
    key: c.key,
    weight: c.weight,
    expectedMean: mean(groupA.criteria[c.id]),
    perceivedMean: mean(groupB.criteria[c.id]),
  }));
  const weighted = weightedQuality(criterionMeans);
  const criteria: Record<string, number | null> = {};
  const tests: Record<string, WelchTest | GapStat> = {};
  for (const [i, c] of defs.entries()) {
    criteria[c.key] = diff(criterionMeans[i].expectedMean, criterionMeans[i].perceivedMean);
    const none: Moments = { n: 0, sum: 0, sumSq: 0 };
    tests[c.key] =
      gap === 5 ? pairedGapStat(input.customerCriterionGaps[c.id] ?? none) : welchTest(groupA.criteria[c.id] ?? none, groupB.criteria[c.id] ?? none);
  }
  const items: Record<string, number | null> = {};
  for (const c of defs) {
    for (const item of c.items) items[item.key] = diff(mean(groupA.items[item.id]), mean(groupB.items[item.id]));
  }
  return { total: weighted.serviceQualityGap, criteria, items, n, groups, status: "ok", reason: weighted.reason, tests };
}

export function computeFiveGaps(input: FiveGapsInput): Record<`${GapNumber}`, GapResult> {
  return {
    "1": computeGap(1, input),
    "2": computeGap(2, input),
    "3": computeGap(3, input),
    "4": computeGap(4, input),
    "5": computeGap(5, input),
  };
}

export type CauseFactorMoments = { key: string; gap: 1 | 2 | 3 | 4; moments: Moments };
export type RankedCause = { key: string; mean: number; n: number };

/**
 * Likely causes per gap (§5 "Causes"): factors whose mean (already reverse
 * scored at write time) lies in the weak half of the scale, mean < (L+1)/2,
 * weakest first; equal means by key so the order is stable. The midpoint
 * itself is not weak: it is neither agreement nor disagreement.
 */
export function rankCauses(factors: CauseFactorMoments[], scale: Scale): Record<"1" | "2" | "3" | "4", RankedCause[]> {
  const midpoint = (scale + 1) / 2;
  const ranked: Record<"1" | "2" | "3" | "4", RankedCause[]> = { "1": [], "2": [], "3": [], "4": [] };
  for (const f of factors) {
    const m = meanOf(f.moments);
    if (m !== null && m < midpoint) ranked[`${f.gap}`].push({ key: f.key, mean: m, n: f.moments.n });
  }
  for (const list of Object.values(ranked)) {
    list.sort((x, y) => x.mean - y.mean || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  }
  return ranked;
}
