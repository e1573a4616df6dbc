import { describe, expect, it } from "vitest";
import { scriptProblems } from "./text-checks";
import { causeFactors, causeFactorsFor, causeRespondent, findGap, gaps } from "./causes";
import { locales } from "@/lib/i18n/locales";

describe("causes", () => {
  it("covers the 16 factors of Zeithaml, Berry & Parasuraman (1988) on the right gaps", () => {
    expect(causeFactors.map((f) => [f.gap, f.key])).toEqual([
      [1, "marketing-research-orientation"],
      [1, "upward-communication"],
      [1, "levels-of-management"],
      [2, "management-commitment"],
      [2, "perceived-feasibility"],
      [2, "task-standardisation"],
      [2, "goal-setting"],
      [3, "teamwork"],
      [3, "employee-job-fit"],
      [3, "technology-job-fit"],
      [3, "perceived-control"],
      [3, "supervisory-control-systems"],
      [3, "role-conflict"],
      [3, "role-ambiguity"],
      [4, "horizontal-communication"],
      [4, "propensity-to-overpromise"],
    ]);
  });

  it("gives each factor 2–3 statements and a name and remedy in three languages", () => {
    for (const factor of causeFactors) {
      expect(factor.statements.length, factor.key).toBeGreaterThanOrEqual(2);
      expect(factor.statements.length, factor.key).toBeLessThanOrEqual(3);
      for (const text of [factor.name, factor.remedy, ...factor.statements.map((s) => s.text)]) {
        for (const locale of locales) expect(text[locale].trim(), factor.key).not.toBe("");
        expect(scriptProblems(text), `${factor.key}: ${text.en}`).toEqual([]);
      }
    }
  });

  it("marks negatively worded statements reverse, and keeps at least one positive factor score path", () => {
    const reverse = (key: string) => causeFactors.find((f) => f.key === key)?.statements.filter((s) => s.reverse).length;
    expect(reverse("role-conflict")).toBeGreaterThan(0);
    expect(reverse("propensity-to-overpromise")).toBeGreaterThan(0);
    expect(reverse("levels-of-management")).toBeGreaterThan(0);
    expect(reverse("teamwork")).toBe(0);
  });

  it("names gaps 1–5 with the seed's Chinese names and lists gap 5's consequences", () => {
    expect(gaps.map((g) => [g.gap, g.name["zh-Hant"], g.name["zh-Hans"]])).toEqual([
      [1, "管理者認識的差距", "管理者认识的差距"],
      [2, "品質標準差距", "质量标准差距"],
      [3, "服務交易差距", "服务交易差距"],
      [4, "營銷溝通的差距", "营销沟通的差距"],
      [5, "感知服務品質差距", "感知服务质量差距"],
    ]);
    expect(findGap(5).consequences?.map((c) => c.key)).toEqual(["negative-quality-judgement", "bad-word-of-mouth", "damaged-image", "lost-business"]);
    expect(findGap(1).consequences).toBeUndefined();
  });

  it("has managers answer gaps 1–2 and delivery staff gaps 3–4", () => {
    expect(causeRespondent).toEqual({ 1: "management", 2: "management", 3: "delivery", 4: "delivery" });
    expect(causeFactorsFor("management").map((f) => f.gap)).toEqual([1, 1, 1, 2, 2, 2, 2]);
    expect(causeFactorsFor("delivery").every((f) => f.gap >= 3)).toBe(true);
    expect(causeFactorsFor("delivery")).toHaveLength(9);
    expect(causeFactorsFor("communication")).toEqual([]);
  });
});
