import { z } from "zod";
import { eventLoopPacer } from "@/lib/event-loop";
import type { StoreOutcome } from "@/lib/responses/store-customer";
import { submittedAtProblem } from "@/lib/validation/dates";
import { problem, zodProblem, type ProblemField } from "./problem";

// A batch holds up to 5,000 responses. Every pass over them (shape,
// questionnaire check, storing) gives the event loop a turn every few
// milliseconds (eventLoopPacer), so one batch never holds up other requests
// for long; the answer is the same as one pass would give.

const envelopeShape = z.strictObject({ responses: z.array(z.unknown()) });

/**
 * Validates `{ responses: [...] }` against `envelope`, the responses in steps.
 * The errors are those of `envelope.safeParse(body)`: when anything but the
 * responses themselves is wrong (or there are too few or too many), that is
 * what runs; else each response is parsed by `response` with the same paths.
 */
export async function parseResponsesEnvelope<T>(
  body: unknown,
  envelope: z.ZodType<{ responses: T[] }>,
  response: z.ZodType<T>,
  limits: { min: number; max: number },
): Promise<{ ok: true; responses: T[] } | { ok: false; problem: Response }> {
  const shape = envelopeShape.safeParse(body);
  if (!shape.success || shape.data.responses.length < limits.min || shape.data.responses.length > limits.max) {
    const whole = envelope.safeParse(body);
    return whole.success ? { ok: true, responses: whole.data.responses } : { ok: false, problem: zodProblem(whole.error) };
  }
  const issues: z.core.$ZodIssue[] = [];
  const out: T[] = [];
  const raw = shape.data.responses;
  const pace = eventLoopPacer();
  for (let i = 0; i < raw.length; i++) {
    await pace();
    const parsed = response.safeParse(raw[i]);
    if (parsed.success) out.push(parsed.data);
    else for (const issue of parsed.error.issues) issues.push({ ...issue, path: ["responses", i, ...issue.path] });
  }
  return issues.length > 0 ? { ok: false, problem: zodProblem(new z.ZodError(issues)) } : { ok: true, responses: out };
}

type Incoming = { id?: string; submittedAt?: string };
type Converted<S> = { ok: true; submission: S } | { ok: false; problems: ProblemField[] };

/**
 * The part both response endpoints share: per response the checks that do
 * not depend on its kind (an id repeated in the request, a submission time
 * before the version was published or in the future), then the kind's own check; if anything is wrong a 422 listing
 * every problem and nothing stored, else all of it stored in one transaction
 * (`store`, which yields to the event loop between steps too).
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
  const pace = eventLoopPacer();
  for (let index = 0; index < responses.length; index++) {
    await pace();
    const response = responses[index];
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
  }
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
