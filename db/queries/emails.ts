import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { currentEngine, rawAll, rawRun, type Reader, type Tx } from "../client";
import { emails, type EmailKind, type EmailState } from "../schema";

// The outbox (lib/mail/mailer.ts sends from it). A sender claims due mails
// by setting `locked_until`; on PostgreSQL `FOR UPDATE SKIP LOCKED` lets
// several instances claim at once without taking the same mail.

export type EmailRow = typeof emails.$inferSelect;
export type NewEmail = {
  id: string;
  workspaceId: string | null;
  kind: EmailKind;
  campaignId?: string | null;
  linkId?: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  unsubscribeUrl?: string | null;
  sendAfter: number;
};

export async function insertEmails(tx: Tx, rows: NewEmail[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 200) {
    await tx.insert(emails).values(rows.slice(start, start + 200).map((row) => ({ ...row, state: "queued" as const })));
  }
}

/** Claims up to `limit` due mails for `leaseMs` and counts the try. */
export async function claimDueEmails(tx: Tx, now: number, leaseMs: number, limit: number): Promise<EmailRow[]> {
  const due = tx
    .select({ id: emails.id })
    .from(emails)
    .where(and(eq(emails.state, "queued"), lte(emails.sendAfter, now), or(isNull(emails.lockedUntil), lt(emails.lockedUntil, now))))
    .orderBy(asc(emails.sendAfter), asc(emails.id))
    .limit(limit);
  const ids = (currentEngine() === "postgres" ? await due.for("update", { skipLocked: true }) : await due).map((row) => row.id);
  if (ids.length === 0) return [];
  return tx
    .update(emails)
    .set({ lockedUntil: now + leaseMs, attempts: sql`${emails.attempts} + 1` })
    .where(inArray(emails.id, ids))
    .returning();
}

/** Ends mails that were sent, in one statement; the bodies go. */
export async function endSentEmails(tx: Tx, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(emails)
    .set({ state: "sent", lockedUntil: null, textBody: null, htmlBody: null, lastError: null, sentAt: now })
    .where(inArray(emails.id, ids));
}

/** Gives claimed mails back untouched (the sender stops, or the rate limit has no room for them now). */
export async function releaseEmails(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(emails)
    .set({ lockedUntil: null, attempts: sql`CASE WHEN ${emails.attempts} > 0 THEN ${emails.attempts} - 1 ELSE 0 END` })
    .where(inArray(emails.id, ids));
}

/**
 * Takes up to `wanted` sends from the per-minute budget every instance
 * shares (a row of rate_limits; one atomic upsert, so two instances cannot
 * both take the last slots) and returns how many it got, with the time the
 * next window opens. What it could not take is handed back at once.
 */
export async function reserveSendSlots(
  tx: Tx,
  key: string,
  wanted: number,
  perMinute: number,
  now: number,
): Promise<{ granted: number; windowEndsAt: number }> {
  const windowStart = now - (now % 60_000);
  const [row] = await rawAll<{ count: number | string }>(
    tx,
    sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, ${wanted})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + excluded.count ELSE excluded.count END,
      window_start = excluded.window_start
    RETURNING count`,
  );
  const after = Number(row.count);
  const granted = Math.max(0, Math.min(wanted, perMinute - (after - wanted)));
  if (granted < wanted)
    await rawRun(tx, sql`UPDATE rate_limits SET count = count - ${wanted - granted} WHERE key = ${key} AND window_start = ${windowStart}`);
  return { granted, windowEndsAt: windowStart + 60_000 };
}

/** Ends a mail: sent, failed or skipped; the bodies go (a reset link must not outlive its mail). */
export async function endEmail(tx: Tx, id: string, state: Exclude<EmailState, "queued">, now: number, error: string | null = null): Promise<void> {
  await tx
    .update(emails)
    .set({ state, lockedUntil: null, textBody: null, htmlBody: null, lastError: error, sentAt: state === "sent" ? now : null })
    .where(eq(emails.id, id));
}

/** A temporary failure: the mail waits until `retryAt`. */
export async function retryEmailLater(tx: Tx, id: string, retryAt: number, error: string): Promise<void> {
  await tx.update(emails).set({ lockedUntil: null, sendAfter: retryAt, lastError: error }).where(eq(emails.id, id));
}

export async function findEmail(db: Reader, id: string): Promise<EmailRow | undefined> {
  const [row] = await db.select().from(emails).where(eq(emails.id, id)).limit(1);
  return row;
}

/** Mails still to go (queued), for tests and the bench. */
export async function countQueuedEmails(db: Reader): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(emails)
    .where(eq(emails.state, "queued"));
  return row.n;
}

/** Housekeeping: ended mails older than `before`. */
export async function sweepEmails(tx: Tx, before: number): Promise<number> {
  const gone = await tx
    .delete(emails)
    .where(and(inArray(emails.state, ["sent", "failed", "skipped"]), lt(emails.createdAt, before)))
    .returning({ id: emails.id });
  return gone.length;
}
