import { describe, expect, it } from "vitest";
import { findStudy, loadDraft } from "@/db/queries/studies";
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
import { setArchived, updateStudySettings } from "./settings";
import { testDatabase, testStudy } from "./test-db";

function setup() {
  const { db, workspaceId } = testDatabase();
  const study = testStudy(db, workspaceId);
  const draft = () => loadDraft(study.id, db);
  return { db, workspaceId, studyId: study.id, draft };
}

describe("weights", () => {
  it("saves a split of exactly 100 and refuses 90, changing nothing", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const ids = draft().map((c) => c.id);
    const before = draft().map((c) => c.weight);
    const ninety = Object.fromEntries(ids.map((id, i) => [id, [30, 20, 15, 15, 10, 0][i]]));
    expect(saveWeights(workspaceId, studyId, ninety, db)).toEqual({ ok: false, code: "weightsSum" });
    expect(draft().map((c) => c.weight)).toEqual(before);
    const hundred = { ...ninety, [ids[5]]: 10 };
    expect(saveWeights(workspaceId, studyId, hundred, db).ok).toBe(true);
    expect(draft().map((c) => c.weight)).toEqual([30, 20, 15, 15, 10, 10]);
  });

  it("refuses a split that misses a criterion, and another workspace's study", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const [first] = draft();
    expect(saveWeights(workspaceId, studyId, { [first.id]: 100 }, db)).toEqual({ ok: false, code: "staleWeights" });
    const all = Object.fromEntries(draft().map((c, i) => [c.id, i === 0 ? 100 : 0]));
    expect(saveWeights("another-workspace", studyId, all, db)).toEqual({ ok: false, code: "notFound" });
  });

  it("splits equally to exactly 100", () => {
    const { db, workspaceId, studyId, draft } = setup();
    addCriterion(workspaceId, studyId, { name: { en: "Cleanliness" }, description: {} }, db);
    expect(splitWeightsEqually(workspaceId, studyId, db).ok).toBe(true);
    const weights = draft().map((c) => c.weight);
    expect(weights).toHaveLength(7);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });
});

describe("criteria", () => {
  it("renames per language, keeping other languages, and refuses a criterion without any name", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const [first] = draft();
    updateCriterionText(workspaceId, studyId, first.id, { name: { en: "Skills", "zh-Hant": "" }, description: { en: "Knows the job." } }, db);
    const renamed = draft()[0];
    expect(renamed.name).toEqual({ en: "Skills" });
    expect(renamed.description).toEqual({ en: "Knows the job." });
    expect(updateCriterionText(workspaceId, studyId, first.id, { name: { en: " " }, description: {} }, db)).toEqual({
      ok: false,
      code: "criterionNameRequired",
    });
  });

  it("adds up to 12 criteria with unique keys, removes down to 1, and reorders", () => {
    const { db, workspaceId, studyId, draft } = setup();
    for (let i = 0; i < 6; i++) expect(addCriterion(workspaceId, studyId, { name: { en: "Extra care" }, description: {} }, db).ok).toBe(true);
    expect(addCriterion(workspaceId, studyId, { name: { en: "One too many" }, description: {} }, db)).toEqual({ ok: false, code: "tooManyCriteria" });
    const keys = draft().map((c) => c.key);
    expect(keys.slice(6)).toEqual(["extra-care", "extra-care-2", "extra-care-3", "extra-care-4", "extra-care-5", "extra-care-6"]);
    const last = draft()[11];
    moveCriterion(workspaceId, studyId, last.id, "up", db);
    expect(draft()[10].id).toBe(last.id);
    for (const criterion of draft().slice(1)) expect(removeCriterion(workspaceId, studyId, criterion.id, db).ok).toBe(true);
    expect(draft()).toHaveLength(1);
    expect(removeCriterion(workspaceId, studyId, draft()[0].id, db)).toEqual({ ok: false, code: "lastCriterion" });
  });
});

describe("items", () => {
  it("locks an item when its text changes, and lets an unchanged item be unlocked", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const item = draft()[0].items[0];
    expect(item.locked).toBe(false);
    const same = updateItemContent(workspaceId, studyId, item.id, { text: item.text, reverse: item.reverse, locked: false }, db);
    expect(same).toEqual({ ok: true, changed: false, locked: false });
    const edited = updateItemContent(
      workspaceId,
      studyId,
      item.id,
      { text: { ...item.text, en: "The room was ready at check-in." }, reverse: item.reverse, locked: false },
      db,
    );
    expect(edited).toEqual({ ok: true, changed: true, locked: true });
    expect(draft()[0].items[0]).toMatchObject({ id: item.id, locked: true, text: { en: "The room was ready at check-in." } });
    updateItemContent(workspaceId, studyId, item.id, { text: draft()[0].items[0].text, reverse: item.reverse, locked: false }, db);
    expect(draft()[0].items[0].locked).toBe(false);
  });

  it("adds, reorders, moves between criteria and removes items", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const [a, b] = draft();
    const added = addItem(workspaceId, studyId, a.id, { text: { en: "Staff greet me by name." }, reverse: false }, db);
    if (!added.ok) throw new Error(added.code);
    expect(draft()[0].items.map((i) => i.id).at(-1)).toBe(added.itemId);
    expect(draft()[0].items.at(-1)).toMatchObject({ locked: true, key: "professionalism-5" });
    moveItem(workspaceId, studyId, added.itemId, "up", db);
    expect(draft()[0].items[3].id).toBe(added.itemId);
    expect(draft()[0].items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4]);
    expect(moveItemToCriterion(workspaceId, studyId, added.itemId, b.id, db).ok).toBe(true);
    expect(draft()[0].items).toHaveLength(4);
    expect(draft()[1].items.at(-1)?.id).toBe(added.itemId);
    expect(moveItemToCriterion(workspaceId, studyId, added.itemId, b.id, db)).toEqual({ ok: false, code: "sameCriterion" });
    removeItem(workspaceId, studyId, added.itemId, db);
    expect(draft()[1].items.map((i) => i.id)).not.toContain(added.itemId);
    expect(draft()[1].items.map((i) => i.position)).toEqual([0, 1, 2, 3]);
  });
});

