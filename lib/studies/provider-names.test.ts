import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findStudy, latestVersion, loadDraft } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import { providerIn } from "@/lib/i18n/localized-text";
import { generateItems } from "@/lib/questions/generator";
import { gronroosCriterionKeys } from "@/lib/questions/bank-schema";
import { studySettingsFormSchema, readStudyForm } from "@/lib/validation/study";
import { publishDraft } from "./publish";
import { updateStudySettings } from "./settings";
import { testStudy, testWorkspace } from "./test-db";

// Issue 18: the provider's own name per language ("海港飯店" in a Chinese survey).

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("provider-names");
});
afterAll(() => done());

const settings = {
  name: "Front desk",
  provider: "Harbour Hotel",
  industry: "hotel" as const,
  languages: ["en" as const, "zh-Hant" as const],
  scale: 7 as const,
  askImportance: false,
  segments: [],
};

describe("providerIn", () => {
  it("takes a language's own name and falls back to the main one", () => {
    const names = { "zh-Hant": "海港飯店", "zh-Hans": "  " };
    expect(providerIn("zh-Hant", "Harbour Hotel", names)).toBe("海港飯店");
    expect(providerIn("zh-Hans", "Harbour Hotel", names)).toBe("Harbour Hotel");
    expect(providerIn("en", "Harbour Hotel", names)).toBe("Harbour Hotel");
    expect(providerIn("zh-Hant", "Harbour Hotel", null)).toBe("Harbour Hotel");
  });
});

describe("generation", () => {
  it("fills zh-Hant questions with 海港飯店 (no space) and English ones with Harbour Hotel", () => {
    const result = generateItems({
      framework: "gronroos",
      industry: "hotel",
      provider: "Harbour Hotel",
      providerNames: { "zh-Hant": "海港飯店" },
      languages: ["en", "zh-Hant", "zh-Hans"],
      seed: 42,
      criteria: gronroosCriterionKeys.map((key) => ({ key })),
    });
    const texts = result.flatMap((c) => c.items.map((i) => i.text));
    const zhHant = texts.map((t) => t["zh-Hant"] ?? "").filter((t) => t.includes("海港飯店"));
    expect(zhHant.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(t["zh-Hant"]).not.toContain("Harbour Hotel");
      expect(t["zh-Hant"]).not.toMatch(/ 海港飯店|海港飯店 /);
      expect(t.en).not.toContain("海港飯店");
    }
    expect(texts.some((t) => t.en?.includes("Harbour Hotel"))).toBe(true);
    // zh-Hans has no own name: the main one, set off by a space.
    expect(texts.some((t) => t["zh-Hans"]?.includes("Harbour Hotel"))).toBe(true);
  });
});

describe("settings", () => {
  it("reads the per-language fields, trims them and drops blank ones; refuses a name too long", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ name: "Front desk", provider: "Harbour Hotel", languages: "en", scale: "7", segments: "" })) form.set(k, v);
    form.append("languages", "zh-Hant");
    form.set("providerNames.zh-Hant", " 海港飯店 ");
    form.set("providerNames.en", "  ");
    const parsed = studySettingsFormSchema.parse(readStudyForm(form));
    expect(parsed.providerNames).toEqual({ "zh-Hant": "海港飯店" });
    form.set("providerNames.zh-Hant", "海".repeat(201));
    const refused = studySettingsFormSchema.safeParse(readStudyForm(form));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ["providerNames", "zh-Hant"], message: "tooLong" });
  });

  it("renaming the zh-Hant name rewrites only the zh-Hant texts, and back", async () => {
    const workspaceId = await testWorkspace();
    const { id: studyId } = await testStudy(workspaceId);
    const before = (await loadDraft(getDb(), studyId)).flatMap((c) => c.items);
    expect(before.some((i) => i.text["zh-Hant"]?.includes("Harbour Hotel 的"))).toBe(true);

    expect((await updateStudySettings(workspaceId, studyId, { ...settings, providerNames: { "zh-Hant": "海港飯店" } })).ok).toBe(true);
    expect((await findStudy(getDb(), workspaceId, studyId))?.providerNames).toEqual({ "zh-Hant": "海港飯店" });
    const after = (await loadDraft(getDb(), studyId)).flatMap((c) => c.items);
    for (const [index, item] of after.entries()) {
      expect(item.text.en).toBe(before[index].text.en);
      expect(item.text["zh-Hant"]).toBe(before[index].text["zh-Hant"]!.replace(/ ?Harbour Hotel ?/g, "海港飯店"));
    }
    expect(after.some((i) => i.text["zh-Hant"]?.includes("海港飯店的"))).toBe(true);

    // Emptied: the main name again, with its spacing.
    expect((await updateStudySettings(workspaceId, studyId, { ...settings, providerNames: {} })).ok).toBe(true);
    expect((await findStudy(getDb(), workspaceId, studyId))?.providerNames ?? null).toBeNull();
    expect((await loadDraft(getDb(), studyId)).flatMap((c) => c.items).map((i) => i.text)).toEqual(before.map((i) => i.text));
  });

  it("a new main name leaves a language's own name in place; publishing freezes the names", async () => {
    const workspaceId = await testWorkspace();
    const { id: studyId } = await testStudy(workspaceId);
    await updateStudySettings(workspaceId, studyId, { ...settings, providerNames: { "zh-Hant": "海港飯店" } });
    await updateStudySettings(workspaceId, studyId, { ...settings, provider: "Bay Inn", providerNames: { "zh-Hant": "海港飯店" } });
    const items = (await loadDraft(getDb(), studyId)).flatMap((c) => c.items);
    expect(items.every((i) => !i.text.en?.includes("Harbour Hotel") && !i.text["zh-Hant"]?.includes("Bay Inn"))).toBe(true);
    expect(items.some((i) => i.text.en?.includes("Bay Inn"))).toBe(true);
    expect(items.some((i) => i.text["zh-Hant"]?.includes("海港飯店"))).toBe(true);

    const published = await publishDraft(workspaceId, studyId, null);
    expect(published.ok).toBe(true);
    const version = await latestVersion(getDb(), studyId);
    expect(version?.snapshot).toMatchObject({ provider: "Bay Inn", providerNames: { "zh-Hant": "海港飯店" } });
  });
});
