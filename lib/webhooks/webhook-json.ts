import { z } from "zod";
import type { DeliveryCursor, DeliveryLogRow, WebhookSummary } from "@/db/queries/webhooks";

// What the API shows of webhooks and their deliveries (never the secret),
// and the deliveries list's cursor and query.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function webhookJson(hook: WebhookSummary) {
  return {
    id: hook.id,
    url: hook.url,
    events: hook.events,
    createdAt: iso(hook.createdAt),
    lastDelivery: hook.last ? { state: hook.last.state, status: hook.last.status, createdAt: iso(hook.last.at) } : null,
  };
}

export function deliveryJson(row: DeliveryLogRow) {
  return {
    id: row.id,
    event: row.event,
    state: row.state,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: iso(row.createdAt),
    deliveredAt: iso(row.deliveredAt),
    nextAttemptAt: row.state === "queued" ? iso(row.sendAfter) : null,
  };
}

export const deliveriesPageLimits = { default: 50, max: 200 };

export const deliveriesQuerySchema = z.strictObject({
  cursor: z.string().max(200, "tooLong").optional(),
  limit: z.coerce
    .number("invalidNumber")
    .int("invalidNumber")
    .min(1, "invalidNumber")
    .max(deliveriesPageLimits.max, `At most ${deliveriesPageLimits.max} per page.`)
    .default(deliveriesPageLimits.default),
});

export function encodeDeliveryCursor(cursor: DeliveryCursor): string {
  return Buffer.from(`${cursor.createdAt}.${cursor.id}`, "utf8").toString("base64url");
}

/** The position a cursor holds, or null for one that no list handed out. */
export function decodeDeliveryCursor(text: string): DeliveryCursor | null {
  if (!text || text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const match = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  return match ? { createdAt: Number(match[1]), id: match[2] } : null;
}
