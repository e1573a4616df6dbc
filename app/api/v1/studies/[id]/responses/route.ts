import { authenticate } from "@/lib/api/auth";
import { ingestResponses, parseResponsesEnvelope } from "@/lib/api/ingest";
import type { ProblemField } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { studyToSubmitTo } from "@/lib/api/study-access";
import { checkCustomerResponse } from "@/lib/responses/check";
import { storeCustomerResponsesTogether } from "@/lib/responses/submits-together";
import { customerResponsesEnvelopeSchema, customerResponseSchema, responsesPerRequest } from "@/lib/validation/response";

type Context = { params: Promise<{ id: string }> };

/** Customer responses into the latest published version, all or nothing. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const { study, version, loop } = await studyToSubmitTo(caller, (await params).id);
  const parsed = await parseResponsesEnvelope(await readJson(request), customerResponsesEnvelopeSchema, customerResponseSchema, responsesPerRequest);
  if (!parsed.ok) return parsed.problem;

  return ingestResponses(
    parsed.responses,
    version,
    (response, { prefix, submittedAt }) => {
      const problems: ProblemField[] = [];
      if (response.segment && study.segments.length > 0 && !study.segments.includes(response.segment)) {
        problems.push({ path: `${prefix}segment`, message: `Unknown segment; this study has: ${study.segments.join(", ")}.` });
      }
      const checked = checkCustomerResponse(version.snapshot, response, prefix);
      if (!checked.ok) problems.push(...checked.problems.map(({ path, message }) => ({ path, message })));
      if (!checked.ok || problems.length > 0) return { ok: false, problems };
      return {
        ok: true,
        submission: {
          ...checked.value,
          clientId: response.id,
          studyId: study.id,
          versionId: version.id,
          snapshot: version.snapshot,
          segment: response.segment ?? "",
          language: response.language ?? version.snapshot.languages[0] ?? "en",
          source: "api" as const,
          submittedAt,
        },
      };
    },
    (submissions) => storeCustomerResponsesTogether(submissions, new Map([[study.id, loop]])),
  );
});
