import { describe, it, expect } from "vitest";
import { mergeAggregates, recomputeAggregate } from "./aggregates";
import { computeResults, emptyResults } from "./results";
import type { VersionDefinition } from "./types";

const EXACT = 1e-9;

const v1: VersionDefinition = {
  scale: 7,
  criteria: [
    {
      id: "cA",
      key: "A",
      weight: 50,
      items: [
        { id: "a1", key: "a1", reverse: false },
        { id: "a2", key: "a2", reverse: true },
        { id: "a3", key: "a3", reverse: false },
      ],
    },
    {
      id: "cB",
      key: "B",
      weight: 50,
      items: [
        { id: "b1", key: "b1", reverse: false },
        { id: "b2", key: "b2", reverse: false },
      ],
    },
  ],
};
// v2 drops a3 and re-weights.
const v2: VersionDefinition = {
  scale: 7,
  criteria: [
    { ...v1.criteria[0], weight: 70, items: v1.criteria[0].items.slice(0, 2) },
    { ...v1.criteria[1], weight: 30 },
  ],
};

const hasNaNOrInfinity = (value: unknown): boolean =>
  typeof value === "number"
    ? !Number.isFinite(value)
    : Array.isArray(value)
      ? value.some(hasNaNOrInfinity)
      : typeof value === "object" && value !== null
        ? Object.values(value).some(hasNaNOrInfinity)
        : false;

