import { describe, expect, it } from "vitest";
import { computeFiveGaps, type GroupMoments } from "@/lib/scoring/five-gaps";
import { momentsOf } from "@/lib/scoring/statistics";
import type { VersionDefinition } from "@/lib/scoring/types";
import { causeSections, gapsByCriterion, levelChain, missingPerspectives, perspectiveRows, smallGroups } from "./five-gap-sections";

const version: VersionDefinition = {
  scale: 7,
  criteria: [{ id: "c1", key: "k1", weight: 100, items: [{ id: "i1", key: "k1.1", reverse: false }] }],
};
const group = (responses: number, ratings: number[]): GroupMoments => ({
  responses,
  items: { i1: momentsOf(ratings) },
  criteria: { c1: momentsOf(ratings) },
});
// Management and delivery have answered; standard and communication have not.
const gaps = computeFiveGaps({
  version,
  groups: { E: group(3, [7, 6, 6]), P: group(3, [5, 5, 4]), M: group(2, [6, 5]), D: group(4, [5, 5, 4, 4]) },
  customerCriterionGaps: { c1: momentsOf([2, 1, 2]) },
});
const causes = { "1": [{ key: "f1", mean: 5, n: 2 }], "2": [], "3": [], "4": [] };

describe("perspectiveRows and missingPerspectives", () => {
  const links = [
    { perspective: "management", token: "old", revokedAt: 5 },
    { perspective: "management", token: "live", revokedAt: null },
    { perspective: "delivery", token: "gone", revokedAt: 9 },
  ];
  const rows = perspectiveRows({ gaps }, links);
  it("give each perspective its group, its answers and its live link only", () => {
    expect(rows).toEqual([
      { perspective: "management", group: "M", responses: 2, token: "live" },
      { perspective: "standard", group: "S", responses: 0, token: null },
      { perspective: "delivery", group: "D", responses: 4, token: null },
      { perspective: "communication", group: "C", responses: 0, token: null },
    ]);
  });
  it("name the perspectives nobody answered for", () => {
    expect(missingPerspectives(rows)).toEqual(["standard", "communication"]);
  });
});

describe("gapsByCriterion", () => {
  it("lists gaps 1–5 per criterion, null where a gap has no value", () => {
    const [row, unknown] = gapsByCriterion({ gaps }, ["k1", "nope"]);
    expect(row.key).toBe("k1");
    expect(row.gaps["1"]).toBe(gaps["1"].criteria.k1);
    expect(row.gaps["5"]).not.toBeNull();
    expect(row.gaps["5"]).toBe(gaps["5"].criteria.k1);
    expect(Object.keys(row.gaps)).toEqual(["1", "2", "3", "4", "5"]);
    expect(unknown.gaps).toEqual({ "1": null, "2": null, "3": null, "4": null, "5": null });
  });
  it("gives each gap its 95% interval: Welch's for gap 1 (E [7, 6, 6] vs M [6, 5], SciPy), none where a group is missing", () => {
    const [row, unknown] = gapsByCriterion({ gaps }, ["k1", "nope"]);
    expect(row.ci["1"]![0]).toBeCloseTo(-1.8887772533579459, 9);
    expect(row.ci["1"]![1]).toBeCloseTo(3.555443920024612, 9);
    expect(row.ci["2"]).toBeNull(); // no standard answers
    expect(row.ci["5"]).toEqual(gaps["5"].tests.k1.ci);
    expect(unknown.ci).toEqual({ "1": null, "2": null, "3": null, "4": null, "5": null });
  });
});

describe("smallGroups", () => {
  it("flags every group that answered fewer than 5 times, customers included", () => {
    expect(smallGroups({ gaps })).toEqual([
      { owner: "customer", n: 3 },
      { owner: "management", n: 2 },
      { owner: "delivery", n: 4 },
    ]);
  });
});

describe("levelChain", () => {
  const level = (mean: number | null) => ({ mean, n: 1 });
  it("walks E → M → S → D → P with C beside it and the largest fall", () => {
    const chain = levelChain({ E: level(6), M: level(5.5), S: level(null), D: level(4), P: level(3.5), C: level(6.5) });
    expect(chain.points).toEqual([
      { step: "E", level: 6, n: 1 },
      { step: "M", level: 5.5, n: 1 },
      { step: "S", level: null, n: 1 },
      { step: "D", level: 4, n: 1 },
      { step: "P", level: 3.5, n: 1 },
    ]);
    expect(chain.promised).toBe(6.5);
    // S has no answers: the fall is measured across it, M 5.5 → D 4.
    expect(chain.worst).toEqual({ from: "M", to: "D", drop: 1.5 });
    expect(chain.missing).toEqual(["S"]);
    expect(chain.enough).toBe(true);
  });
  it("only customers answered (2 responses, E 7.00 → P 5.00): a drop of 2.00, not “not enough data”", () => {
    const none = { mean: null, n: 0 };
    const chain = levelChain({ E: { mean: 7, n: 2 }, M: none, S: none, D: none, P: { mean: 5, n: 2 }, C: none });
    expect(chain.worst).toEqual({ from: "E", to: "P", drop: 2 });
    expect(chain.missing).toEqual(["M", "S", "D"]);
    expect(chain.enough).toBe(true);
  });
  it("has no levels and no fall for a criterion without data", () => {
    expect(levelChain(undefined)).toEqual({
      points: ["E", "M", "S", "D", "P"].map((step) => ({ step, level: null, n: 0 })),
      promised: null,
      worst: null,
      missing: ["E", "M", "S", "D", "P"],
      enough: false,
    });
  });
});

describe("causeSections", () => {
  it("asks management about gaps 1–2 and delivery about gaps 3–4, and says whether they answered", () => {
    expect(causeSections({ gaps, causes })).toEqual([
      { gap: 1, rater: "management", answered: true, ranked: causes["1"] },
      { gap: 2, rater: "management", answered: true, ranked: [] },
      { gap: 3, rater: "delivery", answered: true, ranked: [] },
      { gap: 4, rater: "delivery", answered: true, ranked: [] },
    ]);
    const noDelivery = computeFiveGaps({
      version,
      groups: { E: group(3, [7, 6, 6]), P: group(3, [5, 5, 4]), M: group(2, [6, 5]) },
      customerCriterionGaps: {},
    });
    expect(causeSections({ gaps: noDelivery, causes }).map((s) => s.answered)).toEqual([true, true, false, false]);
  });
});
