import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/localized-text";
import { frameworks } from "./frameworks";
import { customerWording, defaultCustomerWording } from "./customer-wording";

describe("what customers read above a criterion", () => {
  it("has a title and a line of its own in every language for all eleven preset criteria, not the method's words", () => {
    const all = [...frameworks.gronroos.criteria, ...frameworks.servqual.criteria];
    expect(all).toHaveLength(11);
    for (const c of all) {
      for (const l of locales) {
        expect(c.customerTitle[l]).not.toBe(c.name[l]);
        expect(c.customerDescription[l]).not.toBe(c.definition[l]);
        // A heading, not a sentence; the line is one sentence.
        expect(c.customerTitle[l].length).toBeLessThanOrEqual(l === "en" ? 32 : 10);
        expect(c.customerDescription[l].match(/[.。]/g)?.length).toBe(1);
      }
    }
    // The words the walkthrough found misleading never reach customers.
    const zhTitles = all.flatMap((c) => [c.customerTitle["zh-Hant"], c.customerTitle["zh-Hans"]]).join(" ");
    expect(zhTitles).not.toMatch(/自我修|忠誠|忠诚|規範化|规范化/);
  });

  it("words a key shared by both presets alike (a snapshot does not name its framework)", () => {
    const g = frameworks.gronroos.criteria.find((c) => c.key === "reliability")!;
    const s = frameworks.servqual.criteria.find((c) => c.key === "reliability")!;
    expect([g.customerTitle, g.customerDescription]).toEqual([s.customerTitle, s.customerDescription]);
  });

  it("takes the manager's wording per language, else the default, else the criterion's own name", () => {
    const recovery = {
      key: "recovery",
      name: { en: "Recovery", "zh-Hant": "自我修復" },
      description: { en: "Third person.", "zh-Hant": "第三人稱。" },
    };
    expect(customerWording(recovery, ["en", "zh-Hant"])).toEqual({
      title: { en: "When something goes wrong", "zh-Hant": "出狀況時的處理" },
      description: defaultCustomerWording("recovery") && {
        en: defaultCustomerWording("recovery")!.description.en,
        "zh-Hant": defaultCustomerWording("recovery")!.description["zh-Hant"],
      },
    });
    const edited = customerWording({ ...recovery, customerTitle: { "zh-Hant": "服務補救", en: " " }, customerDescription: null }, ["en", "zh-Hant"]);
    expect(edited.title).toEqual({ en: "When something goes wrong", "zh-Hant": "服務補救" });
    const own = customerWording({ key: "parking", name: { en: "Parking" }, description: { en: "Enough spaces." } }, ["en", "zh-Hant"]);
    expect(own).toEqual({ title: { en: "Parking" }, description: { en: "Enough spaces." } });
  });
});
