import { and, asc, eq, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb, type Executor } from "../client";
import { links } from "../schema";

export type LinkRow = typeof links.$inferSelect;
export type LinkKind = LinkRow["kind"];

export function insertLink(
  row: { studyId: string; kind: LinkKind; token: string; perspective?: string | null; segment?: string | null },
  db: Executor = getDb(),
) {
  const id = randomUUID();
  db.insert(links)
    .values({ id, ...row })
    .run();
  return id;
}

export function findLinkByToken(token: string, db: Executor = getDb()): LinkRow | undefined {
  return db.select().from(links).where(eq(links.token, token)).get();
}

/** The study's live public link, if any. */
export function findPublicLink(studyId: string, db: Executor = getDb()): LinkRow | undefined {
  return db
    .select()
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, "public"), isNull(links.revokedAt)))
    .get();
}

export function listLinks(studyId: string, kind: LinkKind, db: Executor = getDb()): LinkRow[] {
  return db
    .select()
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, kind)))
    .orderBy(asc(links.createdAt))
    .all();
}

export function revokeLink(studyId: string, linkId: string, now: number, db: Executor = getDb()) {
  return db
    .update(links)
    .set({ revokedAt: now })
    .where(and(eq(links.id, linkId), eq(links.studyId, studyId), isNull(links.revokedAt)))
    .run().changes;
}

/** Marks a single-use invite used; false when it already was (the caller rolls back). */
export function markInviteUsed(linkId: string, now: number, db: Executor = getDb()): boolean {
  return (
    db
      .update(links)
      .set({ usedAt: now })
      .where(and(eq(links.id, linkId), isNull(links.usedAt)))
      .run().changes === 1
  );
}
