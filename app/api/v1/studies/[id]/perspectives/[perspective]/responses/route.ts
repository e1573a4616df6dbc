import { getDb } from "@/db/client";
import { authenticate } from "@/lib/api/auth";
import { ingestResponses, parseResponsesEnvelope } from "@/lib/api/ingest";
import { latestPublishedVersion } from "@/lib/responses/published-version";
import { ApiProblem } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { checkPerspectiveResponse, storePerspectiveResponses } from "@/lib/responses/store-perspective";
import { perspectives, type Perspective } from "@/lib/scoring/types";
import { perspectiveResponsesEnvelopeSchema, perspectiveResponseSchema, responsesPerRequest } from "@/lib/validation/response";

type Context = { params: Promise<{ id: string; perspective: string }> };

/** Ratings from an internal perspective (M, S, D or C), all or nothing. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const { id, perspective } = await params;
  const study = await studyOf(caller, id);
  if (!(perspectives as readonly string[]).includes(perspective)) {
    throw new ApiProblem(404, `Unknown perspective; use one of ${perspectives.join(", ")}.`);
  }
  const parsed = await parseResponsesEnvelope(
    await readJson(request),
    perspectiveResponsesEnvelopeSchema,
    perspectiveResponseSchema,
    responsesPerRequest,
  );
  if (!parsed.ok) return parsed.problem;
  const version = await latestPublishedVersion(getDb(), study.id);
  if (!version) throw new ApiProblem(409, "The study has no published version yet; publish it first.");
  return ingestResponses(
    parsed.responses,
    version,
    (response, { prefix, submittedAt }) => {
      const checked = checkPerspectiveResponse(version.snapshot, perspective as Perspective, response, prefix);
      if (!checked.ok) return { ok: false, problems: checked.problems.map(({ path, message }) => ({ path, message })) };
      return {
        ok: true,
        submission: {
          ...checked.value,
          clientId: response.id,
          studyId: study.id,
          versionId: version.id,
          snapshot: version.snapshot,
          perspective: perspective as Perspective,
          language: response.language ?? version.snapshot.languages[0] ?? "en",
          source: "api" as const,
          submittedAt,
        },
      };
    },
    storePerspectiveResponses,
  );
});
