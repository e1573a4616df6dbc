import { describe, expect, it } from "vitest";
import { parseWeightsForm, weightInputSchema, weightSplitSchema } from "@/lib/validation/study";
import { equalWeights } from "./create-study";

// The same rule in the editor's live sum, the form action and the API (METHOD.md §2).

const codes = (points: number[]) => {
  const result = weightSplitSchema.safeParse(points);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("weightSplitSchema", () => {
  it("accepts exactly 100, with decimals", () => {
    expect(codes([30, 20, 15, 15, 10, 10])).toEqual([]);
    expect(codes([33.33, 33.33, 33.34])).toEqual([]);
    expect(codes([0.1, 0.2, 99.7])).toEqual([]);
    expect(codes([100])).toEqual([]);
  });

  it("refuses a sum other than 100", () => {
    expect(codes([30, 20, 15, 15, 10])).toEqual(["weightsSum"]);
    expect(codes([50, 50.01])).toEqual(["weightsSum"]);
    expect(codes([0, 0])).toEqual(["weightsSum"]);
  });

  it("refuses negative points and values above 100 per criterion", () => {
    expect(codes([110, -10])).toEqual(["weightTooLarge", "weightNegative"]);
    expect(codes([Number.NaN, 100])).toContain("invalidNumber");
  });

  it("accepts the equal split for every allowed number of criteria", () => {
    for (let n = 1; n <= 12; n++) expect(codes(equalWeights(n)), `${n} criteria`).toEqual([]);
  });
});

describe("the weights form", () => {
  const form = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => [`weight:${k}`, v] as [string, string]);

  it("reads points per criterion id and ignores other fields", () => {
    const result = parseWeightsForm([...form({ a: "60", b: "40" }), ["studyId", "x"]]);
    expect(result).toEqual({ ok: true, points: { a: 60, b: 40 } });
  });

  it("reports a sum of 90 as a form error, and 100 as accepted", () => {
    expect(parseWeightsForm(form({ a: "50", b: "40" }))).toEqual({ ok: false, fieldErrors: {}, sumError: "weightsSum" });
    expect(parseWeightsForm(form({ a: "60", b: "40" })).ok).toBe(true);
  });

  it("treats a blank as missing (not 0), and flags the field", () => {
    expect(weightInputSchema.safeParse("").success).toBe(false);
    expect(parseWeightsForm(form({ a: "", b: "100" }))).toEqual({ ok: false, fieldErrors: { a: ["required"] }, sumError: null });
    expect(parseWeightsForm(form({ a: "abc", b: "-1" }))).toEqual({
      ok: false,
      fieldErrors: { a: ["invalidNumber"], b: ["weightNegative"] },
      sumError: null,
    });
  });

  it("accepts a decimal comma", () => {
    expect(parseWeightsForm(form({ a: "12,5", b: "87.5" }))).toEqual({ ok: true, points: { a: 12.5, b: 87.5 } });
  });
});
