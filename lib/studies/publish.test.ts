import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { createUser } from "@/db/queries/accounts";
import { findStudy, listVersions, loadDraft, updateCriterion } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import { removeItem, saveWeights, updateItemContent } from "./draft";
import { publishDraft, publishFromDesigner, sameSnapshot, snapshotOf } from "./publish";
import { testStudy, testWorkspace } from "./test-db";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("publish");
});
afterAll(() => done());

describe("publishing versions", () => {
  it("freezes the draft as version 1, then a later edit as version 2, leaving version 1 as it was", async () => {
    const workspaceId = await testWorkspace();
    const study = await testStudy(workspaceId);
    const [author, editor] = await transaction(async (tx) => [
      await createUser(tx, { email: `author-${study.id}@example.com`, passwordHash: "x" }),
      await createUser(tx, { email: `editor-${study.id}@example.com`, passwordHash: "x" }),
    ]);
    const first = await publishDraft(workspaceId, study.id, author.id);
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.version).toBe(1);
    expect(first.surveyPath).toMatch(/^\/s\/[\w-]{10,}$/);

    const [v1] = await listVersions(getDb(), study.id);
    expect(v1).toMatchObject({ number: 1, publishedBy: author.id });
    expect(v1.snapshot.languages).toEqual(["en", "zh-Hant"]);
    expect(v1.snapshot.scale).toBe(7);
    expect(v1.snapshot.criteria.map((c) => c.key)).toEqual([
      "professionalism",
      "attitudes",
      "accessibility",
      "reliability",
      "recovery",
      "reputation",
    ]);
    expect(v1.snapshot.criteria.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(100, 9);
    const v1Copy = structuredClone(v1.snapshot);
    const draft = await loadDraft(getDb(), study.id);
    const current = async () => snapshotOf((await findStudy(getDb(), workspaceId, study.id))!, await loadDraft(getDb(), study.id));
    expect(sameSnapshot(v1.snapshot, await current())).toBe(true);

    const edited = draft[1].items[0];
    await updateItemContent(workspaceId, study.id, edited.id, { text: { en: "Reworded.", "zh-Hant": "改寫過。" }, reverse: true, locked: true });
    expect(sameSnapshot(v1.snapshot, await current())).toBe(false);

    const second = await publishDraft(workspaceId, study.id, editor.id);
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect(second.version).toBe(2);
    // One public link for the study: version 2 is served at the same address.
    expect(second.surveyPath).toBe(first.surveyPath);

    const versions = await listVersions(getDb(), study.id);
    expect(versions.map((v) => [v.number, v.publishedBy])).toEqual([
      [1, author.id],
      [2, editor.id],
    ]);
    expect(versions[0].snapshot).toEqual(v1Copy);
    const item = (n: number) => versions[n].snapshot.criteria[1].items[0];
    expect(item(0).id).toBe(edited.id);
    expect(item(1)).toEqual({ id: edited.id, key: edited.key, text: { en: "Reworded.", "zh-Hant": "改寫過。" }, reverse: true });
    expect(item(0).text).toEqual(edited.text);
    // Every item id of version 1 is the same id in version 2.
    const ids = (n: number) => versions[n].snapshot.criteria.flatMap((c) => c.items.map((i) => i.id));
    expect(ids(1)).toEqual(ids(0));
  });

  it("numbers concurrent publishes of one study one after another", async () => {
    const workspaceId = await testWorkspace();
    const study = await testStudy(workspaceId);
    const results = await Promise.all([1, 2, 3].map(() => publishDraft(workspaceId, study.id, null)));
    expect(results.map((r) => (r.ok ? r.version : 0)).sort()).toEqual([1, 2, 3]);
    expect((await listVersions(getDb(), study.id)).map((v) => v.number)).toEqual([1, 2, 3]);
  });

  it("refuses with every reason and writes no version", async () => {
    const workspaceId = await testWorkspace();
    const study = await testStudy(workspaceId, { languages: ["en", "zh-Hans"] });
    const draft = await loadDraft(getDb(), study.id);
    await removeItem(workspaceId, study.id, draft[0].items[0].id);
    await updateItemContent(workspaceId, study.id, draft[2].items[1].id, { text: { en: "English only." }, reverse: false, locked: true });
    await saveWeights(workspaceId, study.id, Object.fromEntries(draft.map((c, i) => [c.id, i === 0 ? 100 : 0])));
    // A sum the editor would refuse, written behind its back.
    await transaction((tx) => updateCriterion(tx, study.id, draft[0].id, { weight: 10 }));
    const result = await publishDraft(workspaceId, study.id, null);
    expect(result).toEqual({
      ok: false,
      reason: "problems",
      problems: [
        { code: "tooFewItems", criterion: "professionalism", count: 3 },
        { code: "weightsSum", sum: 10 },
        { code: "itemTextMissing", criterion: "accessibility", item: draft[2].items[1].key, language: "zh-Hans" },
      ],
    });
    expect(await listVersions(getDb(), study.id)).toEqual([]);
    expect(await publishDraft("other-workspace", study.id, null)).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("publishing from the designer (the weights form's Publish button)", () => {
  it("saves the weights typed beside the button with the version, refuses a copy of the latest, and changes nothing when refused", async () => {
    const workspaceId = await testWorkspace();
    const study = await testStudy(workspaceId);
    const author = await transaction((tx) => createUser(tx, { email: `designer-${study.id}@example.com`, passwordHash: "x" }));
    const ids = (await loadDraft(getDb(), study.id)).map((c) => c.id);
    const typed = [30, 10, 10, 30, 10, 10];
    const points = Object.fromEntries(ids.map((id, i) => [id, typed[i]]));

    // Weights that do not add up: refused, and neither the weights nor a version are written.
    const before = (await loadDraft(getDb(), study.id)).map((c) => c.weight);
    expect(await publishFromDesigner(workspaceId, study.id, author.id, { ...points, [ids[0]]: 31 })).toEqual({
      ok: false,
      reason: "weights",
      code: "weightsSum",
    });
    expect((await loadDraft(getDb(), study.id)).map((c) => c.weight)).toEqual(before);
    expect(await listVersions(getDb(), study.id)).toEqual([]);

    const first = await publishFromDesigner(workspaceId, study.id, author.id, points);
    expect(first).toMatchObject({ ok: true, version: 1 });
    const [v1] = await listVersions(getDb(), study.id);
    expect(v1.snapshot.criteria.map((c) => c.weight)).toEqual(typed);

    // The same again: nothing new to publish.
    expect(await publishFromDesigner(workspaceId, study.id, author.id, points)).toEqual({ ok: false, reason: "unchanged", version: 1 });
    expect(await publishFromDesigner(workspaceId, study.id, author.id, null)).toEqual({ ok: false, reason: "unchanged", version: 1 });

    // A publish refused for the draft's problems rolls back the weights saved for it.
    await removeItem(workspaceId, study.id, (await loadDraft(getDb(), study.id))[0].items[0].id);
    await removeItem(workspaceId, study.id, (await loadDraft(getDb(), study.id))[0].items[0].id);
    const refused = await publishFromDesigner(
      workspaceId,
      study.id,
      author.id,
      Object.fromEntries(ids.map((id, i) => [id, [20, 20, 20, 20, 10, 10][i]])),
    );
    expect(refused).toMatchObject({ ok: false, reason: "problems" });
    expect((await loadDraft(getDb(), study.id)).map((c) => c.weight)).toEqual(typed);
    expect(await listVersions(getDb(), study.id)).toHaveLength(1);
  });
});
