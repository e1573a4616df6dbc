import { describe, it, expect } from "vitest";
import { criterionShare, meanItemGap, unweightedGap, validateWeights, weightedQuality } from "./quality";
import { momentsOf } from "./statistics";

const EXACT = 1e-9;

describe("METHOD.md §3 worked check", () => {
  const points = [25, 20, 15, 20, 10, 10];
  const e = [6.5, 6.25, 5.8, 6.6, 6.0, 6.2];
  const p = [5.75, 5.5, 5.6, 5.4, 4.8, 6.4];
  const criteria = points.map((weight, i) => ({ key: `c${i}`, weight, expectedMean: e[i], perceivedMean: p[i] }));

  it("EQ = 6.2850, PQ = 5.5775, SQ = 0.7075", () => {
    const q = weightedQuality(criteria);
    expect(q.reason).toBeNull();
    expect(Math.abs((q.expectedQuality ?? NaN) - 6.285)).toBeLessThan(EXACT);
    expect(Math.abs((q.perceivedQuality ?? NaN) - 5.5775)).toBeLessThan(EXACT);
    expect(Math.abs((q.serviceQualityGap ?? NaN) - 0.7075)).toBeLessThan(EXACT);
  });

  it("each criterion's share w_c·Ḡ_c; the shares add up to SQ", () => {
    const shares = criteria.map((c) => criterionShare(c.weight, c.expectedMean - c.perceivedMean));
    expect(Math.abs((shares[0] ?? NaN) - 0.1875)).toBeLessThan(EXACT);
    expect(Math.abs((shares[4] ?? NaN) - 0.12)).toBeLessThan(EXACT);
    expect(Math.abs((shares[5] ?? NaN) - -0.02)).toBeLessThan(EXACT);
    expect(Math.abs(shares.reduce((s: number, x) => s + (x ?? NaN), 0) - 0.7075)).toBeLessThan(EXACT);
    expect(criterionShare(25, null)).toBeNull();
  });

  it("unweighted gap 0.65", () => {
    expect(Math.abs((unweightedGap(e.map((x, i) => x - p[i])) ?? NaN) - 0.65)).toBeLessThan(EXACT);
  });
});

describe("weightedQuality", () => {
  it("a weighted criterion without data makes EQ, PQ, SQ null with the reason, no renormalising", () => {
    const q = weightedQuality([
      { key: "a", weight: 50, expectedMean: 6, perceivedMean: 5 },
      { key: "b", weight: 30, expectedMean: null, perceivedMean: null },
      { key: "c", weight: 20, expectedMean: 5, perceivedMean: 5 },
    ]);
    expect(q).toEqual({
      expectedQuality: null,
      perceivedQuality: null,
      serviceQualityGap: null,
      reason: { code: "criterion-without-data", criteria: ["b"] },
    });
  });

  it("a weight-0 criterion without data is harmless", () => {
    const q = weightedQuality([
      { key: "a", weight: 100, expectedMean: 6, perceivedMean: 5 },
      { key: "b", weight: 0, expectedMean: null, perceivedMean: null },
    ]);
    expect(q).toEqual({ expectedQuality: 6, perceivedQuality: 5, serviceQualityGap: 1, reason: null });
  });

  it("refuses weights that do not sum to 100", () => {
    const q = weightedQuality([
      { key: "a", weight: 60, expectedMean: 6, perceivedMean: 5 },
      { key: "b", weight: 30, expectedMean: 6, perceivedMean: 5 },
    ]);
    expect(q.serviceQualityGap).toBeNull();
    expect(q.reason?.code).toBe("invalid-weights");
  });
});

describe("validateWeights", () => {
  it("accepts 100 points, decimals included", () => {
    expect(validateWeights([25, 20, 15, 20, 10, 10])).toEqual([]);
    expect(validateWeights([100 / 3, 100 / 3, 100 / 3])).toEqual([]);
    expect(validateWeights([33.3, 33.3, 33.4])).toEqual([]);
  });

  it("rejects a wrong sum, negatives, non-finite values and no weights", () => {
    expect(validateWeights([50, 49])).toHaveLength(1);
    expect(validateWeights([50, 50.000001])).toHaveLength(1);
    expect(validateWeights([110, -10])).toEqual(["weight 2 is negative"]);
    expect(validateWeights([Number.NaN, 100])).toHaveLength(1);
    expect(validateWeights([Number.POSITIVE_INFINITY])).toHaveLength(1);
    expect(validateWeights([])).toHaveLength(1);
  });
});

describe("unweighted and pooled gaps", () => {
  it("unweighted gap averages the criteria with data", () => {
    expect(unweightedGap([1, null, 0.5])).toBe(0.75);
    expect(unweightedGap([null, null])).toBeNull();
  });

  it("mean item gap pools all counted pairs (Σg / Σn), not item means", () => {
    // item 1: gaps 1, 1, 1 ; item 2: gap 4 → pooled 7/4, not (1 + 4)/2.
    expect(meanItemGap([momentsOf([1, 1, 1]), momentsOf([4])])).toBe(1.75);
    expect(meanItemGap([momentsOf([])])).toBeNull();
  });
});
