import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
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

// ── Invite batches ──────────────────────────────────────────────────────────
// A batch is the invites created together: they share created_at (ms), set
// explicitly so two batches in the same second stay apart.

/** Inserts single-use invites; call inside the batch's transaction. */
export function insertInvites(
  studyId: string,
  tokens: string[],
  segment: string | null,
  createdAt: number,
  db: Executor = getDb(),
) {
  // SQLite caps bound parameters per statement, so insert in chunks.
  for (let start = 0; start < tokens.length; start += 500) {
    db.insert(links)
      .values(tokens.slice(start, start + 500).map((token) => ({ id: randomUUID(), studyId, kind: "invite" as const, token, segment, createdAt })))
      .run();
  }
}

export type InviteBatch = { createdAt: number; segment: string | null; total: number; used: number; revoked: number };

export function inviteBatches(studyId: string, db: Executor = getDb()): InviteBatch[] {
  return db
    .select({
      createdAt: links.createdAt,
      segment: links.segment,
      total: count(),
      used: sql<number>`sum(${links.usedAt} IS NOT NULL)`,
      revoked: sql<number>`sum(${links.revokedAt} IS NOT NULL AND ${links.usedAt} IS NULL)`,
    })
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, "invite")))
    .groupBy(links.createdAt, links.segment)
    .orderBy(desc(links.createdAt))
    .all()
    .map((b) => ({ ...b, used: Number(b.used ?? 0), revoked: Number(b.revoked ?? 0) }));
}

/** The study's invites, all or one batch's, in creation order. */
export function listInvites(studyId: string, batch: number | null, db: Executor = getDb()): LinkRow[] {
  return db
    .select()
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, "invite"), batch === null ? undefined : eq(links.createdAt, batch)))
    .orderBy(asc(links.createdAt), sql`rowid`)
    .all();
}

/** Revokes a batch's invites that were not used yet; returns how many. */
export function revokeUnusedInvites(studyId: string, batch: number, now: number, db: Executor = getDb()): number {
  return db
    .update(links)
    .set({ revokedAt: now })
    .where(
      and(eq(links.studyId, studyId), eq(links.kind, "invite"), eq(links.createdAt, batch), isNull(links.usedAt), isNull(links.revokedAt)),
    )
    .run().changes;
}
