import { getDb } from "@/db/client";
import { listWebhooks } from "@/db/queries/webhooks";
import { authenticate } from "@/lib/api/auth";
import { describeIssue, problem } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { createWebhook, webhookInputSchema } from "@/lib/webhooks/manage";
import { webhookJson } from "@/lib/webhooks/webhook-json";

// Webhooks send the workspace's responses elsewhere: a manager key to add,
// list or delete them (an analyst key gets 403).

/** Adds a webhook: 201 { id, url, events, secret } — the secret is shown this once. */
export const POST = apiRoute(async (request: Request) => {
  const caller = await authenticate(request, "write");
  const parsed = webhookInputSchema.safeParse(await readJson(request));
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
      const message = keys.length > 0 ? `Unknown field${keys.length > 1 ? "s" : ""}: ${keys.join(", ")}.` : describeIssue(issue.message);
      return { path: issue.path.map(String).join(".") || "body", message };
    });
    return problem(422, 'Send { "url": "https://…", "events": ["response.submitted", "response.alert"] }.', { errors });
  }
  const outcome = await createWebhook(caller.workspaceId, parsed.data, null);
  if (!outcome.ok) {
    const path = outcome.code === "tooMany" ? "body" : "url";
    return problem(422, outcome.detail, { errors: [{ path, message: outcome.detail }] });
  }
  return Response.json({ id: outcome.id, url: outcome.url, events: outcome.events, secret: outcome.secret }, { status: 201 });
});

/** The workspace's webhooks with their last delivery's outcome (no secrets). */
export const GET = apiRoute(async (request: Request) => {
  const caller = await authenticate(request, "write");
  const hooks = await listWebhooks(getDb(), caller.workspaceId);
  return Response.json({ webhooks: hooks.map(webhookJson) });
});
