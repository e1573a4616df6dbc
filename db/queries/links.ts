import { and, asc, count, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Reader, Tx } from "../client";
import { links, responses } from "../schema";

export type LinkRow = typeof links.$inferSelect;
export type LinkKind = LinkRow["kind"];

export async function insertLink(
  tx: Tx,
  row: { studyId: string; kind: LinkKind; token: string; perspective?: string | null; segment?: string | null },
) {
  const id = randomUUID();
  await tx.insert(links).values({ id, ...row });
  return id;
}

export async function findLinkByToken(db: Reader, token: string): Promise<LinkRow | undefined> {
  const [row] = await db.select().from(links).where(eq(links.token, token)).limit(1);
  return row;
}

/**
 * The study's main live public link (the one without a segment), if any.
 * Branch links (public links carrying a segment) are listBranchLinks'.
 */
export async function findPublicLink(db: Reader, studyId: string): Promise<LinkRow | undefined> {
  const [row] = await db
    .select()
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, "public"), isNull(links.segment), isNull(links.revokedAt)))
    .limit(1);
  return row;
}

/** One of the study's links by id (any kind, live or not). */
export async function findStudyLink(db: Reader, studyId: string, linkId: string): Promise<LinkRow | undefined> {
  const [row] = await db
    .select()
    .from(links)
    .where(and(eq(links.id, linkId), eq(links.studyId, studyId)))
    .limit(1);
  return row;
}

export type BranchLink = LinkRow & { segment: string; submitted: number };

/**
 * The study's live branch links (public links that fix the respondent's
 * segment), in segment order, each with its submitted responses (counted through
 * the partial index on responses.link_id).
 */
export async function listBranchLinks(db: Reader, studyId: string): Promise<BranchLink[]> {
  const rows = await db
    .select({
      link: links,
      // The outer column spelled out: drizzle leaves columns of a one-table query unqualified, which would read r.id here.
      submitted:
        sql<number>`(SELECT count(*) FROM ${responses} r WHERE r.link_id = ${sql.identifier("links")}.${sql.identifier("id")} AND r.status = 'submitted')`.mapWith(
          Number,
        ),
    })
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, "public"), isNotNull(links.segment), isNull(links.revokedAt)))
    .orderBy(asc(links.createdAt), asc(links.token));
  // Sorted here, not in SQL: the engines collate text differently.
  return rows.map(({ link, submitted }) => ({ ...link, segment: link.segment ?? "", submitted })).sort((a, b) => a.segment.localeCompare(b.segment));
}

export async function listLinks(db: Reader, studyId: string, kind: LinkKind): Promise<LinkRow[]> {
  return db
    .select()
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, kind)))
    .orderBy(asc(links.createdAt), asc(links.token));
}

export async function revokeLink(tx: Tx, studyId: string, linkId: string, now: number): Promise<number> {
  const rows = await tx
    .update(links)
    .set({ revokedAt: now })
    .where(and(eq(links.id, linkId), eq(links.studyId, studyId), isNull(links.revokedAt)))
    .returning({ id: links.id });
  return rows.length;
}

/**
 * Marks a single-use invite used; false when it already was (the caller rolls
 * back). The conditional UPDATE is the guard on both engines: PostgreSQL
 * re-checks `used_at IS NULL` after waiting for a concurrent writer of the
 * row, so of two racing submits exactly one changes it.
 */
export async function markInviteUsed(tx: Tx, linkId: string, now: number): Promise<boolean> {
  const rows = await tx
    .update(links)
    .set({ usedAt: now })
    .where(and(eq(links.id, linkId), isNull(links.usedAt)))
    .returning({ id: links.id });
  return rows.length === 1;
}

// ── Invite batches ──────────────────────────────────────────────────────────
// A batch is the invites created together: they share created_at (ms), set
// explicitly so two batches in the same second stay apart.

/** Inserts single-use invites; call inside the batch's transaction. */
export async function insertInvites(tx: Tx, studyId: string, tokens: string[], segment: string | null, createdAt: number) {
  // Both engines cap bound parameters per statement, so insert in chunks.
  for (let start = 0; start < tokens.length; start += 500) {
    await tx
      .insert(links)
      .values(tokens.slice(start, start + 500).map((token) => ({ id: randomUUID(), studyId, kind: "invite" as const, token, segment, createdAt })));
  }
}

export type InviteBatch = { createdAt: number; segment: string | null; total: number; used: number; revoked: number };

export async function inviteBatches(db: Reader, studyId: string): Promise<InviteBatch[]> {
  return db
    .select({
      createdAt: links.createdAt,
      segment: links.segment,
      total: count(),
      used: count(links.usedAt),
      revoked: sql<number>`sum(CASE WHEN ${links.revokedAt} IS NOT NULL AND ${links.usedAt} IS NULL THEN 1 ELSE 0 END)`.mapWith(Number),
    })
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, "invite")))
    .groupBy(links.createdAt, links.segment)
    .orderBy(desc(links.createdAt));
}

/** The study's invites, all or one batch's, in a stable order. */
export async function listInvites(db: Reader, studyId: string, batch: number | null): Promise<LinkRow[]> {
  return db
    .select()
    .from(links)
    .where(and(eq(links.studyId, studyId), eq(links.kind, "invite"), batch === null ? undefined : eq(links.createdAt, batch)))
    .orderBy(asc(links.createdAt), asc(links.token));
}

/** Revokes a batch's invites that were not used yet; returns how many. */
export async function revokeUnusedInvites(tx: Tx, studyId: string, batch: number, now: number): Promise<number> {
  const rows = await tx
    .update(links)
    .set({ revokedAt: now })
    .where(and(eq(links.studyId, studyId), eq(links.kind, "invite"), eq(links.createdAt, batch), isNull(links.usedAt), isNull(links.revokedAt)))
    .returning({ id: links.id });
  return rows.length;
}
