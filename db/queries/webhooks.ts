import { and, eq } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { webhookDeliveries, webhooks, type WebhookEvent } from "../schema";

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
