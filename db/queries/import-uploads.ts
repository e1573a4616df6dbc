import { and, eq, gt, lte } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { importUploads } from "../schema";

// Checked import files between "Check file" and "Import" (lib/imports/
// upload-store.ts packs the content): in the database, so any instance can
// import what another one checked. Every read takes the workspace and the
// study; an expired upload is not found even before it is swept.

export type ImportUploadRow = typeof importUploads.$inferSelect;

export async function insertImportUpload(
  tx: Tx,
  row: { id: string; workspaceId: string; studyId: string; fileName: string; content: Buffer; createdAt: number; expiresAt: number },
) {
  await tx.insert(importUploads).values(row);
}

export async function findImportUpload(
  db: Reader,
  workspaceId: string,
  studyId: string,
  id: string,
  now: number,
): Promise<ImportUploadRow | undefined> {
  const [row] = await db
    .select()
    .from(importUploads)
    .where(
      and(eq(importUploads.id, id), eq(importUploads.workspaceId, workspaceId), eq(importUploads.studyId, studyId), gt(importUploads.expiresAt, now)),
    )
    .limit(1);
  return row;
}

export async function deleteImportUpload(tx: Tx, workspaceId: string, studyId: string, id: string): Promise<number> {
  const rows = await tx
    .delete(importUploads)
    .where(and(eq(importUploads.id, id), eq(importUploads.workspaceId, workspaceId), eq(importUploads.studyId, studyId)))
    .returning({ id: importUploads.id });
  return rows.length;
}

/** Removes every upload that expired at or before `now`; returns how many went. */
export async function deleteExpiredImportUploads(tx: Tx, now: number): Promise<number> {
  const rows = await tx.delete(importUploads).where(lte(importUploads.expiresAt, now)).returning({ id: importUploads.id });
  return rows.length;
}
