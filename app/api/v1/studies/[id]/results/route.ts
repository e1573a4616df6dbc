import { getDb } from "@/db/client";
import { authenticate } from "@/lib/api/auth";
import { problem, zodProblem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { loadResults } from "@/lib/results/load-results";
import { filterFromSearchParams } from "@/lib/validation/results-filter";

type Context = { params: Promise<{ id: string }> };

/** The results of METHOD.md §3–5 for a filter; numbers unrounded, gaps E − P. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "read");
  const study = await studyOf(caller, (await params).id);
  const filter = filterFromSearchParams(new URL(request.url).searchParams);
  if (!filter.success) return zodProblem(filter.error, "The filter is invalid.");
  const loaded = await loadResults(getDb(), study, filter.data);
  if (loaded.status === "unpublished") return problem(409, "The study has no published version yet.");
  if (loaded.status === "unknownVersion") return problem(404, `The study has no version ${filter.data.version}.`);
  return Response.json({
    ...loaded.results,
    weightsVersion: loaded.weightsVersion.number,
    versions: loaded.filterVersions.map((v) => v.number),
  });
});
