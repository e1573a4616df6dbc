// Shared set-up of the lib/results tests (on the database db/testing.ts's
// useTestDatabase made the process's own): a published study with
// reverse-scored items and two versions. Not imported by the app.

import { expect } from "vitest";
import { getDb, transaction } from "@/db/client";
import { createWorkspace } from "@/db/queries/accounts";
import { findStudy, listVersions, loadDraft, lockStudy, updateItem } from "@/db/queries/studies";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import { studyCreateSchema } from "@/lib/validation/study";
import type { AggregateEntry } from "@/lib/scoring/aggregate-entries";

const text = (en: string) => ({ en });

export type PublishedStudy = Awaited<ReturnType<typeof publishedStudy>>;

/**
 * A 5-point study of three criteria (40/35/25 points), one reverse item
 * each, published as version 1; version 2 makes another item reverse and
 * drops one, so the two versions score some items differently.
 */
export async function publishedStudy(name = "Results test") {
  const workspace = await transaction((tx) => createWorkspace(tx, "Results test workspace"));
  const input = studyCreateSchema.parse({
    name,
    provider: "Harbour Hotel",
    scale: 5,
    segments: ["Branch A", "Branch B"],
    criteria: [
      { key: "one", name: text("One"), weight: 40, items: [0, 1, 2, 3, 4].map((i) => ({ key: `a${i}`, text: text(`A ${i}`), reverse: i === 1 })) },
      { key: "two", name: text("Two"), weight: 35, items: [0, 1, 2, 3].map((i) => ({ key: `b${i}`, text: text(`B ${i}`), reverse: i === 3 })) },
      { key: "three", name: text("Three"), weight: 25, items: [0, 1, 2, 3].map((i) => ({ key: `c${i}`, text: text(`C ${i}`), reverse: i === 0 })) },
    ],
  });
  const created = await createStudy(workspace.id, input);
  const first = await publishDraft(workspace.id, created.id, null);
  if (!first.ok) throw new Error("publish v1 failed");
  const draft = await loadDraft(getDb(), created.id);
  await transaction(async (tx) => {
    await lockStudy(tx, created.id);
    await updateItem(tx, created.id, draft[0].items[4].id, { removedAt: Date.now() });
    await updateItem(tx, created.id, draft[1].items[0].id, { reverse: true });
  });
  const second = await publishDraft(workspace.id, created.id, null);
  if (!second.ok) throw new Error("publish v2 failed");
  const study = (await findStudy(getDb(), workspace.id, created.id))!;
  return { workspaceId: workspace.id, study, versions: await listVersions(getDb(), created.id) };
}

/**
 * Asserts that two sets of running sums are the same (e.g. the stored ones
 * and a recompute's): the same keys, equal counts, sums equal to 9 places
 * (additions in another order may differ in the last bits).
 */
export function expectSameSums(actual: AggregateEntry[], expected: AggregateEntry[]): void {
  const byKey = new Map(expected.map((e) => [e.key, e]));
  expect(actual.length).toBe(byKey.size);
  for (const e of actual) {
    const s = byKey.get(e.key)!;
    expect(s, e.key).toBeDefined();
    expect(s.n, e.key).toBe(e.n);
    expect(s.sum, e.key).toBeCloseTo(e.sum, 9);
    expect(s.sumSq, e.key).toBeCloseTo(e.sumSq, 9);
  }
}
