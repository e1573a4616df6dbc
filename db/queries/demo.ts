import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { studies, versions } from "../schema";

/** Back-dates a version (the demo spreads two versions over three months). */
export function setVersionPublishedAt(versionId: string, publishedAt: number, db: Executor = getDb()) {
  db.update(versions).set({ publishedAt }).where(eq(versions.id, versionId)).run();
}

export function markDemo(workspaceId: string, studyId: string, db: Executor = getDb()) {
  db.update(studies)
    .set({ isDemo: true })
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)))
    .run();
}

export function listDemoStudies(workspaceId: string, db: Executor = getDb()) {
  return db
    .select({ id: studies.id, name: studies.name })
    .from(studies)
    .where(and(eq(studies.workspaceId, workspaceId), eq(studies.isDemo, true)))
    .all();
}
