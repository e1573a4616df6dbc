import type { StoreOutcome } from "@/lib/responses/store-customer";
import { submittedAtProblem } from "@/lib/validation/dates";
import { problem, type ProblemField } from "./problem";

type Incoming = { id?: string; submittedAt?: string };
type Converted<S> = { ok: true; submission: S } | { ok: false; problems: ProblemField[] };

/**
 * The part both response endpoints share: per response the checks that do
 * not depend on its kind (an id repeated in the request, a submission time
 * before the version was published or in the future), then the kind's own check; if anything is wrong a 422 listing
 * every problem and nothing stored, else all of it stored in one transaction.
 */
export async function ingestResponses<R extends Incoming, S>(
  responses: R[],
  version: { number: number; publishedAt: number },
  convert: (response: R, context: { prefix: string; submittedAt: number }) => Converted<S>,
  store: (submissions: S[]) => Promise<StoreOutcome[]>,
): Promise<Response> {
  const now = Date.now();
  const problems: ProblemField[] = [];
  const submissions: S[] = [];
  const ids = new Set<string>();
  responses.forEach((response, index) => {
    const prefix = `responses.${index}.`;
    if (response.id) {
      if (ids.has(response.id)) problems.push({ path: `${prefix}id`, message: "This id appears twice in the request." });
      ids.add(response.id);
    }
    const submittedAt = response.submittedAt ? Date.parse(response.submittedAt) : now;
    const late = submittedAtProblem(submittedAt, { publishedAt: version.publishedAt, now });
    if (late === "future") problems.push({ path: `${prefix}submittedAt`, message: "submittedAt lies in the future." });
    if (late === "beforePublished") {
      problems.push({
        path: `${prefix}submittedAt`,
        message: `submittedAt lies before version ${version.number} was published (${new Date(version.publishedAt).toISOString()}).`,
      });
    }
    const converted = convert(response, { prefix, submittedAt });
    if (converted.ok) submissions.push(converted.submission);
    else problems.push(...converted.problems);
  });
  if (problems.length > 0) {
    return problem(422, "Some responses do not fit this study's questionnaire; nothing was stored.", { errors: problems });
  }
  const outcomes = await store(submissions);
  const accepted = outcomes.filter((o) => o.stored).length;
  return Response.json(
    { accepted, duplicates: outcomes.length - accepted, version: version.number, ids: outcomes.map((o) => o.responseId) },
    { status: 201 },
  );
}
