// The data contracts between the stored questionnaire, the write-time
// aggregates and the scoring maths of METHOD.md. Plain data only: the
// database layer maps its rows to these shapes, the scoring functions never
// see a database.

export type Scale = 5 | 7;

/** The part of a published version the maths needs (METHOD.md §1–2). */
export type VersionDefinition = {
  scale: Scale;
  criteria: {
    id: string;
    key: string;
    /** Manager's points, 0…100; the points of all criteria sum to 100. */
    weight: number;
    items: { id: string; key: string; reverse: boolean }[];
  }[];
};

/** One customer's answer to one item as stored: null/null is N/A. */
export type CustomerAnswer = {
  itemId: string;
  expected: number | null;
  perceived: number | null;
};

/** One rating from an internal perspective (M, S, D or C); null is N/A. */
export type PerspectiveAnswer = { itemId: string; rating: number | null };

export const perspectives = ["management", "standard", "delivery", "communication"] as const;
export type Perspective = (typeof perspectives)[number];

/** Running sums of one variable: enough for n, mean, SD, CI and t-tests. */
export type Moments = { n: number; sum: number; sumSq: number };

/** Running sums of an expected/perceived pair and its gap g = E − P. */
export type PairMoments = { expected: Moments; perceived: Moments; gap: Moments };

/**
 * Sums for Cronbach's α of one criterion, over the respondents who counted
 * every item of the criterion (complete cases). Item order follows
 * `itemIds`; `total` is the sum of the k item scores per respondent.
 */
export type AlphaMoments = { itemIds: string[]; items: Moments[]; total: Moments };

export type MeanStat = {
  n: number;
  mean: number | null;
  sd: number | null;
  ci: [number, number] | null;
};

export type Verdict = "shortfall" | "met" | "exceeded";

export type GapStat = MeanStat & { t: number | null; p: number | null; verdict: Verdict | null };
