import { getDb } from "@/db/client";
import { listStudies } from "@/db/queries/studies";
import { authenticate } from "@/lib/api/auth";
import { zodProblem } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { createStudy } from "@/lib/studies/create-study";
import { studyCreateSchema } from "@/lib/validation/study";

export const POST = apiRoute(async (request: Request) => {
  const caller = await authenticate(request, "write");
  const parsed = studyCreateSchema.safeParse(await readJson(request));
  if (!parsed.success) return zodProblem(parsed.error);
  const created = await createStudy(caller.workspaceId, parsed.data);
  return Response.json(created, { status: 201, headers: { location: `/api/v1/studies/${created.id}` } });
});

export const GET = apiRoute(async (request: Request) => {
  const caller = await authenticate(request, "read");
  const studies = (await listStudies(getDb(), caller.workspaceId)).map((s) => ({
    id: s.id,
    name: s.name,
    provider: s.provider,
    industry: s.industry,
    latestVersion: s.latestVersion ?? null,
    responses: s.responses,
  }));
  return Response.json({ studies });
});
