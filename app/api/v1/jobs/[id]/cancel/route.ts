import { getDb, transaction } from "@/db/client";
import { findJob, requestCancel } from "@/db/queries/jobs";
import { authenticate } from "@/lib/api/auth";
import { problem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { jobJson } from "@/lib/jobs/job-json";
import { idSchema } from "@/lib/validation/ids";

type Context = { params: Promise<{ id: string }> };

/**
 * Asks a job to stop → 202 with the job: a queued one is cancelled at once,
 * a running one at its next progress report (an import then stores nothing).
 * A job that already ended is 409.
 */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const id = (await params).id;
  const before = idSchema.safeParse(id).success ? await transaction((tx) => requestCancel(tx, caller.workspaceId, id, Date.now())) : undefined;
  if (!before) return problem(404, "No job with this id in your workspace.");
  if (before === "succeeded" || before === "failed" || before === "cancelled") return problem(409, `The job already ended (${before}).`);
  const job = await findJob(getDb(), caller.workspaceId, id);
  return Response.json(jobJson(job!), { status: 202 });
});
