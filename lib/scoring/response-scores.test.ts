import { describe, it, expect } from "vitest";
import { respondentWeightedGap, reverseScore, scoreCustomerResponse, scoreCustomerWeights, scoreInternalResponse } from "./response-scores";
import type { VersionDefinition } from "./types";

const version: VersionDefinition = {
  scale: 7,
  criteria: [
    {
      id: "cA",
      key: "alpha",
      weight: 60,
      items: [
        { id: "a1", key: "a1", reverse: false },
        { id: "a2", key: "a2", reverse: true },
        { id: "a3", key: "a3", reverse: false },
        { id: "a4", key: "a4", reverse: false },
      ],
    },
    {
      id: "cB",
      key: "beta",
      weight: 40,
      items: [
        { id: "b1", key: "b1", reverse: false },
        { id: "b2", key: "b2", reverse: false },
      ],
    },
  ],
};

describe("reverse scoring", () => {
  it("x → L + 1 − x", () => {
    expect(reverseScore(1, 7, true)).toBe(7);
    expect(reverseScore(2, 5, true)).toBe(4);
    expect(reverseScore(3, 5, false)).toBe(3);
  });
});

describe("scoreCustomerResponse", () => {
  it("counts a pair only with both ratings, reverse scores both, averages per criterion", () => {
    const s = scoreCustomerResponse(version, [
      { itemId: "a1", expected: 7, perceived: 5 },
      { itemId: "a2", expected: 2, perceived: 3 }, // reverse: 6 and 5
      { itemId: "a3", expected: null, perceived: null }, // N/A
      { itemId: "a4", expected: 6, perceived: null }, // half pair
      { itemId: "b1", expected: null, perceived: 4 }, // half pair: beta gets nothing
      { itemId: "zz", expected: 7, perceived: 1 }, // unknown item
    ]);
    expect(s.items).toEqual([
      { itemId: "a1", criterionId: "cA", expected: 7, perceived: 5, gap: 2 },
      { itemId: "a2", criterionId: "cA", expected: 6, perceived: 5, gap: 1 },
    ]);
    expect(s.criteria).toEqual([{ criterionId: "cA", counted: 2, expected: 6.5, perceived: 5, gap: 1.5, complete: null }]);
  });

  it("records the complete case, in sorted item order, when every item counted", () => {
    const s = scoreCustomerResponse(version, [
      { itemId: "b2", expected: 5, perceived: 4 },
      { itemId: "b1", expected: 7, perceived: 2 },
    ]);
    expect(s.criteria).toEqual([
      {
        criterionId: "cB",
        counted: 2,
        expected: 6,
        perceived: 3,
        gap: 3,
        complete: { itemIds: ["b1", "b2"], expected: [7, 5], perceived: [2, 4] },
      },
    ]);
  });

  it("ignores off-scale or non-integer ratings and later duplicates", () => {
    const s = scoreCustomerResponse(version, [
      { itemId: "b1", expected: 8, perceived: 2 },
      { itemId: "b2", expected: 4.5, perceived: 2 },
      { itemId: "a1", expected: 3, perceived: 3 },
      { itemId: "a1", expected: 7, perceived: 1 },
    ]);
    expect(s.items.map((i) => [i.itemId, i.gap])).toEqual([["a1", 0]]);
  });
});

describe("scoreInternalResponse", () => {
  it("reverse scores each rating and averages per criterion over rated items", () => {
    const s = scoreInternalResponse(version, [
      { itemId: "a1", rating: 6 },
      { itemId: "a2", rating: 1 }, // reverse: 7
      { itemId: "a3", rating: null },
      { itemId: "b1", rating: null },
    ]);
    expect(s.items).toEqual([
      { itemId: "a1", criterionId: "cA", rating: 6 },
      { itemId: "a2", criterionId: "cA", rating: 7 },
    ]);
    expect(s.criteria).toEqual([{ criterionId: "cA", counted: 2, mean: 6.5 }]);
  });
});

describe("scoreCustomerWeights", () => {
  it("records every criterion, by id or key, 0 for those left out", () => {
    expect(scoreCustomerWeights(version, { alpha: 70, nope: 30 })).toEqual([
      { criterionId: "cA", points: 70 },
      { criterionId: "cB", points: 0 },
    ]);
    expect(scoreCustomerWeights(version, { cA: 20, beta: 80 })).toEqual([
      { criterionId: "cA", points: 20 },
      { criterionId: "cB", points: 80 },
    ]);
  });
});

describe("respondentWeightedGap", () => {
  it("is Σ w_c·g_rc over the version's criteria, with reverse scoring", () => {
    const scored = scoreCustomerResponse(version, [
      { itemId: "a1", expected: 7, perceived: 5 }, // g 2
      { itemId: "a2", expected: 2, perceived: 3 }, // reverse: 6 − 5 = 1
      { itemId: "b1", expected: 4, perceived: 6 }, // g −2
    ]);
    // alpha: ḡ = 1.5, beta: ḡ = −2 → 0.6·1.5 + 0.4·(−2)
    expect(respondentWeightedGap(version, scored)).toBeCloseTo(0.1, 12);
  });

  it("is null when a weighted criterion has no counted item, and ignores a weight-0 criterion without data", () => {
    const onlyAlpha = scoreCustomerResponse(version, [
      { itemId: "a1", expected: 7, perceived: 5 },
      { itemId: "b1", expected: null, perceived: null },
    ]);
    expect(respondentWeightedGap(version, onlyAlpha)).toBeNull();
    const zeroBeta: VersionDefinition = { ...version, criteria: version.criteria.map((c) => ({ ...c, weight: c.key === "beta" ? 0 : 100 })) };
    expect(respondentWeightedGap(zeroBeta, onlyAlpha)).toBe(2);
  });
});
