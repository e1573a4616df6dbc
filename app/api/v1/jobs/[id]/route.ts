import { getDb } from "@/db/client";
import { findJob } from "@/db/queries/jobs";
import { authenticate } from "@/lib/api/auth";
import { problem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { jobJson } from "@/lib/jobs/job-json";
import { idSchema } from "@/lib/validation/ids";

type Context = { params: Promise<{ id: string }> };

/** A background job of the caller's workspace: state, progress, result or problems. Another workspace's job is 404. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "read");
  const id = (await params).id;
  const job = idSchema.safeParse(id).success ? await findJob(getDb(), caller.workspaceId, id) : undefined;
  if (!job) return problem(404, "No job with this id in your workspace.");
  return Response.json(jobJson(job));
});
