import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findStudy, loadDraft } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import {
  addCriterion,
  addItem,
  moveCriterion,
  moveItem,
  moveItemToCriterion,
  removeCriterion,
  removeItem,
  saveWeights,
  splitWeightsEqually,
  updateCriterionText,
  updateItemContent,
} from "./draft";
import { regenerateItems } from "./regenerate";
import { findBankItem, gronroosCandidates } from "@/lib/questions/bank";
import type { GronroosCriterionKey } from "@/lib/questions/bank-schema";
import { setArchived, updateStudySettings } from "./settings";
import { testStudy, testWorkspace } from "./test-db";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("draft");
});
afterAll(() => done());

async function setup() {
  const workspaceId = await testWorkspace();
  const study = await testStudy(workspaceId);
  const draft = () => loadDraft(getDb(), study.id);
  return { workspaceId, studyId: study.id, draft };
}

describe("weights", () => {
  it("saves a split of exactly 100 and refuses 90, changing nothing", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const ids = (await draft()).map((c) => c.id);
    const before = (await draft()).map((c) => c.weight);
    const ninety = Object.fromEntries(ids.map((id, i) => [id, [30, 20, 15, 15, 10, 0][i]]));
    expect(await saveWeights(workspaceId, studyId, ninety)).toEqual({ ok: false, code: "weightsSum" });
    expect((await draft()).map((c) => c.weight)).toEqual(before);
    const hundred = { ...ninety, [ids[5]]: 10 };
    expect((await saveWeights(workspaceId, studyId, hundred)).ok).toBe(true);
    expect((await draft()).map((c) => c.weight)).toEqual([30, 20, 15, 15, 10, 10]);
  });

  it("refuses a split that misses a criterion, and another workspace's study", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const [first] = await draft();
    expect(await saveWeights(workspaceId, studyId, { [first.id]: 100 })).toEqual({ ok: false, code: "staleWeights" });
    const all = Object.fromEntries((await draft()).map((c, i) => [c.id, i === 0 ? 100 : 0]));
    expect(await saveWeights("another-workspace", studyId, all)).toEqual({ ok: false, code: "notFound" });
  });

  it("splits equally to exactly 100", async () => {
    const { workspaceId, studyId, draft } = await setup();
    await addCriterion(workspaceId, studyId, { name: { en: "Cleanliness" }, description: {} });
    expect((await splitWeightsEqually(workspaceId, studyId)).ok).toBe(true);
    const weights = (await draft()).map((c) => c.weight);
    expect(weights).toHaveLength(7);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });
});

describe("criteria", () => {
  it("renames per language, keeping other languages, and refuses a criterion without any name", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const [first] = await draft();
    await updateCriterionText(workspaceId, studyId, first.id, { name: { en: "Skills", "zh-Hant": "" }, description: { en: "Knows the job." } });
    const renamed = (await draft())[0];
    expect(renamed.name).toEqual({ en: "Skills" });
    expect(renamed.description).toEqual({ en: "Knows the job." });
    expect(await updateCriterionText(workspaceId, studyId, first.id, { name: { en: " " }, description: {} })).toEqual({
      ok: false,
      code: "criterionNameRequired",
    });
  });

  it("adds up to 12 criteria with unique keys, removes down to 1, and reorders", async () => {
    const { workspaceId, studyId, draft } = await setup();
    for (let i = 0; i < 6; i++) expect((await addCriterion(workspaceId, studyId, { name: { en: "Extra care" }, description: {} })).ok).toBe(true);
    expect(await addCriterion(workspaceId, studyId, { name: { en: "One too many" }, description: {} })).toEqual({
      ok: false,
      code: "tooManyCriteria",
    });
    const keys = (await draft()).map((c) => c.key);
    expect(keys.slice(6)).toEqual(["extra-care", "extra-care-2", "extra-care-3", "extra-care-4", "extra-care-5", "extra-care-6"]);
    const last = (await draft())[11];
    await moveCriterion(workspaceId, studyId, last.id, "up");
    expect((await draft())[10].id).toBe(last.id);
    for (const criterion of (await draft()).slice(1)) expect((await removeCriterion(workspaceId, studyId, criterion.id)).ok).toBe(true);
    expect(await draft()).toHaveLength(1);
    expect(await removeCriterion(workspaceId, studyId, (await draft())[0].id)).toEqual({ ok: false, code: "lastCriterion" });
  });
});

