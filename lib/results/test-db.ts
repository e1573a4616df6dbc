// Shared set-up of the lib/results tests: a throwaway SQLite file as the
// process's database, migrated, and a published study with reverse-scored
// items and two versions. Not imported by the app.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getConnection } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { createWorkspace } from "@/db/queries/accounts";
import { findStudy, listVersions, loadDraft, updateItem } from "@/db/queries/studies";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import { studyCreateSchema } from "@/lib/validation/study";

export function useTempDatabase(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-results-"));
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  applyMigrations(getConnection().db);
  return () => {
    getConnection().sqlite.close();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

const text = (en: string) => ({ en });

/**
 * A 5-point study of three criteria (40/35/25 points), one reverse item
 * each, published as version 1; version 2 makes another item reverse and
 * drops one, so the two versions score some items differently.
 */
export function publishedStudy(name = "Results test") {
  const workspace = createWorkspace("Results test workspace");
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
  const created = createStudy(workspace.id, input);
  const first = publishDraft(workspace.id, created.id, null);
  if (!first.ok) throw new Error("publish v1 failed");
  const draft = loadDraft(created.id);
  updateItem(created.id, draft[0].items[4].id, { removedAt: Date.now() });
  updateItem(created.id, draft[1].items[0].id, { reverse: true });
  const second = publishDraft(workspace.id, created.id, null);
  if (!second.ok) throw new Error("publish v2 failed");
  const study = findStudy(workspace.id, created.id)!;
  return { workspaceId: workspace.id, study, versions: listVersions(created.id) };
}
