import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, notExists, sql } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { forUpdate } from "../locks";
import { campaignRecipients, campaigns, contacts, emails, links, studies, workspaces, type RecipientState } from "../schema";

// Email campaigns of a study (lib/campaigns): who was invited through which
// personal link, and what became of each mail.

export type CampaignRow = typeof campaigns.$inferSelect;
export type { Audience } from "./contacts";
/** The study's personal invites of these contacts (one per contact at most: links_contact_unique). */
export async function contactInvites(tx: Tx, studyId: string, contactIds: string[]) {
  const found: { id: string; contactId: string | null; token: string; usedAt: number | null; revokedAt: number | null }[] = [];
  for (let start = 0; start < contactIds.length; start += 500) {
    found.push(
      ...(await tx
        .select({ id: links.id, contactId: links.contactId, token: links.token, usedAt: links.usedAt, revokedAt: links.revokedAt })
        .from(links)
        .where(and(eq(links.studyId, studyId), inArray(links.contactId, contactIds.slice(start, start + 500))))),
    );
  }
  return found;
}

export async function insertContactInvites(
  tx: Tx,
  rows: { id: string; studyId: string; token: string; segment: string | null; contactId: string; createdAt: number }[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 300) {
    await tx.insert(links).values(rows.slice(start, start + 300).map((row) => ({ ...row, kind: "invite" as const })));
  }
}

export async function insertCampaign(tx: Tx, row: typeof campaigns.$inferInsert): Promise<void> {
  await tx.insert(campaigns).values(row);
}

export async function insertRecipients(tx: Tx, rows: { campaignId: string; linkId: string; contactId: string }[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await tx.insert(campaignRecipients).values(rows.slice(start, start + 500).map((row) => ({ ...row, state: "queued" as const })));
  }
}

export async function findCampaign(db: Reader, studyId: string, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.studyId, studyId)))
    .limit(1);
  return row;
}

export async function listCampaigns(db: Reader, studyId: string): Promise<CampaignRow[]> {
  return db.select().from(campaigns).where(eq(campaigns.studyId, studyId)).orderBy(desc(campaigns.createdAt), desc(campaigns.id));
}

export type CampaignCounts = {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  responded: number;
  reminded: number;
  unsubscribed: number;
};

// One recipient's contribution to each count (summed per campaign).
const n = (condition: ReturnType<typeof sql>) => sql<number>`sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`.mapWith(Number);
const countColumns = () => ({
  recipients: sql<number>`count(*)`.mapWith(Number),
  queued: n(sql`${campaignRecipients.state} = 'queued'`),
  sent: n(sql`${campaignRecipients.state} = 'sent'`),
  failed: n(sql`${campaignRecipients.state} = 'failed'`),
  skipped: n(sql`${campaignRecipients.state} = 'skipped'`),
  responded: n(sql`${links.usedAt} IS NOT NULL`),
  reminded: n(sql`${campaignRecipients.reminders} > 0`),
  unsubscribed: n(sql`${contacts.unsubscribedAt} IS NOT NULL`),
});
export const emptyCampaignCounts: CampaignCounts = {
  recipients: 0,
  queued: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  responded: 0,
  reminded: 0,
  unsubscribed: 0,
};
const countsOf = (row: Partial<CampaignCounts> | undefined): CampaignCounts => {
  const out = { ...emptyCampaignCounts };
  for (const key of Object.keys(emptyCampaignCounts) as (keyof CampaignCounts)[]) out[key] = Number(row?.[key] ?? 0);
  return out;
};

export async function campaignCounts(db: Reader, campaignId: string): Promise<CampaignCounts> {
  const [row] = await db
    .select(countColumns())
    .from(campaignRecipients)
    .innerJoin(links, eq(links.id, campaignRecipients.linkId))
    .leftJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(eq(campaignRecipients.campaignId, campaignId));
  return countsOf(row);
}

/** The counts of each of the study's campaigns in one pass (a campaign without recipients is absent: all zero). */
export async function studyCampaignCounts(db: Reader, studyId: string): Promise<Map<string, CampaignCounts>> {
  const rows = await db
    .select({ campaignId: campaignRecipients.campaignId, ...countColumns() })
    .from(campaignRecipients)
    .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaignId))
    .innerJoin(links, eq(links.id, campaignRecipients.linkId))
    .leftJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(eq(campaigns.studyId, studyId))
    .groupBy(campaignRecipients.campaignId);
  return new Map(rows.map((row) => [row.campaignId, countsOf(row)]));
}

