import { describe, expect, it } from "vitest";
import type { GapResult } from "@/lib/scoring/five-gaps";
import type { Results } from "@/lib/scoring/results";
import { explainCriterion } from "./focus";

const gap = (criteria: Record<string, number | null>): GapResult => ({
  total: null,
  criteria,
  items: {},
  n: 0,
  groups: {},
  status: "ok",
  reason: null,
  tests: {},
});
const noCauses = { "1": [], "2": [], "3": [], "4": [] };

describe("explainCriterion: the gap 1–4 that best explains a focus criterion", () => {
  it("picks the largest of gaps 1–4 on the criterion, with that gap's weakest cause", () => {
    const results: Pick<Results, "gaps" | "causes"> = {
      gaps: { "1": gap({ r: 1.06 }), "2": gap({ r: -0.1 }), "3": gap({ r: 0.3 }), "4": gap({ r: 0.4 }), "5": gap({ r: 1.77 }) },
      causes: { ...noCauses, "1": [{ key: "upward-communication", mean: 2.5, n: 5 }], "4": [{ key: "propensity-to-overpromise", mean: 2.9, n: 14 }] },
    };
    expect(explainCriterion(results, "r")).toEqual({ status: "gap", gap: 1, value: 1.06, cause: { key: "upward-communication", mean: 2.5, n: 5 } });
  });

  it("names the gap without a cause when none is rated weak", () => {
    const results = {
      gaps: { "1": gap({ r: null }), "2": gap({ r: null }), "3": gap({ r: 0.8 }), "4": gap({ r: 0.2 }), "5": gap({ r: 1 }) },
      causes: noCauses,
    };
    expect(explainCriterion(results, "r")).toEqual({ status: "gap", gap: 3, value: 0.8, cause: null });
  });

  it("says there are no staff data when gaps 1–4 are all unknown, and no internal gap when none is positive", () => {
    const unknown = { gaps: { "1": gap({}), "2": gap({}), "3": gap({}), "4": gap({}), "5": gap({ r: 2 }) }, causes: noCauses };
    expect(explainCriterion(unknown, "r")).toEqual({ status: "no-staff-data" });
    const none = {
      gaps: { "1": gap({ r: -0.2 }), "2": gap({ r: 0 }), "3": gap({ r: null }), "4": gap({ r: -1 }), "5": gap({ r: 2 }) },
      causes: noCauses,
    };
    expect(explainCriterion(none, "r")).toEqual({ status: "no-internal-gap" });
  });
});
