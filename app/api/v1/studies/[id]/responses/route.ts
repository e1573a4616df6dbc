import { latestVersion } from "@/db/queries/studies";
import { authenticate } from "@/lib/api/auth";
import { ApiProblem, problem, zodProblem } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { checkCustomerResponse } from "@/lib/responses/check";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { customerResponsesEnvelopeSchema } from "@/lib/validation/response";

type Context = { params: Promise<{ id: string }> };

/** Customer responses into the latest published version, all or nothing. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = authenticate(request, "write");
  const study = studyOf(caller, (await params).id);
  const parsed = customerResponsesEnvelopeSchema.safeParse(await readJson(request));
  if (!parsed.success) return zodProblem(parsed.error);
  const version = latestVersion(study.id);
  if (!version) throw new ApiProblem(409, "The study has no published version yet; publish it first.");

  const now = Date.now();
  const problems: { path: string; message: string }[] = [];
  const submissions: CustomerSubmission[] = [];
  const clientIds = new Set<string>();
  parsed.data.responses.forEach((response, index) => {
    const prefix = `responses.${index}.`;
    if (response.id) {
      if (clientIds.has(response.id)) problems.push({ path: `${prefix}id`, message: "This id appears twice in the request." });
      clientIds.add(response.id);
    }
    const submittedAt = response.submittedAt ? Date.parse(response.submittedAt) : now;
    if (submittedAt > now + 5 * 60_000) problems.push({ path: `${prefix}submittedAt`, message: "submittedAt lies in the future." });
    if (response.segment && study.segments.length > 0 && !study.segments.includes(response.segment)) {
      problems.push({ path: `${prefix}segment`, message: `Unknown segment; this study has: ${study.segments.join(", ")}.` });
    }
    const checked = checkCustomerResponse(version.snapshot, response, prefix);
    if (!checked.ok) {
      problems.push(...checked.problems.map(({ path, message }) => ({ path, message })));
      return;
    }
    submissions.push({
      ...checked.value,
      clientId: response.id,
      studyId: study.id,
      versionId: version.id,
      snapshot: version.snapshot,
      segment: response.segment ?? "",
      language: response.language ?? version.snapshot.languages[0] ?? "en",
      source: "api",
      submittedAt,
    });
  });
  if (problems.length > 0) {
    return problem(422, "Some responses do not fit this study's questionnaire; nothing was stored.", { errors: problems });
  }
  const outcomes = storeCustomerResponses(submissions);
  const accepted = outcomes.filter((o) => o.stored).length;
  return Response.json(
    { accepted, duplicates: outcomes.length - accepted, version: version.number, ids: outcomes.map((o) => o.responseId) },
    { status: 201 },
  );
});