export type RecipientView = {
  linkId: string;
  email: string | null;
  name: string | null;
  segment: string | null;
  state: RecipientState;
  error: string | null;
  sentAt: number | null;
  reminders: number;
  respondedAt: number | null;
  unsubscribedAt: number | null;
};

/** A page of a campaign's recipients in email order (a deleted contact sorts first, anonymous). */
export async function listRecipients(db: Reader, campaignId: string, limit: number, offset: number): Promise<RecipientView[]> {
  return db
    .select({
      linkId: campaignRecipients.linkId,
      email: contacts.email,
      name: contacts.name,
      segment: links.segment,
      state: campaignRecipients.state,
      error: campaignRecipients.error,
      sentAt: campaignRecipients.sentAt,
      reminders: campaignRecipients.reminders,
      respondedAt: links.usedAt,
      unsubscribedAt: contacts.unsubscribedAt,
    })
    .from(campaignRecipients)
    .innerJoin(links, eq(links.id, campaignRecipients.linkId))
    .leftJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(eq(campaignRecipients.campaignId, campaignId))
    .orderBy(asc(contacts.email), asc(campaignRecipients.linkId))
    .limit(limit)
    .offset(offset);
}

export type AudienceSizes = {
  total: number;
  subscribed: number;
  /** Each segment some contact has ("" — none — left out), in order. */
  segments: { segment: string; total: number; subscribed: number }[];
};

/** How many contacts the workspace has, and how many of them may be mailed, in all and per segment (the invitation form's choices). */
export async function audienceSizes(db: Reader, workspaceId: string): Promise<AudienceSizes> {
  const rows = await db
    .select({
      segment: contacts.segment,
      total: sql<number>`count(*)`.mapWith(Number),
      subscribed: n(sql`${contacts.unsubscribedAt} IS NULL`),
    })
    .from(contacts)
    .where(eq(contacts.workspaceId, workspaceId))
    .groupBy(contacts.segment)
    .orderBy(asc(contacts.segment));
  return {
    total: rows.reduce((sum, row) => sum + row.total, 0),
    subscribed: rows.reduce((sum, row) => sum + row.subscribed, 0),
    segments: rows.filter((row) => row.segment !== "").map((row) => ({ segment: row.segment, total: row.total, subscribed: row.subscribed })),
  };
}

// ── Delivery (the mailer's questions and records) ───────────────────────────

/** What decides whether campaign mails still go: each invite, its contact, its study (by link id). */
export async function deliveryFacts(db: Reader, linkIds: string[]) {
  if (linkIds.length === 0) return [];
  return db
    .select({
      linkId: links.id,
      usedAt: links.usedAt,
      revokedAt: links.revokedAt,
      contactId: links.contactId,
      unsubscribedAt: contacts.unsubscribedAt,
      closesAt: studies.closesAt,
      archivedAt: studies.archivedAt,
    })
    .from(links)
    .innerJoin(studies, eq(studies.id, links.studyId))
    .leftJoin(contacts, eq(contacts.id, links.contactId))
    .where(inArray(links.id, linkIds));
}

/** Invitations delivered: their recipients become "sent" (one statement per campaign). */
export async function markInvitationsSent(tx: Tx, campaignId: string, linkIds: string[], now: number): Promise<void> {
  if (linkIds.length === 0) return;
  await tx
    .update(campaignRecipients)
    .set({ state: "sent", sentAt: now, error: null })
    .where(and(eq(campaignRecipients.campaignId, campaignId), inArray(campaignRecipients.linkId, linkIds)));
}

/** Reminders delivered: one more on each recipient's count. */
export async function markReminded(tx: Tx, campaignId: string, linkIds: string[], now: number): Promise<void> {
  if (linkIds.length === 0) return;
  await tx
    .update(campaignRecipients)
    .set({ reminders: sql`${campaignRecipients.reminders} + 1`, lastRemindedAt: now })
    .where(and(eq(campaignRecipients.campaignId, campaignId), inArray(campaignRecipients.linkId, linkIds)));
}