describe("computeResults", () => {
  it("with no responses: n 0, every figure null, nothing NaN", () => {
    const r = emptyResults(v2);
    expect(r.n).toBe(0);
    expect(r.expectedQuality).toBeNull();
    expect(r.qualityReason).toEqual({ code: "criterion-without-data", criteria: ["A", "B"] });
    expect(r.unweightedGap).toBeNull();
    expect(r.meanItemGap).toBeNull();
    expect(r.criteria[0]).toEqual({
      key: "A",
      weight: 70,
      n: 0,
      expected: { n: 0, mean: null, sd: null, ci: null },
      perceived: { n: 0, mean: null, sd: null, ci: null },
      gap: { n: 0, mean: null, sd: null, ci: null, t: null, p: null, verdict: null },
      alpha: { expected: null, perceived: null },
      customerWeight: null,
    });
    expect(r.gaps["1"].status).toBe("not-enough-data");
    expect(r.gaps["5"].status).toBe("not-enough-data");
    expect(r.importancePerformance.crosshairs).toBeNull();
    expect(r.focus).toEqual([]);
    expect(hasNaNOrInfinity(r)).toBe(false);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  const responses1 = [
    {
      answers: [
        { itemId: "a1", expected: 7, perceived: 5 },
        { itemId: "a2", expected: 1, perceived: 3 }, // scores 7, 5
        { itemId: "a3", expected: 6, perceived: 6 },
        { itemId: "b1", expected: 6, perceived: 6 },
        { itemId: "b2", expected: 6, perceived: 4 },
      ],
      weights: { A: 40, B: 60 },
    },
    {
      answers: [
        { itemId: "a1", expected: 6, perceived: 6 },
        { itemId: "a2", expected: 2, perceived: 2 }, // scores 6, 6
        { itemId: "a3", expected: null, perceived: null },
        { itemId: "b1", expected: 7, perceived: 4 },
      ],
    },
  ];
  const responses2 = [
    {
      answers: [
        { itemId: "a1", expected: 5, perceived: 4 },
        { itemId: "a2", expected: 3, perceived: 4 }, // scores 5, 4
        { itemId: "b1", expected: 7, perceived: 7 },
        { itemId: "b2", expected: 5, perceived: 5 },
      ],
      weights: { A: 20, B: 80 },
    },
  ];

  it("pools versions by ids: criteria, items, α of the newest item set, customer weights, IPA", () => {
    const customer = mergeAggregates(recomputeAggregate(v1, responses1), recomputeAggregate(v2, responses2));
    const r = computeResults({ version: v2, customer, otherItems: [{ id: "a3", key: "a3", criterionKey: "A" }] });

    // Respondent criterion scores A: r1 E (7+7+6)/3 = 20/3, P 16/3; r2 E 6, P 6 (a3 N/A); r3 E 5, P 4.
    // B: r1 E 6, P 5; r2 E 7, P 4 (b2 missing); r3 E 6, P 6.
    const eA = (20 / 3 + 6 + 5) / 3;
    const pA = (16 / 3 + 6 + 4) / 3;
    const eB = (6 + 7 + 6) / 3;
    const pB = (5 + 4 + 6) / 3;
    expect(r.n).toBe(3);
    expect(Math.abs((r.criteria[0].expected.mean ?? NaN) - eA)).toBeLessThan(EXACT);
    expect(Math.abs((r.criteria[0].perceived.mean ?? NaN) - pA)).toBeLessThan(EXACT);
    expect(Math.abs((r.expectedQuality ?? NaN) - (0.7 * eA + 0.3 * eB))).toBeLessThan(EXACT);
    expect(Math.abs((r.perceivedQuality ?? NaN) - (0.7 * pA + 0.3 * pB))).toBeLessThan(EXACT);
    expect(Math.abs((r.serviceQualityGap ?? NaN) - (0.7 * (eA - pA) + 0.3 * (eB - pB)))).toBeLessThan(EXACT);
    expect(Math.abs((r.unweightedGap ?? NaN) - (eA - pA + eB - pB) / 2)).toBeLessThan(EXACT);
    // Pairs: gaps 2,2,0,0,2 | 0,0,3 | 1,1,0,0 → 11 / 12.
    expect(Math.abs((r.meanItemGap ?? NaN) - 11 / 12)).toBeLessThan(EXACT);

    expect(r.items.map((i) => [i.key, i.criterion, i.n])).toEqual([
      ["a1", "A", 3],
      ["a2", "A", 3],
      ["b1", "B", 3],
      ["b2", "B", 2],
      ["a3", "A", 1],
    ]);
    // α of A uses the complete cases of {a1, a2}: only r3 (v1's complete cases were {a1, a2, a3}) → n < 2.
    expect(r.criteria[0].alpha).toEqual({ expected: null, perceived: null });
    // B's complete cases {b1, b2}: r1 (6,6 | 6,4) and r3 (7,5 | 7,5): totals E 12, 12 → no variance.
    expect(r.criteria[1].alpha.expected).toBeNull();
    // P: items (6,7), (4,5), totals 10, 12: s² = .5, .5, 2 → α = 2·(1 − 1/2) = 1.
    expect(Math.abs((r.criteria[1].alpha.perceived ?? NaN) - 1)).toBeLessThan(EXACT);

    expect(r.criteria[0].customerWeight).toMatchObject({ n: 2, mean: 30 });
    expect(r.importancePerformance.source).toBe("customers");
    expect(r.importancePerformance.crosshairs?.importance).toBe(50);
    expect(r.importancePerformance.criteria.map((c) => c.quadrant)).toEqual(["possible-overkill", "concentrate-here"]);
    expect(hasNaNOrInfinity(r)).toBe(false);
  });

  it("without customer weights, importance is the manager's points", () => {
    const r = computeResults({ version: v2, customer: recomputeAggregate(v1, responses1.slice(1)) });
    expect(r.importancePerformance.source).toBe("manager");
    expect(r.importancePerformance.criteria.map((c) => c.importance)).toEqual([70, 30]);
    expect(r.criteria[0].customerWeight).toBeNull();
  });

  it("returns the focus of API.md: significant shortfalls by weight × gap", () => {
    // Every customer: A gap 1 (a1 7→6, a2 reverse 1→2), B gap 3 (b1, b2 7→4): zero spread, so both are significant.
    const same = {
      answers: [
        { itemId: "a1", expected: 7, perceived: 6 },
        { itemId: "a2", expected: 1, perceived: 2 },
        { itemId: "b1", expected: 7, perceived: 4 },
        { itemId: "b2", expected: 7, perceived: 4 },
      ],
    };
    const r = computeResults({ version: v2, customer: recomputeAggregate(v2, [same, same, same]) });
    expect(r.criteria.map((c) => [c.gap.mean, c.gap.verdict])).toEqual([
      [1, "shortfall"],
      [3, "shortfall"],
    ]);
    // 0.7 × 1 = 0.7 < 0.3 × 3 = 0.9.
    expect(r.focus).toEqual(["B", "A"]);
  });
});