describe("regeneration", () => {
  it("keeps locked and edited items with their ids, refills the rest, and bumps the seed", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const [first, second] = draft();
    const edited = first.items[2];
    updateItemContent(workspaceId, studyId, edited.id, { text: { en: "My own words.", "zh-Hant": "我自己的話。" }, reverse: false, locked: false }, db);
    const lockedOnly = first.items[0];
    updateItemContent(workspaceId, studyId, lockedOnly.id, { text: lockedOnly.text, reverse: lockedOnly.reverse, locked: true }, db);
    const seedBefore = findStudy(workspaceId, studyId, db)!.seed;

    const result = regenerateItems(workspaceId, studyId, first.id, db);
    expect(result).toMatchObject({ ok: true, seed: seedBefore + 1, kept: 2, custom: [], exhausted: [] });
    const after = draft()[0].items;
    expect(after).toHaveLength(4);
    expect(after.slice(0, 2).map((i) => i.id)).toEqual([lockedOnly.id, edited.id]);
    expect(after[1].text).toEqual({ en: "My own words.", "zh-Hant": "我自己的話。" });
    for (const item of after.slice(2)) {
      expect(item.locked).toBe(false);
      expect(item.text.en).toContain("Harbour Hotel");
      expect(item.text["zh-Hant"]).toContain("Harbour Hotel");
    }
    expect(new Set(after.map((i) => i.text.en)).size).toBe(4);
    expect(findStudy(workspaceId, studyId, db)!.seed).toBe(seedBefore + 1);
    // Other criteria are untouched by a one-criterion regeneration.
    expect(draft()[1].items).toEqual(second.items);
  });

  it("gives a bank item drawn again its old row (stable id), and is repeatable from the seed", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const idsByBank = new Map(draft().flatMap((c) => c.items.map((i) => [i.bankId, i.id])));
    regenerateItems(workspaceId, studyId, null, db);
    regenerateItems(workspaceId, studyId, null, db);
    for (const item of draft().flatMap((c) => c.items)) {
      if (idsByBank.has(item.bankId)) expect(item.id).toBe(idsByBank.get(item.bankId));
    }
    const again = setup();
    regenerateItems(again.workspaceId, again.studyId, null, again.db);
    regenerateItems(again.workspaceId, again.studyId, null, again.db);
    expect(again.draft().flatMap((c) => c.items.map((i) => i.bankId))).toEqual(draft().flatMap((c) => c.items.map((i) => i.bankId)));
  });

  it("reports a custom criterion, which keeps only its own items", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const added = addCriterion(workspaceId, studyId, { name: { en: "Breakfast" }, description: {} }, db);
    if (!added.ok) throw new Error(added.code);
    addItem(workspaceId, studyId, added.criterionId, { text: { en: "Breakfast is fresh." }, reverse: false }, db);
    const result = regenerateItems(workspaceId, studyId, added.criterionId, db);
    expect(result).toMatchObject({ ok: true, custom: [added.criterionId], kept: 1 });
    expect(draft().at(-1)?.items.map((i) => i.text.en)).toEqual(["Breakfast is fresh."]);
  });
});

describe("settings", () => {
  it("carries a new provider name into the questions and fills a new language from the bank", () => {
    const { db, workspaceId, studyId, draft } = setup();
    const edited = draft()[0].items[0];
    updateItemContent(workspaceId, studyId, edited.id, { text: { en: "Harbour Hotel knows its job." }, reverse: false, locked: true }, db);
    const result = updateStudySettings(
      workspaceId,
      studyId,
      { name: "Front desk", provider: "Bay Inn", industry: "hotel", languages: ["en", "zh-Hant", "zh-Hans"], scale: 5, askImportance: true, segments: ["Taipei", "Kaohsiung"] },
      db,
    );
    expect(result.ok).toBe(true);
    const study = findStudy(workspaceId, studyId, db)!;
    expect(study).toMatchObject({ provider: "Bay Inn", scale: 5, askImportance: true, segments: ["Taipei", "Kaohsiung"] });
    const items = draft().flatMap((c) => c.items);
    expect(items.every((i) => !JSON.stringify(i.text).includes("Harbour Hotel"))).toBe(true);
    expect(items.find((i) => i.id === edited.id)?.text).toEqual({ en: "Bay Inn knows its job." });
    for (const item of items.filter((i) => !i.locked)) expect(item.text["zh-Hans"]).toContain("Bay Inn");
    expect(draft()[0].name["zh-Hans"]).toBe("规范化和技能化");
  });

  it("archives and unarchives", () => {
    const { db, workspaceId, studyId } = setup();
    setArchived(workspaceId, studyId, true, db);
    expect(findStudy(workspaceId, studyId, db)!.archivedAt).not.toBeNull();
    setArchived(workspaceId, studyId, false, db);
    expect(findStudy(workspaceId, studyId, db)!.archivedAt).toBeNull();
  });
});