export async function recordRecipient(
  tx: Tx,
  campaignId: string,
  linkId: string,
  change: { state?: RecipientState; sentAt?: number; error?: string | null; reminded?: number },
): Promise<void> {
  await tx
    .update(campaignRecipients)
    .set({
      ...(change.state ? { state: change.state } : {}),
      ...(change.sentAt !== undefined ? { sentAt: change.sentAt } : {}),
      ...(change.error !== undefined ? { error: change.error } : {}),
      ...(change.reminded !== undefined ? { reminders: sql`${campaignRecipients.reminders} + 1`, lastRemindedAt: change.reminded } : {}),
    })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.linkId, linkId)));
}

/** Campaigns whose next reminder round is due. */
export async function dueReminderCampaigns(db: Reader, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(isNotNull(campaigns.nextReminderAt), lte(campaigns.nextReminderAt, now)))
    .orderBy(asc(campaigns.nextReminderAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** The campaign row, locked until the transaction ends (PostgreSQL), so one instance queues a reminder round. */
export async function lockCampaign(tx: Tx, id: string): Promise<CampaignRow | undefined> {
  const [row] = await forUpdate(tx.select().from(campaigns).where(eq(campaigns.id, id)));
  return row;
}

export async function setReminderSchedule(tx: Tx, id: string, patch: { remindersSent?: number; nextReminderAt: number | null }): Promise<void> {
  await tx.update(campaigns).set(patch).where(eq(campaigns.id, id));
}

/**
 * Who a reminder goes to: invitation sent, not answered, invite live, contact
 * still there and subscribed, and no reminder of this campaign already
 * waiting to go to them.
 */
const remindable = (db: Reader, campaignId: string) =>
  and(
    eq(campaignRecipients.campaignId, campaignId),
    eq(campaignRecipients.state, "sent"),
    isNull(links.usedAt),
    isNull(links.revokedAt),
    isNull(contacts.unsubscribedAt),
    notExists(
      db
        .select({ one: sql`1` })
        .from(emails)
        .where(and(eq(emails.campaignId, campaignId), eq(emails.linkId, links.id), eq(emails.kind, "reminder"), eq(emails.state, "queued"))),
    ),
  );

export async function reminderTargets(tx: Tx, campaignId: string) {
  return tx
    .select({
      linkId: links.id,
      token: links.token,
      email: contacts.email,
      name: contacts.name,
      language: contacts.language,
      unsubscribeToken: contacts.unsubscribeToken,
    })
    .from(campaignRecipients)
    .innerJoin(links, eq(links.id, campaignRecipients.linkId))
    .innerJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(remindable(tx, campaignId))
    .orderBy(asc(contacts.email));
}

/** How many a reminder sent now would go to (the campaign page's "Send a reminder now"). */
export async function remindableCount(db: Reader, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(campaignRecipients)
    .innerJoin(links, eq(links.id, campaignRecipients.linkId))
    .innerJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(remindable(db, campaignId));
  return row?.n ?? 0;
}

/** Whether any campaign mail of the study is still waiting (the distribute page's "sending…"). */
export async function hasQueuedMail(db: Reader, campaignId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: emails.id })
    .from(emails)
    .where(and(eq(emails.campaignId, campaignId), eq(emails.state, "queued")))
    .limit(1);
  return row !== undefined;
}

// ── Unsubscribing (app/u/[token]) ───────────────────────────────────────────

/** The contact an unsubscribe token belongs to, with the name of the workspace that mails them. */
export async function unsubscribeTarget(db: Reader, token: string) {
  const [row] = await db
    .select({
      contactId: contacts.id,
      email: contacts.email,
      language: contacts.language,
      unsubscribedAt: contacts.unsubscribedAt,
      sender: workspaces.name,
    })
    .from(contacts)
    .innerJoin(workspaces, eq(workspaces.id, contacts.workspaceId))
    .where(eq(contacts.unsubscribeToken, token))
    .limit(1);
  return row;
}

/** Unsubscribes (keeping the first time) or, with `at` null, subscribes again. */
export async function setUnsubscribed(tx: Tx, contactId: string, at: number | null): Promise<void> {
  await tx
    .update(contacts)
    .set({ unsubscribedAt: at === null ? null : sql`coalesce(${contacts.unsubscribedAt}, ${at})`, updatedAt: at ?? Date.now() })
    .where(eq(contacts.id, contactId));
}
