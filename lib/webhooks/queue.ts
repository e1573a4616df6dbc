import { randomUUID } from "node:crypto";
import type { Tx } from "@/db/client";
import { insertDeliveries, webhooksFor } from "@/db/queries/webhooks";
import type { WebhookEvent } from "@/db/schema";

/** The JSON body of every delivery (API.md, "Alerts, follow-up cases and webhooks"). */
export type WebhookPayload = {
  event: WebhookEvent;
  study: string;
  response: string;
  /** The respondent's own weighted gap (METHOD.md §3), unrounded; null when it has none. */
  gap: number | null;
  segment: string;
  /** ISO 8601, UTC. */
  submittedAt: string;
};

/**
 * Queues one delivery of `payload` to each of the workspace's webhooks that
 * listen to its event, inside the caller's transaction: the delivery exists
 * exactly when the response it tells about does. The body is fixed here, so
 * every retry sends (and signs) the same bytes.
 */
export async function queueWebhookEvent(tx: Tx, workspaceId: string, payload: WebhookPayload, now = Date.now()): Promise<number> {
  const hooks = await webhooksFor(tx, workspaceId, payload.event);
  if (hooks.length === 0) return 0;
  const body = JSON.stringify(payload);
  await insertDeliveries(
    tx,
    hooks.map((hook) => ({ id: randomUUID(), webhookId: hook.id, event: payload.event, body, sendAfter: now })),
  );
  return hooks.length;
}
