import { authenticate } from "@/lib/api/auth";
import { problem, zodProblem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { exportFormatSchema, exportStudy } from "@/lib/exports/export-response";
import { filterFromSearchParams } from "@/lib/validation/results-filter";

type Context = { params: Promise<{ id: string }> };

/**
 * Raw responses as long or wide CSV, the workbook (XLSX), or the results
 * summary as CSV; streamed. `?format=long|wide|xlsx|summary` (default long)
 * and the results filter `version`, `from`, `to`, `segment`.
 */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "read");
  const study = await studyOf(caller, (await params).id);
  const url = new URL(request.url);
  const format = exportFormatSchema.safeParse(url.searchParams.get("format") ?? "long");
  if (!format.success)
    return problem(400, "format must be long, wide, xlsx or summary.", { errors: [{ path: "format", message: "Use long, wide, xlsx or summary." }] });
  const filter = filterFromSearchParams(url.searchParams);
  if (!filter.success) return zodProblem(filter.error, "The filter is invalid.");
  const outcome = await exportStudy(study, format.data, filter.data, study.languages[0] ?? "en");
  if (!outcome.ok) {
    return outcome.reason === "unpublished"
      ? problem(409, "The study has no published version yet.")
      : problem(404, `The study has no version ${filter.data.version}.`);
  }
  return outcome.response;
});
