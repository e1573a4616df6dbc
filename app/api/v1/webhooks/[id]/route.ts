import { authenticate } from "@/lib/api/auth";
import { problem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { idSchema } from "@/lib/validation/ids";
import { removeWebhook } from "@/lib/webhooks/manage";

type Context = { params: Promise<{ id: string }> };

/** Deletes a webhook of the caller's workspace with its deliveries (204); another workspace's is 404. */
export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const id = (await params).id;
  const gone = idSchema.safeParse(id).success && (await removeWebhook(caller.workspaceId, id));
  if (!gone) return problem(404, "No webhook with this id in your workspace.");
  return new Response(null, { status: 204 });
});
