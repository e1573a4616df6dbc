import { and, eq } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { forUpdate } from "../locks";
import { studies, versions, workspaces } from "../schema";

/** Back-dates a version (the demo spreads two versions over three months). */
export async function setVersionPublishedAt(tx: Tx, versionId: string, publishedAt: number) {
  await tx.update(versions).set({ publishedAt }).where(eq(versions.id, versionId));
}

export async function markDemo(tx: Tx, workspaceId: string, studyId: string) {
  await tx
    .update(studies)
    .set({ isDemo: true })
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)));
}

export async function listDemoStudies(db: Reader, workspaceId: string) {
  return db
    .select({ id: studies.id, name: studies.name })
    .from(studies)
    .where(and(eq(studies.workspaceId, workspaceId), eq(studies.isDemo, true)));
}

/**
 * Locks the workspace's row until the transaction ends (PostgreSQL), so
 * "is there a demo yet?" and creating one run one workspace at a time: two
 * clicks at once make one demo.
 */
export async function lockWorkspaceForDemo(tx: Tx, workspaceId: string) {
  await forUpdate(tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)));
}
