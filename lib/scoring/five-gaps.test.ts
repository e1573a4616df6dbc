import { describe, it, expect } from "vitest";
import {
  contributionOf,
  emptyAggregate,
  emptyPerspectiveAggregate,
  mergeAggregates,
  mergePerspectiveAggregates,
  perspectiveContributionOf,
} from "./aggregates";
import type { CauseFactorDefinition, PerspectiveAggregate } from "./aggregates";
import { rankCauses } from "./five-gaps";
import { computeResults } from "./results";
import { momentsOf, welchTest } from "./statistics";
import type { Perspective, VersionDefinition } from "./types";

const EXACT = 1e-9;

// Weights 60/40; b2 is reverse scored, so its stored ratings are 8 − score.
const version: VersionDefinition = {
  scale: 7,
  criteria: [
    {
      id: "cA",
      key: "A",
      weight: 60,
      items: [
        { id: "a1", key: "a1", reverse: false },
        { id: "a2", key: "a2", reverse: false },
      ],
    },
    {
      id: "cB",
      key: "B",
      weight: 40,
      items: [
        { id: "b1", key: "b1", reverse: false },
        { id: "b2", key: "b2", reverse: true },
      ],
    },
  ],
};
const itemIds = ["a1", "a2", "b1", "b2"];
const stored = (itemId: string, score: number) => (itemId === "b2" ? 8 - score : score);

/** Scores (after reverse scoring) per respondent, in item order a1 a2 b1 b2. */
const customers = [
  { e: [7, 6, 5, 7], p: [5, 4, 5, 6] },
  { e: [5, 6, 7, 5], p: [5, 6, 3, 4] },
];
const internal: Record<Perspective, number[][]> = {
  management: [
    [6, 5, 5, 4],
    [4, 5, 5, 7],
  ],
  standard: [[4, 5, 5, 6]],
  delivery: [
    [4, 4, 4, 3],
    [4, 3, 5, 5],
  ],
  communication: [[6, 6, 7, 5]],
};

const customerAgg = customers
  .map((r) =>
    contributionOf(
      version,
      itemIds.map((id, i) => ({ itemId: id, expected: stored(id, r.e[i]), perceived: stored(id, r.p[i]) })),
    ),
  )
  .reduce(mergeAggregates, emptyAggregate());

const perspectiveAgg = (rows: number[][]): PerspectiveAggregate =>
  rows
    .map((r) =>
      perspectiveContributionOf(
        version,
        itemIds.map((id, i) => ({ itemId: id, rating: stored(id, r[i]) })),
      ),
    )
    .reduce(mergePerspectiveAggregates, emptyPerspectiveAggregate());

const allPerspectives = {
  management: perspectiveAgg(internal.management),
  standard: perspectiveAgg(internal.standard),
  delivery: perspectiveAgg(internal.delivery),
  communication: perspectiveAgg(internal.communication),
};

const close = (actual: number | null | undefined, expected: number) => expect(Math.abs((actual ?? NaN) - expected)).toBeLessThan(EXACT);

describe("five gaps on a hand-checked fixture", () => {
  const { gaps } = computeResults({ version, customer: customerAgg, perspectives: allPerspectives });

  // Item means: E 6 6 6 6, P 5 5 4 5, M 5 5 5 5.5, S 4 5 5 6, D 4 3.5 4.5 4, C 6 6 7 5.
  // Criterion means of respondent scores: E 6 6, P 5 4.5, M 5 5.25, S 4.5 5.5, D 3.75 4.25, C 6 6.
  const expected = {
    "1": { items: [1, 1, 1, 0.5], criteria: [1, 0.75], total: 0.9, n: 2 },
    "2": { items: [1, 0, 0, -0.5], criteria: [0.5, -0.25], total: 0.2, n: 1 },
    "3": { items: [0, 1.5, 0.5, 2], criteria: [0.75, 1.25], total: 0.95, n: 1 },
    "4": { items: [2, 2.5, 2.5, 1], criteria: [2.25, 1.75], total: 2.05, n: 1 },
    "5": { items: [1, 1, 2, 1], criteria: [1, 1.5], total: 1.2, n: 2 },
  } as const;

  for (const gap of ["1", "2", "3", "4", "5"] as const) {
    it(`gap ${gap}: items, criteria, weighted total, n`, () => {
      const g = gaps[gap];
      expect(g.status).toBe("ok");
      expect(g.reason).toBeNull();
      expected[gap].items.forEach((v, i) => close(g.items[itemIds[i]], v));
      close(g.criteria.A, expected[gap].criteria[0]);
      close(g.criteria.B, expected[gap].criteria[1]);
      close(g.total, expected[gap].total);
      expect(g.n).toBe(expected[gap].n);
    });
  }

  it("reports each group's n", () => {
    expect(gaps["1"].groups).toEqual({ customer: 2, management: 2 });
    expect(gaps["4"].groups).toEqual({ communication: 1, delivery: 2 });
    expect(gaps["5"].groups).toEqual({ customer: 2 });
  });

  it("gaps 1–4 use Welch between the groups' respondent criterion scores, gap 5 the paired test", () => {
    expect(gaps["1"].tests.A).toEqual(welchTest(momentsOf([6.5, 5.5]), momentsOf([5.5, 4.5])));
    expect(gaps["2"].tests.A).toEqual({ difference: 0.5, t: null, df: null, p: null, ci: null });
    // g_rc for B: 6 − 5.5 and 6 − 3.5.
    expect(gaps["5"].tests.B).toMatchObject({ n: 2, mean: 1.5, sd: Math.sqrt(2) });
  });

  it("gap 5 total equals the service quality gap", () => {
    const r = computeResults({ version, customer: customerAgg, perspectives: allPerspectives });
    expect(r.gaps["5"].total).toBe(r.serviceQualityGap);
  });
});

