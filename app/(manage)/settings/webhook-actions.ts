"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/current-user";
import { echoValues, fieldErrorsOf, formOf, type FormState } from "@/lib/forms/form-state";
import { idSchema } from "@/lib/validation/ids";
import { createWebhook, removeWebhook, webhookInputSchema } from "@/lib/webhooks/manage";

// Settings → Webhooks, for owners and managers (the API's rules, in
// lib/webhooks/manage.ts). Refusals are codes the form translates.

/** Adds a webhook: `data.secret` is shown this once; a refused URL is `fieldErrors.url` (a key of settings.webhooks.refused). */
export async function createWebhookAction(_prev: FormState, input: FormData): Promise<FormState> {
  const form = formOf(input);
  const echo = () => ({ ...echoValues(form), events: form.getAll("events").map(String).join(",").slice(0, 200) });
  const user = await requirePermission("write");
  const parsed = webhookInputSchema.safeParse({ url: form.get("url") ?? undefined, events: form.getAll("events").map(String) });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echo() };
  const outcome = await createWebhook(user.workspaceId, parsed.data, user.userId);
  if (!outcome.ok) {
    if (outcome.code === "tooMany") return { message: "webhookTooMany", values: echo() };
    return { fieldErrors: { url: [`webhook.${outcome.code}`] }, values: echo() };
  }
  revalidatePath("/settings");
  return { ok: true, message: "webhookCreated", data: { secret: outcome.secret, url: outcome.url } };
}

/** The confirmed delete; another workspace's id or a forged one changes nothing. */
export async function deleteWebhookAction(input: FormData): Promise<void> {
  const form = formOf(input);
  const user = await requirePermission("write");
  const id = idSchema.safeParse(form.get("id"));
  if (id.success && (await removeWebhook(user.workspaceId, id.data))) revalidatePath("/settings");
}
