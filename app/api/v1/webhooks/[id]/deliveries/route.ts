import { getDb } from "@/db/client";
import { listDeliveries, webhookOfWorkspace } from "@/db/queries/webhooks";
import { authenticate } from "@/lib/api/auth";
import { problem, zodProblem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { holdsNul } from "@/lib/http/nul";
import { idSchema } from "@/lib/validation/ids";
import { decodeDeliveryCursor, deliveriesQuerySchema, deliveryJson, encodeDeliveryCursor } from "@/lib/webhooks/webhook-json";

type Context = { params: Promise<{ id: string }> };

/** A page of a webhook's deliveries, newest first: { deliveries, next } (next: the cursor of the following page, or null). */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const id = (await params).id;
  const hook = idSchema.safeParse(id).success ? await webhookOfWorkspace(getDb(), caller.workspaceId, id) : undefined;
  if (!hook) return problem(404, "No webhook with this id in your workspace.");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (holdsNul(query)) return problem(400, "Text may not contain the NUL character (\\u0000).");
  const parsed = deliveriesQuerySchema.safeParse(query);
  if (!parsed.success) return zodProblem(parsed.error);
  const after = parsed.data.cursor ? decodeDeliveryCursor(parsed.data.cursor) : null;
  if (parsed.data.cursor && after === null)
    return problem(400, "The cursor is not one this API handed out.", { errors: [{ path: "cursor", message: "Unknown cursor." }] });
  const page = await listDeliveries(getDb(), hook.id, after, parsed.data.limit);
  return Response.json({ deliveries: page.deliveries.map(deliveryJson), next: page.next ? encodeDeliveryCursor(page.next) : null });
});
