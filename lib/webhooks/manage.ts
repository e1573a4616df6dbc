import { randomUUID } from "node:crypto";
import { z } from "zod";
import { transaction } from "@/db/client";
import { lockName } from "@/db/locks";
import { countWebhooks, deleteWebhook, insertWebhook } from "@/db/queries/webhooks";
import { webhookEvents, type WebhookEvent } from "@/db/schema";
import { env } from "@/lib/env";
import { checkWebhookUrl, type Lookup, type UrlRefusal } from "./address";
import { newWebhookSecret } from "./sign";

// Adding and removing a workspace's webhooks: one set of rules for the API
// (POST /api/v1/webhooks) and Settings.

/** Webhooks per workspace: each submit queues one delivery per listening webhook. */
export const maxWebhooksPerWorkspace = 10;
export const maxUrlLength = 2000;

export const webhookInputSchema = z.strictObject({
  url: z.string("required").trim().min(1, "required").max(maxUrlLength, "tooLong"),
  events: z
    .array(z.enum(webhookEvents, "unknownEvent"), "required")
    .min(1, "noEvents")
    .max(webhookEvents.length * 4)
    .transform((events) => webhookEvents.filter((event) => events.includes(event))),
});
export type WebhookInput = z.output<typeof webhookInputSchema>;

export type CreateOutcome =
  { ok: true; id: string; url: string; secret: string; events: WebhookEvent[] } | { ok: false; code: UrlRefusal | "tooMany"; detail: string };

/**
 * Adds a webhook whose URL passes the address check (unless the
 * installation allows private addresses): its secret is returned here and
 * never again.
 */
export async function createWebhook(workspaceId: string, input: WebhookInput, createdBy: string | null, lookup?: Lookup): Promise<CreateOutcome> {
  const verdict = await checkWebhookUrl(input.url, env.WEBHOOK_ALLOW_PRIVATE, lookup);
  if (!verdict.ok) return { ok: false, code: verdict.reason, detail: verdict.detail };
  const id = randomUUID();
  const secret = newWebhookSecret();
  return transaction(async (tx) => {
    // Two creates at once must not both take the last place.
    await lockName(tx, `webhooks:${workspaceId}`);
    if ((await countWebhooks(tx, workspaceId)) >= maxWebhooksPerWorkspace)
      return { ok: false, code: "tooMany", detail: `A workspace has at most ${maxWebhooksPerWorkspace} webhooks; delete one first.` } as const;
    const url = verdict.url.toString();
    await insertWebhook(tx, { id, workspaceId, url, events: input.events, secret, createdBy });
    return { ok: true, id, url, secret, events: input.events } as const;
  });
}

/** Deletes the workspace's webhook and its deliveries; false when it has none with this id. */
export async function removeWebhook(workspaceId: string, id: string): Promise<boolean> {
  return transaction((tx) => deleteWebhook(tx, workspaceId, id));
}
