import { describe, expect, it } from "vitest";
import { listVersions, loadDraft } from "@/db/queries/studies";
import { removeItem, saveWeights, updateItemContent } from "./draft";
import { publishDraft, sameSnapshot, snapshotOf } from "./publish";
import { testDatabase, testStudy } from "./test-db";
import { findStudy } from "@/db/queries/studies";

describe("publishing versions", () => {
  it("freezes the draft as version 1, then a later edit as version 2, leaving version 1 as it was", () => {
    const { db, workspaceId } = testDatabase();
    const study = testStudy(db, workspaceId);
    const first = publishDraft(workspaceId, study.id, "user-1", db);
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.version).toBe(1);
    expect(first.surveyPath).toMatch(/^\/s\/[\w-]{10,}$/);

    const [v1] = listVersions(study.id, db);
    expect(v1).toMatchObject({ number: 1, publishedBy: "user-1" });
    expect(v1.snapshot.languages).toEqual(["en", "zh-Hant"]);
    expect(v1.snapshot.scale).toBe(7);
    expect(v1.snapshot.criteria.map((c) => c.key)).toEqual(["professionalism", "attitudes", "accessibility", "reliability", "recovery", "reputation"]);
    expect(v1.snapshot.criteria.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(100, 9);
    const v1Copy = structuredClone(v1.snapshot);
    const draft = loadDraft(study.id, db);
    expect(sameSnapshot(v1.snapshot, snapshotOf(findStudy(workspaceId, study.id, db)!, draft))).toBe(true);

    const edited = draft[1].items[0];
    updateItemContent(workspaceId, study.id, edited.id, { text: { en: "Reworded.", "zh-Hant": "改寫過。" }, reverse: true, locked: true }, db);
    expect(sameSnapshot(v1.snapshot, snapshotOf(findStudy(workspaceId, study.id, db)!, loadDraft(study.id, db)))).toBe(false);

    const second = publishDraft(workspaceId, study.id, "user-2", db);
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect(second.version).toBe(2);
    // One public link for the study: version 2 is served at the same address.
    expect(second.surveyPath).toBe(first.surveyPath);

    const versions = listVersions(study.id, db);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[0].snapshot).toEqual(v1Copy);
    const item = (n: number) => versions[n].snapshot.criteria[1].items[0];
    expect(item(0).id).toBe(edited.id);
    expect(item(1)).toEqual({ id: edited.id, key: edited.key, text: { en: "Reworded.", "zh-Hant": "改寫過。" }, reverse: true });
    expect(item(0).text).toEqual(edited.text);
    // Every item id of version 1 is the same id in version 2.
    const ids = (n: number) => versions[n].snapshot.criteria.flatMap((c) => c.items.map((i) => i.id));
    expect(ids(1)).toEqual(ids(0));
  });

  it("refuses with every reason and writes no version", () => {
    const { db, workspaceId } = testDatabase();
    const study = testStudy(db, workspaceId, { languages: ["en", "zh-Hans"] });
    const draft = loadDraft(study.id, db);
    removeItem(workspaceId, study.id, draft[0].items[0].id, db);
    updateItemContent(workspaceId, study.id, draft[2].items[1].id, { text: { en: "English only." }, reverse: false, locked: true }, db);
    saveWeights(workspaceId, study.id, Object.fromEntries(draft.map((c, i) => [c.id, i === 0 ? 100 : 0])), db);
    db.run(`UPDATE criteria SET weight = 10 WHERE id = '${draft[0].id}'`);
    const result = publishDraft(workspaceId, study.id, null, db);
    expect(result).toEqual({
      ok: false,
      reason: "problems",
      problems: [
        { code: "tooFewItems", criterion: "professionalism", count: 3 },
        { code: "weightsSum", sum: 10 },
        { code: "itemTextMissing", criterion: "accessibility", item: draft[2].items[1].key, language: "zh-Hans" },
      ],
    });
    expect(listVersions(study.id, db)).toEqual([]);
    expect(publishDraft("other-workspace", study.id, null, db)).toEqual({ ok: false, reason: "notFound" });
  });
});
