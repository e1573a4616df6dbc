import { describe, expect, it } from "vitest";
import { findBankItem, gronroosCandidates, industryItems } from "./bank";
import { gronroosCriterionKeys, industryKeys, servqualDimensionKeys } from "./bank-schema";
import { generateItems, type GeneratedCriterion, type GenerateItemsInput } from "./generator";
import type { Locale } from "@/lib/i18n/locales";

const allGronroos = gronroosCriterionKeys.map((key) => ({ key }));
const base: GenerateItemsInput = {
  framework: "gronroos",
  industry: "hotel",
  provider: "Harbour View Hotel",
  languages: ["en", "zh-Hant", "zh-Hans"],
  seed: 42,
  criteria: allGronroos,
};

function drawn(result: GeneratedCriterion[], key: string) {
  return result.find((c) => c.key === key)?.items ?? [];
}

describe("generateItems", () => {
  it("is repeatable from a seed and varies with it", () => {
    expect(generateItems(base)).toEqual(generateItems(base));
    expect(generateItems({ ...base, seed: 43 })).not.toEqual(generateItems(base));
  });

  it("gives every criterion of every industry 4 or 5 distinct, complete items for many seeds", { timeout: 20_000 }, () => {
    const languages: Locale[] = ["en", "zh-Hant", "zh-Hans"];
    for (const industry of industryKeys) {
      for (const perCriterion of [4, 5] as const) {
        for (let seed = 0; seed < 25; seed++) {
          const result = generateItems({ ...base, industry, perCriterion, seed, provider: "ACME 公司" });
          expect(result.map((c) => c.key)).toEqual([...gronroosCriterionKeys]);
          for (const criterion of result) {
            const where = `${industry} ${criterion.key} seed ${seed}`;
            const items = criterion.items;
            expect(criterion.status, where).toBe("complete");
            expect(items, where).toHaveLength(perCriterion);
            expect(new Set(items.map((i) => i.bankId)).size, where).toBe(perCriterion);
            expect(new Set(items.map((i) => i.facet)).size, where).toBe(perCriterion);
            expect(items.filter((i) => i.reverse).length, where).toBeLessThanOrEqual(1);
            for (const locale of languages) {
              expect(new Set(items.map((i) => i.text[locale])).size, where).toBe(perCriterion);
              for (const item of items) {
                const text = item.text[locale] ?? "";
                expect(text, where).toContain("ACME 公司");
                expect(text, where).not.toContain("{provider}");
              }
            }
          }
        }
      }
    }
  });

  it("prefers the industry's own candidates and fills with generic ones", () => {
    for (const industry of industryKeys.filter((k) => k !== "generic")) {
      for (const key of gronroosCriterionKeys) {
        const ownFacets = new Set(
          industryItems(industry, key)
            .filter((i) => !i.reverse)
            .map((i) => i.facet),
        );
        const own = drawn(generateItems({ ...base, industry, criteria: [{ key }] }), key).filter((i) => i.bankId?.startsWith(`${industry}.`));
        expect(own.length, `${industry}.${key}`).toBeGreaterThanOrEqual(Math.min(4, ownFacets.size));
      }
    }
    const fifth = drawn(generateItems({ ...base, perCriterion: 5, criteria: [{ key: "attitudes" }] }), "attitudes");
    expect(fifth.map((i) => i.bankId?.split(".")[0]).sort()).toEqual(["hotel", "hotel", "hotel", "hotel", "hotel"]);
  });

  it("gives more than 5 distinct questions per criterion across six seeds of each industry", () => {
    for (const industry of industryKeys) {
      const seen = new Map<string, Set<string>>(gronroosCriterionKeys.map((key) => [key, new Set()]));
      for (let seed = 1; seed <= 6; seed++) {
        for (const criterion of generateItems({ ...base, industry, seed })) {
          for (const item of criterion.items) seen.get(criterion.key)?.add(item.bankId ?? "");
        }
      }
      for (const key of gronroosCriterionKeys) {
        expect(seen.get(key)?.size, `${industry}.${key}`).toBeGreaterThan(5);
        // Ten own questions: six seeds need not reach for the generic ones.
        if (industry !== "generic")
          expect(
            [...(seen.get(key) ?? [])].every((id) => id.startsWith(`${industry}.`)),
            `${industry}.${key}`,
          ).toBe(true);
      }
    }
  });

  it("regenerates questions not on screen, never shown ones first, then reports it ran out", () => {
    for (const industry of industryKeys) {
      for (const key of gronroosCriterionKeys) {
        const where = `${industry}.${key}`;
        const own = new Set(industryItems(industry, key).map((i) => i.id));
        const pool = gronroosCandidates(industry, key);
        let onScreen = drawn(generateItems({ ...base, industry, criteria: [{ key }] }), key).map((i) => i.bankId ?? "");
        const shown = new Set(onScreen);
        let regenerations = 0;
        for (;;) {
          const avoid = onScreen;
          const seen = [...shown].filter((id) => !avoid.includes(id));
          const [result] = generateItems({ ...base, industry, seed: 100 + regenerations, criteria: [{ key, avoid, seen }] });
          regenerations++;
          const ids = result.items.map((i) => i.bankId ?? "");
          expect(result.status, where).toBe("complete");
          expect(ids, where).toHaveLength(4);
          const fresh = ids.filter((id) => !shown.has(id));
          const unshown = pool.filter((i) => !shown.has(i.id));
          if (result.repeated === 0) {
            // All new: none on screen, none shown before; the industry's own before the generic ones.
            expect(fresh, where).toEqual(ids);
            if ([...own].some((id) => !shown.has(id) && !ids.includes(id)))
              expect(
                ids.every((id) => own.has(id)),
                where,
              ).toBe(true);
          } else {
            // Ran out: every question never shown was offered, and it says how many it reused.
            expect(result.repeated, where).toBe(4 - fresh.length);
            expect(fresh.length, where).toBeLessThan(4);
            expect(
              unshown.filter((i) => !i.reverse || !ids.some((id) => findBankItem(id)?.reverse)).every((i) => ids.includes(i.id)),
              where,
            ).toBe(true);
            // …and reuses the ones not on screen before those on screen.
            if (pool.length - avoid.length >= 4)
              expect(
                ids.some((id) => avoid.includes(id)),
                where,
              ).toBe(false);
            break;
          }
          for (const id of ids) shown.add(id);
          onScreen = ids;
          expect(regenerations, where).toBeLessThan(20);
        }
        // Ten own questions and the generic ones: at least three regenerations of new questions before running out.
        expect(regenerations, where).toBeGreaterThanOrEqual(industry === "generic" ? 2 : 4);
      }
    }
  });

  it("returns only the chosen languages", () => {
    const result = generateItems({ ...base, languages: ["zh-Hant"] });
    for (const criterion of result) for (const item of criterion.items) expect(Object.keys(item.text)).toEqual(["zh-Hant"]);
  });

  it("inserts the provider name literally, even with $ patterns", () => {
    const [criterion] = generateItems({ ...base, provider: "A$&B $1", criteria: [{ key: "reliability" }] });
    for (const item of criterion.items) expect(item.text.en).toContain("A$&B $1");
  });

  it("regenerates one criterion with the same result as a full run", () => {
    const full = generateItems(base);
    const one = generateItems({ ...base, criteria: [{ key: "recovery" }] });
    expect(one[0]).toEqual(full.find((c) => c.key === "recovery"));
  });

  it("keeps locked items first, counts them, and excludes their bank ids and facets", () => {
    const first = drawn(generateItems(base), "reliability");
    const keep = first[0];
    const custom = { text: { en: "{provider} lends umbrellas.", "zh-Hant": "{provider}出借雨傘。" }, reverse: false };
    for (let seed = 0; seed < 30; seed++) {
      const result = generateItems({
        ...base,
        seed,
        criteria: [{ key: "reliability", locked: [{ bankId: keep.bankId, text: keep.text, reverse: keep.reverse }, custom] }],
      });
      const items = result[0].items;
      expect(items).toHaveLength(4);
      expect(items[0]).toEqual({ ...keep, locked: true });
      expect(items[1]).toEqual({
        bankId: null,
        facet: null,
        text: { en: "Harbour View Hotel lends umbrellas.", "zh-Hant": "Harbour View Hotel 出借雨傘。" }, // a Latin name set off from Chinese by a space
        reverse: false,
        locked: true,
      });
      const fresh = items.slice(2);
      expect(fresh.every((i) => !i.locked && i.bankId !== keep.bankId && i.facet !== keep.facet)).toBe(true);
    }
  });

  it("does not draw a bank item whose text a locked item already has", () => {
    const onTime = findBankItem("generic.reliability.on-time");
    expect(onTime).toBeDefined();
    const text = { en: onTime?.text.en.replace("{provider}", "Acme") };
    for (let seed = 0; seed < 60; seed++) {
      const [criterion] = generateItems({
        ...base,
        industry: "generic",
        provider: "Acme",
        perCriterion: 5,
        seed,
        criteria: [{ key: "reliability", locked: [{ text, reverse: false }] }],
      });
      expect(criterion.items.map((i) => i.bankId)).not.toContain("generic.reliability.on-time");
    }
  });

  it("counts locked reverse items toward the reverse limit", () => {
    const reverseBank = gronroosCandidates("generic", "recovery").filter((i) => i.reverse);
    expect(reverseBank.length).toBeGreaterThan(0);
    for (let seed = 0; seed < 40; seed++) {
      const [criterion] = generateItems({
        ...base,
        industry: "generic",
        seed,
        criteria: [{ key: "recovery", locked: [{ text: { en: "{provider} ignores me." }, reverse: true }] }],
      });
      expect(criterion.items.filter((i) => i.reverse)).toHaveLength(1);
      const none = generateItems({ ...base, seed, maxReversePerCriterion: 0 });
      expect(none.flatMap((c) => c.items).some((i) => i.reverse)).toBe(false);
    }
  });

  it("returns locked items only when they already reach the target", () => {
    const locked = [1, 2, 3, 4, 5].map((n) => ({ text: { en: `Item ${n}` }, reverse: false }));
    const [criterion] = generateItems({ ...base, criteria: [{ key: "attitudes", locked }] });
    expect(criterion.status).toBe("complete");
    expect(criterion.items.map((i) => i.text.en)).toEqual(["Item 1", "Item 2", "Item 3", "Item 4", "Item 5"]);
  });

  it("flags a criterion the preset does not know and keeps its locked items", () => {
    const result = generateItems({
      ...base,
      criteria: [{ key: "sustainability", locked: [{ text: { en: "{provider} recycles." }, reverse: false }] }, { key: "tangibles" }],
    });
    expect(result[0]).toEqual({
      key: "sustainability",
      status: "custom-criterion",
      items: [{ bankId: null, facet: null, text: { en: "Harbour View Hotel recycles." }, reverse: false, locked: true }],
      repeated: 0,
    });
    expect(result[1]).toEqual({ key: "tangibles", status: "custom-criterion", items: [], repeated: 0 });
  });

  it("gives SERVQUAL's items per dimension in the instrument's order", () => {
    const input: GenerateItemsInput = { ...base, framework: "servqual", criteria: servqualDimensionKeys.map((key) => ({ key })) };
    const result = generateItems(input);
    expect(result.map((c) => c.items.length)).toEqual([4, 5, 4, 4, 5]);
    const ids = result.flatMap((c) => c.items.map((i) => i.bankId));
    expect(ids.map((id) => Number(/#(\d+)/.exec(findBankItem(id ?? "")?.ref ?? "")?.[1]))).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(generateItems({ ...input, seed: 7 })).toEqual(result);
    const four = generateItems({ ...input, perCriterion: 4, criteria: [{ key: "empathy" }] })[0].items;
    expect(four).toHaveLength(4);
  });

  it("reports a bank that cannot fill the target", () => {
    const locked = [{ bankId: "servqual.tangibles.modern-equipment", text: { en: "x" }, reverse: false }];
    const [criterion] = generateItems({ ...base, framework: "servqual", perCriterion: 5, criteria: [{ key: "tangibles", locked }] });
    expect(criterion.status).toBe("bank-exhausted");
    expect(criterion.items).toHaveLength(4);
  });

  it.each([
    ["no language", { languages: [] }],
    ["a repeated language", { languages: ["en", "en"] }],
    ["a blank provider", { provider: "  " }],
    ["a fractional seed", { seed: 1.5 }],
    ["an unknown industry", { industry: "casino" }],
    ["a repeated criterion", { criteria: [{ key: "recovery" }, { key: "recovery" }] }],
    ["six items per criterion", { perCriterion: 6 }],
  ])("rejects %s", (_label, patch) => {
    expect(() => generateItems({ ...base, ...patch } as GenerateItemsInput)).toThrow();
  });
});
