import { describe, expect, it } from "vitest";
import { describeProblem, publishProblems, type DraftForPublish } from "./publish-rules";

const item = (key: string, text: Record<string, string> = { en: `Item ${key}`, "zh-Hant": `題目 ${key}` }) => ({ key, text });
const criterion = (key: string, weight: number, count = 4) => ({
  key,
  name: { en: key.toUpperCase(), "zh-Hant": `準則 ${key}` },
  weight,
  items: Array.from({ length: count }, (_, i) => item(`${key}-${i + 1}`)),
});
const ready = (): DraftForPublish => ({
  languages: ["en", "zh-Hant"],
  criteria: [criterion("a", 60), criterion("b", 40, 5)],
});

describe("publishProblems", () => {
  it("accepts a complete draft: 4–5 items each, weights summing to 100, every text present", () => {
    expect(publishProblems(ready())).toEqual([]);
    const decimals = ready();
    decimals.criteria = [criterion("a", 33.33), criterion("b", 33.33), criterion("c", 33.34)];
    expect(publishProblems(decimals)).toEqual([]);
  });

  it("refuses a criterion with fewer than 4 items", () => {
    const draft = ready();
    draft.criteria[0].items.pop();
    expect(publishProblems(draft)).toEqual([{ code: "tooFewItems", criterion: "a", count: 3 }]);
  });

  it("refuses a criterion with more than 5 items", () => {
    const draft = ready();
    draft.criteria[1].items.push(item("b-6"));
    expect(publishProblems(draft)).toEqual([{ code: "tooManyItems", criterion: "b", count: 6 }]);
  });

  it("refuses weights that do not sum to exactly 100, with the sum", () => {
    const draft = ready();
    draft.criteria[0].weight = 50;
    expect(publishProblems(draft)).toEqual([{ code: "weightsSum", sum: 90 }]);
    draft.criteria[0].weight = 60.5;
    expect(publishProblems(draft)).toEqual([{ code: "weightsSum", sum: 100.5 }]);
  });

  it("refuses a negative or non-finite weight, without also claiming a wrong sum", () => {
    const draft = ready();
    draft.criteria[0].weight = -10;
    draft.criteria[1].weight = Number.NaN;
    expect(publishProblems(draft)).toEqual([
      { code: "weightInvalid", criterion: "a" },
      { code: "weightInvalid", criterion: "b" },
    ]);
  });

  it("refuses a missing or blank text in a study language, naming item and language", () => {
    const draft = ready();
    draft.criteria[0].items[2].text = { en: "Only English" };
    draft.criteria[1].items[0].text = { en: "  ", "zh-Hant": "有中文" };
    draft.criteria[1].name = { en: "B" };
    expect(publishProblems(draft)).toEqual([
      { code: "itemTextMissing", criterion: "b", item: "b-1", language: "en" },
      { code: "itemTextMissing", criterion: "a", item: "a-3", language: "zh-Hant" },
      { code: "criterionNameMissing", criterion: "b", language: "zh-Hant" },
    ]);
  });

  it("refuses no criteria, and more than 12", () => {
    expect(publishProblems({ languages: ["en"], criteria: [] })).toEqual([{ code: "noCriteria" }]);
    const many = Array.from({ length: 13 }, (_, i) => criterion(`c${i}`, i === 0 ? 100 : 0));
    expect(publishProblems({ languages: ["en"], criteria: many })).toEqual([{ code: "tooManyCriteria", count: 13 }]);
  });

  it("lists every reason at once", () => {
    const draft = ready();
    draft.criteria[0].items.splice(0, 2);
    draft.criteria[1].items.push(item("b-6"), item("b-7"));
    draft.criteria[1].weight = 30;
    draft.criteria[1].items[0].text = { "zh-Hant": "只有中文" };
    const codes = publishProblems(draft).map((p) => p.code);
    expect(codes).toEqual(["tooFewItems", "tooManyItems", "weightsSum", "itemTextMissing"]);
    for (const problem of publishProblems(draft)) expect(describeProblem(problem).length).toBeGreaterThan(10);
  });
});
