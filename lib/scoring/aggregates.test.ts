import { describe, it, expect } from "vitest";
import {
  addContribution,
  alphaKey,
  contributionOf,
  emptyAggregate,
  mergeAggregates,
  perspectiveContributionOf,
  recomputeAggregate,
  recomputePerspectiveAggregate,
} from "./aggregates";
import {
  customerAggregateEntries,
  customerAggregateFromEntries,
  perspectiveAggregateEntries,
  perspectiveAggregateFromEntries,
} from "./aggregate-entries";
import type { VersionDefinition } from "./types";

const version: VersionDefinition = {
  scale: 5,
  criteria: [
    {
      id: "cA",
      key: "alpha",
      weight: 50,
      items: [
        { id: "a2", key: "a2", reverse: true },
        { id: "a1", key: "a1", reverse: false },
      ],
    },
    { id: "cB", key: "beta", weight: 50, items: [{ id: "b1", key: "b1", reverse: false }] },
  ],
};

const m = (values: number[]) => ({
  n: values.length,
  sum: values.reduce((s, x) => s + x, 0),
  sumSq: values.reduce((s, x) => s + x * x, 0),
});

describe("contributionOf", () => {
  it("holds the sums one response adds: items, criterion scores, α complete case, weights", () => {
    const c = contributionOf(
      version,
      [
        { itemId: "a1", expected: 5, perceived: 3 },
        { itemId: "a2", expected: 1, perceived: 2 }, // reverse on 5 points: 5 and 4
        { itemId: "b1", expected: null, perceived: null },
      ],
      { alpha: 80, beta: 20 },
    );
    expect(c.responses).toBe(1);
    expect(c.items).toEqual({
      a1: { expected: m([5]), perceived: m([3]), gap: m([2]) },
      a2: { expected: m([5]), perceived: m([4]), gap: m([1]) },
    });
    expect(c.criteria.cA.scores).toEqual({ expected: m([5]), perceived: m([3.5]), gap: m([1.5]) });
    expect(c.criteria.cA.customerWeight).toEqual(m([80]));
    // α sums are in sorted item order: a1, a2.
    expect(c.criteria.cA.alpha[alphaKey(["a2", "a1"])]).toEqual({
      expected: { itemIds: ["a1", "a2"], items: [m([5]), m([5])], total: m([10]) },
      perceived: { itemIds: ["a1", "a2"], items: [m([3]), m([4])], total: m([7]) },
    });
    // b1 was N/A: the criterion has only its customer weight.
    expect(c.criteria.cB).toEqual({
      scores: { expected: m([]), perceived: m([]), gap: m([]) },
      alpha: {},
      customerWeight: m([20]),
    });
  });

  it("a response with nothing counted still counts as a response", () => {
    const c = contributionOf(version, []);
    expect(c).toEqual({ responses: 1, items: {}, criteria: {} });
  });
});

describe("adding and merging", () => {
  const responses = [
    { answers: [{ itemId: "a1", expected: 5, perceived: 3 }], weights: { alpha: 60, beta: 40 } },
    {
      answers: [
        { itemId: "a1", expected: 4, perceived: 4 },
        { itemId: "a2", expected: 2, perceived: 3 },
        { itemId: "b1", expected: 3, perceived: 1 },
      ],
    },
    { answers: [{ itemId: "b1", expected: 5, perceived: null }] },
  ];

  it("adding contributions equals recomputing, merging is order-free", () => {
    const contributions = responses.map((r) => contributionOf(version, r.answers, r.weights));
    const added = contributions.reduce(addContribution, emptyAggregate());
    expect(added).toEqual(recomputeAggregate(version, responses));
    const reversed = [...contributions].reverse().reduce(addContribution, emptyAggregate());
    expect(reversed).toEqual(added);
    expect(mergeAggregates(contributions[0], mergeAggregates(contributions[1], contributions[2]))).toEqual(added);
    expect(added.responses).toBe(3);
    expect(added.items.a1.gap).toEqual(m([2, 0]));
    expect(added.criteria.cA.scores.expected).toEqual(m([5, 4]));
  });

  it("flat entries round-trip, and rows of several buckets sum per key", () => {
    const a = recomputeAggregate(version, responses.slice(0, 2));
    const b = recomputeAggregate(version, responses.slice(2));
    const rebuilt = customerAggregateFromEntries([...customerAggregateEntries(a), ...customerAggregateEntries(b)]);
    expect(rebuilt).toEqual(mergeAggregates(a, b));
  });
});

describe("perspective aggregates", () => {
  it("items, respondent criterion means and reverse-scored causes", () => {
    const factors = [
      { key: "research", gap: 1 as const, reverse: false },
      { key: "levels", gap: 1 as const, reverse: true },
    ];
    const c = perspectiveContributionOf(
      version,
      [
        { itemId: "a1", rating: 4 },
        { itemId: "a2", rating: 4 }, // reverse: 2
        { itemId: "b1", rating: null },
      ],
      [
        { factor: "research", rating: 2 },
        { factor: "levels", rating: 5 }, // reverse: 1
        { factor: "unknown", rating: 3 },
      ],
      factors,
    );
    expect(c).toEqual({
      responses: 1,
      items: { a1: m([4]), a2: m([2]) },
      criteria: { cA: m([3]) },
      causes: { research: m([2]), levels: m([1]) },
    });
    const agg = recomputePerspectiveAggregate(
      version,
      [{ answers: [{ itemId: "a1", rating: 4 }], causes: [{ factor: "research", rating: 4 }] }, { answers: [] }],
      factors,
    );
    expect(agg).toEqual({ responses: 2, items: { a1: m([4]) }, criteria: { cA: m([4]) }, causes: { research: m([4]) } });
    expect(perspectiveAggregateFromEntries(perspectiveAggregateEntries(agg))).toEqual(agg);
  });
});
