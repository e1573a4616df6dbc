import { describe, it, expect } from "vitest";
import { importancePerformance } from "./importance-performance";

describe("importance–performance analysis", () => {
  it("places criteria in the four quadrants around the means", () => {
    const r = importancePerformance([
      { key: "a", importance: 40, performance: 4 }, // high I, low P
      { key: "b", importance: 30, performance: 6 }, // high I, high P
      { key: "c", importance: 10, performance: 3 }, // low I, low P
      { key: "d", importance: 20, performance: 7 }, // low I, high P
      { key: "e", importance: null, performance: null },
    ]);
    expect(r.crosshairs).toEqual({ importance: 25, performance: 5 });
    expect(r.criteria.map((c) => c.quadrant)).toEqual(["concentrate-here", "keep-up-the-good-work", "low-priority", "possible-overkill", null]);
  });

  it("ties on a crosshair count as high: equal weights are all high importance", () => {
    const w = 100 / 6;
    const r = importancePerformance([5, 6, 5.5, 4, 6.5, 6].map((p, i) => ({ key: `c${i}`, importance: w, performance: p })));
    // Mean P = 5.5: the criterion at exactly 5.5 is "high".
    expect(r.criteria.map((c) => c.quadrant)).toEqual([
      "concentrate-here",
      "keep-up-the-good-work",
      "keep-up-the-good-work",
      "concentrate-here",
      "keep-up-the-good-work",
      "keep-up-the-good-work",
    ]);
  });

  it("no crosshairs without data", () => {
    expect(importancePerformance([{ key: "a", importance: 100, performance: null }])).toEqual({
      crosshairs: null,
      criteria: [{ key: "a", importance: 100, performance: null, quadrant: null }],
    });
  });
});