describe("items", () => {
  it("locks an item when its text changes, and lets an unchanged item be unlocked", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const item = (await draft())[0].items[0];
    expect(item.locked).toBe(false);
    const same = await updateItemContent(workspaceId, studyId, item.id, { text: item.text, reverse: item.reverse, locked: false });
    expect(same).toEqual({ ok: true, changed: false, locked: false });
    const edited = await updateItemContent(workspaceId, studyId, item.id, {
      text: { ...item.text, en: "The room was ready at check-in." },
      reverse: item.reverse,
      locked: false,
    });
    expect(edited).toEqual({ ok: true, changed: true, locked: true });
    expect((await draft())[0].items[0]).toMatchObject({ id: item.id, locked: true, text: { en: "The room was ready at check-in." } });
    await updateItemContent(workspaceId, studyId, item.id, { text: (await draft())[0].items[0].text, reverse: item.reverse, locked: false });
    expect((await draft())[0].items[0].locked).toBe(false);
  });

  it("adds, reorders, moves between criteria and removes items", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const [a, b] = await draft();
    const added = await addItem(workspaceId, studyId, a.id, { text: { en: "Staff greet me by name." }, reverse: false });
    if (!added.ok) throw new Error(added.code);
    expect((await draft())[0].items.map((i) => i.id).at(-1)).toBe(added.itemId);
    expect((await draft())[0].items.at(-1)).toMatchObject({ locked: true, key: "professionalism-5" });
    await moveItem(workspaceId, studyId, added.itemId, "up");
    expect((await draft())[0].items[3].id).toBe(added.itemId);
    expect((await draft())[0].items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    expect((await moveItemToCriterion(workspaceId, studyId, added.itemId, b.id)).ok).toBe(true);
    expect((await draft())[0].items).toHaveLength(4);
    expect((await draft())[1].items.at(-1)?.id).toBe(added.itemId);
    expect(await moveItemToCriterion(workspaceId, studyId, added.itemId, b.id)).toEqual({ ok: false, code: "sameCriterion" });
    await removeItem(workspaceId, studyId, added.itemId);
    expect((await draft())[1].items.map((i) => i.id)).not.toContain(added.itemId);
    expect((await draft())[1].items.map((i) => i.position)).toEqual([0, 1, 2, 3]);
  });
});

