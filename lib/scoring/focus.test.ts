import { describe, expect, it } from "vitest";
import { focusCriteria, type FocusInput } from "./focus";
import { importancePerformance } from "./importance-performance";

const c = (key: string, weight: number, mean: number | null, verdict: FocusInput["gap"]["verdict"]): FocusInput => ({
  key,
  weight,
  gap: { mean, verdict },
});

describe("focusCriteria (API.md “What to fix first”)", () => {
  it("the issue's report: Recovery, the largest gap (+1.75), is in focus although the grid calls it low priority", () => {
    // Manager's weights; customers gave Recovery 15 points against a 16.7 crosshair.
    const criteria = [
      c("professionalism", 20, 0.62, "shortfall"), // 0.124
      c("attitudes", 15, -0.35, "exceeded"),
      c("accessibility", 15, 0.05, "met"),
      c("reliability", 25, 1.1, "shortfall"), // 0.275
      c("recovery", 15, 1.75, "shortfall"), // 0.2625
      c("reputation", 10, 0.15, "shortfall"), // 0.015
    ];
    const perceived = { professionalism: 5.7, attitudes: 6.35, accessibility: 5.65, reliability: 5.5, recovery: 4.45, reputation: 5.75 };
    const customerPoints = { professionalism: 19, attitudes: 15, accessibility: 14, reliability: 27, recovery: 15, reputation: 10 };
    const ipa = importancePerformance(
      criteria.map((x) => ({
        key: x.key,
        importance: customerPoints[x.key as keyof typeof customerPoints],
        performance: perceived[x.key as keyof typeof perceived],
      })),
    );
    expect(ipa.criteria.find((x) => x.key === "recovery")?.quadrant).toBe("low-priority");
    expect(focusCriteria(criteria)).toEqual(["reliability", "recovery", "professionalism"]);
  });

  it("ranks significant shortfalls by weight × gap, at most three, and adds the largest gap when the ranking left it out", () => {
    const criteria = [
      c("a", 30, 0.8, "shortfall"), // 0.24
      c("b", 30, 0.7, "shortfall"), // 0.21
      c("c", 25, 0.6, "shortfall"), // 0.15
      c("d", 10, 0.9, "shortfall"), // 0.09
      c("recovery", 5, 1.75, "shortfall"), // 0.0875, the largest gap of all
    ];
    expect(focusCriteria(criteria)).toEqual(["a", "b", "c", "recovery"]);
  });

  it("leaves out a largest gap that is not a significant shortfall (its interval reaches 0)", () => {
    const criteria = [c("a", 50, 0.4, "shortfall"), c("b", 30, 0.3, "shortfall"), c("wide", 20, 2.5, "met")];
    expect(focusCriteria(criteria)).toEqual(["a", "b"]);
  });

  it("ignores met, exceeded and empty criteria; no shortfall means no focus", () => {
    expect(focusCriteria([c("a", 50, -0.2, "exceeded"), c("b", 30, 0.1, "met"), c("c", 20, null, null)])).toEqual([]);
    expect(focusCriteria([])).toEqual([]);
    expect(focusCriteria([c("a", 50, null, null), c("b", 50, 0.5, "shortfall")])).toEqual(["b"]);
  });

  it("equal weighted shortfalls: the larger gap first, then the version's order", () => {
    // 0.2 × 0.5 = 0.1 = 0.1 × 1.0; c and e tie completely.
    const criteria = [c("e", 20, 0.25, "shortfall"), c("a", 20, 0.5, "shortfall"), c("b", 10, 1.0, "shortfall"), c("c", 20, 0.25, "shortfall")];
    expect(focusCriteria(criteria)).toEqual(["b", "a", "e"]);
  });

  it("a zero-weight criterion with the largest significant gap is still included, last", () => {
    const criteria = [c("a", 40, 0.5, "shortfall"), c("b", 30, 0.4, "shortfall"), c("c", 30, 0.3, "shortfall"), c("z", 0, 1.2, "shortfall")];
    expect(focusCriteria(criteria)).toEqual(["a", "b", "c", "z"]);
  });
});
