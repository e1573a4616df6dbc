import { and, asc, count, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { currentEngine, type Reader, type Tx } from "../client";
import { webhookDeliveries, webhooks, type DeliveryState, type WebhookEvent } from "../schema";

// Webhooks of a workspace and their deliveries (the outbox that
// lib/webhooks/deliverer.ts sends from).

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** The workspace's webhooks that listen to `event` (id and url only: the secret is read when sending). */
export async function webhooksFor(db: Reader, workspaceId: string, event: WebhookEvent): Promise<{ id: string }[]> {
  const rows = await db.select({ id: webhooks.id, events: webhooks.events }).from(webhooks).where(eq(webhooks.workspaceId, workspaceId));
  return rows.filter((row) => row.events.includes(event)).map((row) => ({ id: row.id }));
}

export type NewDelivery = { id: string; webhookId: string; event: WebhookEvent; body: string; sendAfter: number };

export async function insertDeliveries(tx: Tx, rows: NewDelivery[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 200) {
    await tx.insert(webhookDeliveries).values(rows.slice(start, start + 200).map((row) => ({ ...row, state: "queued" as const })));
  }
}

export async function webhookOfWorkspace(db: Reader, workspaceId: string, id: string): Promise<WebhookRow | undefined> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id)));
  return row;
}

// ── Managing webhooks (the API and Settings) ───────────────────────────────

export type NewWebhook = { id: string; workspaceId: string; url: string; events: WebhookEvent[]; secret: string; createdBy: string | null };

export async function insertWebhook(tx: Tx, row: NewWebhook): Promise<void> {
  await tx.insert(webhooks).values(row);
}

export async function countWebhooks(db: Reader, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(webhooks).where(eq(webhooks.workspaceId, workspaceId));
  return Number(row?.n ?? 0);
}

/** Deletes the workspace's webhook (its deliveries go with it); false when there is none with this id there. */
export async function deleteWebhook(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
  const gone = await tx
    .delete(webhooks)
    .where(and(eq(webhooks.workspaceId, workspaceId), eq(webhooks.id, id)))
    .returning({ id: webhooks.id });
  return gone.length > 0;
}

export type WebhookSummary = {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: number;
  last: { state: DeliveryState; status: number | null; at: number } | null;
};

/** The workspace's webhooks, oldest first, each with its newest delivery's state and answer (never the secret). */
export async function listWebhooks(db: Reader, workspaceId: string): Promise<WebhookSummary[]> {
  const rows = await db
    .select({ id: webhooks.id, url: webhooks.url, events: webhooks.events, createdAt: webhooks.createdAt })
    .from(webhooks)
    .where(eq(webhooks.workspaceId, workspaceId))
    .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
  const out: WebhookSummary[] = [];
  for (const row of rows) {
    const [last] = await db
      .select({ state: webhookDeliveries.state, status: webhookDeliveries.lastStatus, at: webhookDeliveries.createdAt })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, row.id))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(1);
    out.push({ ...row, last: last ?? null });
  }
  return out;
}

export type DeliveryLogRow = Omit<DeliveryRow, "body" | "webhookId">;
export type DeliveryCursor = { createdAt: number; id: string };

/** A page of a webhook's deliveries, newest first; `next` is where the following page starts, or null. */
export async function listDeliveries(
  db: Reader,
  webhookId: string,
  after: DeliveryCursor | null,
  limit: number,
): Promise<{ deliveries: DeliveryLogRow[]; next: DeliveryCursor | null }> {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      state: webhookDeliveries.state,
      attempts: webhookDeliveries.attempts,
      sendAfter: webhookDeliveries.sendAfter,
      lockedUntil: webhookDeliveries.lockedUntil,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      createdAt: webhookDeliveries.createdAt,
      deliveredAt: webhookDeliveries.deliveredAt,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        after
          ? or(
              lt(webhookDeliveries.createdAt, after.createdAt),
              and(eq(webhookDeliveries.createdAt, after.createdAt), lt(webhookDeliveries.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { deliveries: page, next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

// ── The deliverer's queue ──────────────────────────────────────────────────

export type ClaimedDelivery = DeliveryRow & { url: string; secret: string };

/**
 * Claims up to `limit` due deliveries for `leaseMs` and counts the try
 * (`locked_until` is the lease; on PostgreSQL `FOR UPDATE SKIP LOCKED` lets
 * several deliverers claim at once without taking the same row). Each comes
 * with its webhook's URL and secret.
 */
export async function claimDueDeliveries(tx: Tx, now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  const due = tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.state, "queued"),
        lte(webhookDeliveries.sendAfter, now),
        or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
      ),
    )
    .orderBy(asc(webhookDeliveries.sendAfter), asc(webhookDeliveries.id))
    .limit(limit);
  const ids = (currentEngine() === "postgres" ? await due.for("update", { skipLocked: true }) : await due).map((row) => row.id);
  if (ids.length === 0) return [];
  const claimed = await tx
    .update(webhookDeliveries)
    .set({ lockedUntil: now + leaseMs, attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(inArray(webhookDeliveries.id, ids))
    .returning();
  const hooks = await tx
    .select({ id: webhooks.id, url: webhooks.url, secret: webhooks.secret })
    .from(webhooks)
    .where(
      inArray(
        webhooks.id,
        claimed.map((row) => row.webhookId),
      ),
    );
  const byId = new Map(hooks.map((hook) => [hook.id, hook]));
  return claimed.flatMap((row) => {
    const hook = byId.get(row.webhookId);
    return hook ? [{ ...row, url: hook.url, secret: hook.secret }] : [];
  });
}

export type DeliveryOutcome =
  | { state: "delivered"; status: number; at: number }
  | { state: "failed"; status: number | null; error: string; at: number }
  | { state: "queued"; status: number | null; error: string; sendAfter: number };

/**
 * Records one attempt's outcome, only while the claim `lease` is still this
 * sender's (a sender that overran its lease records nothing: the delivery
 * was claimed again). Returns whether it recorded.
 */
export async function recordDelivery(tx: Tx, id: string, lease: number, outcome: DeliveryOutcome): Promise<boolean> {
  const set =
    outcome.state === "delivered"
      ? { state: outcome.state, lastStatus: outcome.status, lastError: null, deliveredAt: outcome.at, lockedUntil: null }
      : outcome.state === "failed"
        ? { state: outcome.state, lastStatus: outcome.status, lastError: outcome.error, lockedUntil: null }
        : { state: outcome.state, lastStatus: outcome.status, lastError: outcome.error, sendAfter: outcome.sendAfter, lockedUntil: null };
  const done = await tx
    .update(webhookDeliveries)
    .set(set)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.lockedUntil, lease)))
    .returning({ id: webhookDeliveries.id });
  return done.length > 0;
}

/** Gives claimed deliveries back untried (the deliverer stops). */
export async function releaseDeliveries(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(webhookDeliveries)
    .set({ lockedUntil: null, attempts: sql`CASE WHEN ${webhookDeliveries.attempts} > 0 THEN ${webhookDeliveries.attempts} - 1 ELSE 0 END` })
    .where(inArray(webhookDeliveries.id, ids));
}

/** Deletes delivered and failed deliveries created before `before`; returns how many went. */
export async function sweepDeliveries(tx: Tx, before: number): Promise<number> {
  const gone = await tx
    .delete(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.state, ["delivered", "failed"]), lt(webhookDeliveries.createdAt, before)))
    .returning({ id: webhookDeliveries.id });
  return gone.length;
}