describe("regeneration", () => {
  it("keeps locked and edited items with their ids, refills the rest, and bumps the seed", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const [first, second] = await draft();
    const edited = first.items[2];
    await updateItemContent(workspaceId, studyId, edited.id, {
      text: { en: "My own words.", "zh-Hant": "我自己的話。" },
      reverse: false,
      locked: false,
    });
    const lockedOnly = first.items[0];
    await updateItemContent(workspaceId, studyId, lockedOnly.id, { text: lockedOnly.text, reverse: lockedOnly.reverse, locked: true });
    const seedBefore = (await findStudy(getDb(), workspaceId, studyId))!.seed;

    const result = await regenerateItems(workspaceId, studyId, first.id);
    expect(result).toMatchObject({ ok: true, seed: seedBefore + 1, kept: 2, custom: [], exhausted: [] });
    const after = (await draft())[0].items;
    expect(after).toHaveLength(4);
    expect(after.slice(0, 2).map((i) => i.id)).toEqual([lockedOnly.id, edited.id]);
    expect(after[1].text).toEqual({ en: "My own words.", "zh-Hant": "我自己的話。" });
    for (const item of after.slice(2)) {
      expect(item.locked).toBe(false);
      expect(item.text.en).toContain("Harbour Hotel");
      expect(item.text["zh-Hant"]).toContain("Harbour Hotel");
    }
    expect(new Set(after.map((i) => i.text.en)).size).toBe(4);
    expect((await findStudy(getDb(), workspaceId, studyId))!.seed).toBe(seedBefore + 1);
    // Other criteria are untouched by a one-criterion regeneration.
    expect((await draft())[1].items).toEqual(second.items);
  });

  it("gives a bank item drawn again its old row (stable id), and is repeatable from the seed", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const idsByBank = new Map((await draft()).flatMap((c) => c.items.map((i) => [i.bankId, i.id])));
    await regenerateItems(workspaceId, studyId, null);
    await regenerateItems(workspaceId, studyId, null);
    for (const item of (await draft()).flatMap((c) => c.items)) {
      if (idsByBank.has(item.bankId)) expect(item.id).toBe(idsByBank.get(item.bankId));
    }
    const again = await setup();
    await regenerateItems(again.workspaceId, again.studyId, null);
    await regenerateItems(again.workspaceId, again.studyId, null);
    expect((await again.draft()).flatMap((c) => c.items.map((i) => i.bankId))).toEqual((await draft()).flatMap((c) => c.items.map((i) => i.bankId)));
  });

  it("proposes questions not on screen and not shown before until the bank runs out, then says so", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const criterion = (await draft())[0];
    const pool = gronroosCandidates("hotel", criterion.key as GronroosCriterionKey).map((i) => i.id);
    const shown = new Set(criterion.items.map((i) => i.bankId));
    let rounds = 0;
    for (;;) {
      const onScreen = (await draft())[0].items.map((i) => i.bankId);
      const result = await regenerateItems(workspaceId, studyId, criterion.id);
      if (!result.ok) throw new Error(result.code);
      rounds++;
      const now = (await draft())[0].items.map((i) => i.bankId);
      expect(now).toHaveLength(4);
      if (result.noNew.length === 0) {
        // Four new questions: none of them on screen before, none shown in an earlier round.
        expect(now.filter((id) => shown.has(id))).toEqual([]);
      } else {
        const fresh = now.filter((id) => !shown.has(id));
        expect(result.noNew).toEqual([{ criterionId: criterion.id, fresh: fresh.length }]);
        // Every bank question has now been shown, and what is reused was not on screen just before.
        for (const id of now) shown.add(id);
        expect(pool.filter((id) => !shown.has(id) && !findBankItem(id)?.reverse)).toEqual([]);
        expect(now.filter((id) => onScreen.includes(id))).toEqual([]);
        break;
      }
      for (const id of now) shown.add(id);
      expect(rounds).toBeLessThan(20);
    }
    // The hotel bank's ten questions and the generic ones: several rounds of new questions.
    expect(rounds).toBeGreaterThanOrEqual(5);
    // Regenerating all afterwards reports the criterion that ran out.
    const all = await regenerateItems(workspaceId, studyId, null);
    expect(all.ok && all.noNew.map((c) => c.criterionId)).toContain(criterion.id);
  });

  it("reports a custom criterion, which keeps only its own items", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const added = await addCriterion(workspaceId, studyId, { name: { en: "Breakfast" }, description: {} });
    if (!added.ok) throw new Error(added.code);
    await addItem(workspaceId, studyId, added.criterionId, { text: { en: "Breakfast is fresh." }, reverse: false });
    const result = await regenerateItems(workspaceId, studyId, added.criterionId);
    expect(result).toMatchObject({ ok: true, custom: [added.criterionId], kept: 1 });
    expect((await draft()).at(-1)?.items.map((i) => i.text.en)).toEqual(["Breakfast is fresh."]);
  });
});

describe("settings", () => {
  it("carries a new provider name into the questions and fills a new language from the bank", async () => {
    const { workspaceId, studyId, draft } = await setup();
    const edited = (await draft())[0].items[0];
    await updateItemContent(workspaceId, studyId, edited.id, { text: { en: "Harbour Hotel knows its job." }, reverse: false, locked: true });
    const result = await updateStudySettings(workspaceId, studyId, {
      name: "Front desk",
      provider: "Bay Inn",
      industry: "hotel",
      languages: ["en", "zh-Hant", "zh-Hans"],
      scale: 5,
      askImportance: true,
      segments: ["Taipei", "Kaohsiung"],
    });
    expect(result.ok).toBe(true);
    const study = (await findStudy(getDb(), workspaceId, studyId))!;
    expect(study).toMatchObject({ provider: "Bay Inn", scale: 5, askImportance: true, segments: ["Taipei", "Kaohsiung"] });
    const items = (await draft()).flatMap((c) => c.items);
    expect(items.every((i) => !JSON.stringify(i.text).includes("Harbour Hotel"))).toBe(true);
    expect(items.find((i) => i.id === edited.id)?.text).toEqual({ en: "Bay Inn knows its job." });
    for (const item of items.filter((i) => !i.locked)) expect(item.text["zh-Hans"]).toContain("Bay Inn");
    expect((await draft())[0].name["zh-Hans"]).toBe("规范化和技能化");
  });

  it("archives and unarchives", async () => {
    const { workspaceId, studyId } = await setup();
    await setArchived(workspaceId, studyId, true);
    expect((await findStudy(getDb(), workspaceId, studyId))!.archivedAt).not.toBeNull();
    await setArchived(workspaceId, studyId, false);
    expect((await findStudy(getDb(), workspaceId, studyId))!.archivedAt).toBeNull();
  });
});
