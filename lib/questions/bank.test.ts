import { describe, expect, it } from "vitest";
import frameworksJson from "./bank/frameworks.json";
import servqualJson from "./bank/servqual.json";
import { gronroosCandidates, industries, industryItems, rawBanks, servqualItems } from "./bank";
import {
  bankFileSchema,
  frameworksFileSchema,
  gronroosCriterionKeys,
  industryKeys,
  servqualDimensionKeys,
  servqualFileSchema,
  type BankItem,
} from "./bank-schema";
import { frameworks } from "./frameworks";
import { locales } from "@/lib/i18n/locales";
import { scriptProblems } from "./text-checks";

const allBankItems: BankItem[] = industryKeys.flatMap((key) => gronroosCriterionKeys.flatMap((criterion) => industryItems(key, criterion)));

describe("bank files", () => {
  it.each(industryKeys)("%s.json validates against the schema", (key) => {
    const result = bankFileSchema.safeParse(rawBanks[key]);
    expect(result.success, result.success ? "" : result.error.message).toBe(true);
  });

  it("servqual.json and frameworks.json validate", () => {
    expect(servqualFileSchema.safeParse(servqualJson).success).toBe(true);
    expect(frameworksFileSchema.safeParse(frameworksJson).success).toBe(true);
  });

  it("offers every industry with a name in all three languages", () => {
    expect(industries.map((i) => i.key)).toEqual([...industryKeys]);
    for (const industry of industries) for (const locale of locales) expect(industry.name[locale].trim()).not.toBe("");
  });

  it("has every text in all three locales, non-empty, naming {provider}, in the right script", () => {
    const items = [...allBankItems, ...servqualDimensionKeys.flatMap((d) => servqualItems(d))];
    expect(items.length).toBeGreaterThan(300);
    const problems = items.flatMap((item) => {
      const out = scriptProblems(item.text).map((p) => `${item.id}: ${p}`);
      for (const locale of locales) {
        if (!item.text[locale]?.trim()) out.push(`${item.id}: ${locale} empty`);
        else if (!item.text[locale].includes("{provider}")) out.push(`${item.id}: ${locale} lacks {provider}`);
      }
      return out;
    });
    expect(problems).toEqual([]);
  });

  it.each(industryKeys)("%s: ≥ 8 candidates and ≥ 5 facets per Grönroos criterion after generic fill", (key) => {
    for (const criterion of gronroosCriterionKeys) {
      const pool = gronroosCandidates(key, criterion);
      expect(pool.length, criterion).toBeGreaterThanOrEqual(8);
      expect(new Set(pool.filter((i) => !i.reverse).map((i) => i.facet)).size, criterion).toBeGreaterThanOrEqual(5);
      if (key !== "generic") expect(industryItems(key, criterion).length, criterion).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(industryKeys)("%s: ≥ 10 distinct questions of its own per Grönroos criterion, in every language", (key) => {
    for (const criterion of gronroosCriterionKeys) {
      const own = industryItems(key, criterion);
      for (const locale of locales) {
        const texts = new Set(own.map((item) => item.text[locale].normalize("NFKC").trim().toLowerCase()));
        expect(texts.size, `${key}.${criterion} ${locale}`).toBeGreaterThanOrEqual(10);
      }
      // Different facets, so regenerating offers different aspects, not rewordings.
      expect(new Set(own.map((i) => i.facet)).size, `${key}.${criterion}`).toBeGreaterThanOrEqual(8);
    }
  });

  it("keeps reverse-scored items a minority of every pool", () => {
    for (const key of industryKeys) {
      for (const criterion of gronroosCriterionKeys) {
        const own = industryItems(key, criterion);
        expect(own.filter((i) => i.reverse).length * 4, `${key}.${criterion}`).toBeLessThanOrEqual(own.length);
      }
    }
    expect(allBankItems.some((i) => i.reverse)).toBe(true);
  });

  it("has a facet on every item and unique ids", () => {
    expect(allBankItems.every((item) => /^[a-z0-9-]+$/.test(item.facet))).toBe(true);
    expect(new Set(allBankItems.map((i) => i.id)).size).toBe(allBankItems.length);
  });
});

describe("script check", () => {
  it("flags a text pasted into the wrong script or regional usage", () => {
    const ok = { en: "{provider} is on time.", "zh-Hant": "{provider}準時提供資訊。", "zh-Hans": "{provider}准时提供信息。" };
    expect(scriptProblems(ok)).toEqual([]);
    expect(scriptProblems({ ...ok, "zh-Hans": ok["zh-Hant"] }).length).toBeGreaterThan(0);
    expect(scriptProblems({ ...ok, "zh-Hant": ok["zh-Hans"] }).length).toBeGreaterThan(0);
    expect(scriptProblems({ ...ok, "zh-Hant": "{provider}準時提供信息。" })).toEqual(['zh-Hant has "信息"']);
  });
});

describe("bank schema rejects broken edits", () => {
  const good = {
    industry: "hotel",
    name: { en: "Hotel", "zh-Hant": "飯店", "zh-Hans": "酒店" },
    items: [
      {
        id: "hotel.reliability.x",
        criterion: "reliability",
        facet: "on-time",
        text: { en: "{provider} is on time.", "zh-Hant": "{provider}準時。", "zh-Hans": "{provider}准时。" },
        reverse: false,
      },
    ],
  };
  const withItem = (patch: Record<string, unknown>) => ({ ...good, items: [{ ...good.items[0], ...patch }] });

  it("accepts the valid fixture", () => {
    expect(bankFileSchema.safeParse(good).success).toBe(true);
  });
  it.each([
    ["a missing language", withItem({ text: { en: "{provider} is on time.", "zh-Hant": "{provider}準時。" } })],
    ["a blank language", withItem({ text: { en: " ", "zh-Hant": "準時", "zh-Hans": "准时" } })],
    ["an unknown criterion", withItem({ criterion: "speed", id: "hotel.speed.x" })],
    ["an id of another industry", withItem({ id: "bank.reliability.x" })],
    ["a misspelt placeholder", withItem({ text: { en: "{provder} is on time.", "zh-Hant": "準時", "zh-Hans": "准时" } })],
    ["a missing facet", withItem({ facet: undefined })],
    ["an unknown industry", { ...good, industry: "casino" }],
    ["a duplicate id", { ...good, items: [good.items[0], { ...good.items[0], facet: "other" }] }],
  ])("rejects %s", (_label, file) => {
    expect(bankFileSchema.safeParse(file).success).toBe(false);
  });
});

describe("frameworks", () => {
  it("names the Grönroos criteria exactly as METHOD.md §1", () => {
    expect(frameworks.gronroos.criteria.map((c) => [c.key, c.name.en, c.name["zh-Hant"], c.name["zh-Hans"], c.kind])).toEqual([
      ["professionalism", "Professionalism and Skills", "規範化和技能化", "规范化和技能化", "outcome"],
      ["attitudes", "Attitudes and Behaviour", "態度和行為", "态度和行为", "process"],
      ["accessibility", "Accessibility and Flexibility", "可親近性和靈活性", "可亲近性和灵活性", "process"],
      ["reliability", "Reliability and Trustworthiness", "可靠性和忠誠感", "可靠性和忠诚感", "process"],
      ["recovery", "Recovery", "自我修復", "自我修复", "process"],
      ["reputation", "Reputation and Credibility", "名譽和可信性", "名誉和可信性", "image"],
    ]);
  });

  it("has SERVQUAL's five dimensions, and definitions in three languages", () => {
    expect(frameworks.servqual.criteria.map((c) => c.key)).toEqual([...servqualDimensionKeys]);
    for (const framework of Object.values(frameworks)) {
      for (const criterion of framework.criteria) {
        expect(scriptProblems(criterion.definition), criterion.key).toEqual([]);
      }
    }
  });
});

describe("SERVQUAL bank", () => {
  it("has the 22 items, 4–5 per dimension as in PZB 1988", () => {
    const counts = servqualDimensionKeys.map((d) => servqualItems(d).length);
    expect(counts).toEqual([4, 5, 4, 4, 5]);
    const refs = servqualDimensionKeys.flatMap((d) => servqualItems(d)).map((i) => i.ref);
    expect(refs.map((r) => Number(/#(\d+)/.exec(r ?? "")?.[1]))).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });
});