describe("missing perspectives", () => {
  it("a perspective with no answers makes its gaps null and flagged, never 0", () => {
    const { gaps } = computeResults({
      version,
      customer: customerAgg,
      perspectives: { management: allPerspectives.management, delivery: allPerspectives.delivery, standard: emptyPerspectiveAggregate() },
    });
    expect(gaps["1"].status).toBe("ok");
    for (const gap of ["2", "3", "4"] as const) {
      expect(gaps[gap].status).toBe("not-enough-data");
      expect(gaps[gap].total).toBeNull();
      expect(Object.values(gaps[gap].criteria).every((v) => v === null)).toBe(true);
      expect(Object.values(gaps[gap].items).every((v) => v === null)).toBe(true);
    }
    expect(gaps["2"].reason).toEqual({ code: "not-enough-data", groups: ["standard"] });
    expect(gaps["4"].reason).toEqual({ code: "not-enough-data", groups: ["communication"] });
    expect(gaps["4"].groups).toEqual({ communication: 0, delivery: 2 });
  });

  it("a weighted criterion a perspective never rated nulls the total with the reason", () => {
    const standardOnlyA = perspectiveAgg([[4, 5, 0, 0]]); // 0 (and 8 after reversing) is off scale: not counted
    const { gaps } = computeResults({
      version,
      customer: customerAgg,
      perspectives: { ...allPerspectives, standard: standardOnlyA },
    });
    expect(gaps["2"].status).toBe("ok");
    expect(gaps["2"].total).toBeNull();
    expect(gaps["2"].reason).toEqual({ code: "criterion-without-data", criteria: ["B"] });
    close(gaps["2"].criteria.A, 0.5);
    expect(gaps["2"].criteria.B).toBeNull();
  });
});

describe("cause ranking", () => {
  const factors: CauseFactorDefinition[] = [
    { key: "research", gap: 1, reverse: false },
    { key: "levels", gap: 1, reverse: true },
    { key: "commitment", gap: 2, reverse: false },
    { key: "overpromise", gap: 4, reverse: true },
  ];
  const withCauses = (causes: Record<string, number>[]): PerspectiveAggregate =>
    causes
      .map((c) =>
        perspectiveContributionOf(
          version,
          [],
          Object.entries(c).map(([factor, rating]) => ({ factor, rating })),
          factors,
        ),
      )
      .reduce(mergePerspectiveAggregates, emptyPerspectiveAggregate());

  it("ranks weak-half factors per gap, weakest first, after reverse scoring", () => {
    const management = withCauses([
      { research: 3, levels: 6, commitment: 4, overpromise: 1 }, // levels → 2, overpromise → 7
      { research: 2, levels: 7, commitment: 4, overpromise: 2 }, // levels → 1, overpromise → 6
    ]);
    const { causes } = computeResults({ version, customer: customerAgg, perspectives: { management }, causeFactors: factors });
    expect(causes["1"]).toEqual([
      { key: "levels", mean: 1.5, n: 2 },
      { key: "research", mean: 2.5, n: 2 },
    ]);
    // commitment sits on the midpoint 4: not in the weak half.
    expect(causes["2"]).toEqual([]);
    expect(causes["4"]).toEqual([]);
  });

  it("pools a factor over perspectives; the midpoint depends on the scale", () => {
    const ranked = rankCauses(
      [
        { key: "x", gap: 3, moments: momentsOf([2, 3]) },
        { key: "y", gap: 3, moments: momentsOf([2.5]) },
        { key: "z", gap: 3, moments: momentsOf([]) },
      ],
      5,
    );
    // Midpoint 3 on five points: x (2.5) and y (2.5) tie, ordered by key.
    expect(ranked["3"]).toEqual([
      { key: "x", mean: 2.5, n: 2 },
      { key: "y", mean: 2.5, n: 1 },
    ]);
  });
});
