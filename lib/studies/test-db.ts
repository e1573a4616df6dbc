import { randomUUID } from "node:crypto";
import { openDatabase, type DB } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { workspaces } from "@/db/schema";
import type { StudyCreateInput } from "@/lib/validation/study";
import { studyCreateSchema } from "@/lib/validation/study";
import { createStudy } from "./create-study";

// For unit tests of the draft services: a migrated in-memory database and a
// workspace, so nothing touches the DATABASE_URL file.

export function testDatabase(): { db: DB; workspaceId: string } {
  const { db } = openDatabase(":memory:");
  applyMigrations(db);
  const workspaceId = randomUUID();
  db.insert(workspaces).values({ id: workspaceId, name: "Test" }).run();
  return { db, workspaceId };
}

export function testStudy(db: DB, workspaceId: string, input: Partial<StudyCreateInput> = {}) {
  const parsed = studyCreateSchema.parse({
    name: "Front desk",
    provider: "Harbour Hotel",
    industry: "hotel",
    languages: ["en", "zh-Hant"],
    seed: 42,
    ...input,
  });
  return db.transaction((tx) => createStudy(workspaceId, parsed, tx));
}
