import { describe, expect, it } from "vitest";
import { parseInternalStepForm, strayRatings } from "./step-form";

describe("parseInternalStepForm", () => {
  it("accepts what the page's form sends", () => {
    const parsed = parseInternalStepForm([
      ["step", "2"],
      ["lang", "en"],
      ["intent", "back"],
      ["item:abc", "5"],
      ["item:def", "na"],
    ]);
    expect(parsed.ok && parsed.value).toEqual({
      step: 2,
      intent: "back",
      lang: "en",
      ratings: new Map([
        ["item:abc", "5"],
        ["item:def", "na"],
      ]),
    });
  });

  it.each([
    [[["lang", "en"]], "step: missing."],
    [[["step", "-1"]], "step: not a step number."],
    [[["step", "1e3"]], "step: not a step number."],
    [
      [
        ["step", "1"],
        ["intent", "delete"],
      ],
      "intent: must be next or back.",
    ],
    [
      [
        ["step", "1"],
        ["admin", "1"],
      ],
      "admin: not a field of this questionnaire.",
    ],
    [
      [
        ["step", "1"],
        ["item:x", "4.5"],
      ],
      'item:x: a rating is a whole number or "na".',
    ],
    [
      [
        ["step", "1"],
        ["item:x", "1"],
        ["item:x", "2"],
      ],
      "item:x: sent more than once.",
    ],
  ] as [[string, string][], string][])("refuses %j", (entries, problem) => {
    const parsed = parseInternalStepForm(entries);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toContain(problem);
  });

  it("refuses files", () => {
    const parsed = parseInternalStepForm([
      ["step", "0"],
      ["item:x", new File(["x"], "x.txt")],
    ]);
    expect(parsed.ok).toBe(false);
  });
});

describe("strayRatings", () => {
  it("names fields of other steps, the other kind, and ratings off the scale", () => {
    const ratings = new Map([
      ["item:a", "7"],
      ["item:b", "8"],
      ["item:other-study", "3"],
      ["cause:m1", "3"],
    ]);
    expect(strayRatings(ratings, ["a", "b"], "item", 7)).toEqual([
      'item:b: ratings are whole numbers from 1 to 7, or "na".',
      "item:other-study: not asked on this step.",
      "cause:m1: not asked on this step.",
    ]);
    expect(strayRatings(new Map([["item:a", "na"]]), ["a"], "item", 5)).toEqual([]);
  });
});
