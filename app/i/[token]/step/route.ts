import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { hitRateLimitAlone } from "@/db/queries/rate-limits";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { plainText, seeOther } from "@/lib/http/plain-response";
import { handleInternalStep } from "@/lib/internal-survey/flow";
import { internalResumeMaxAgeSeconds, resolveInternalLink, resumeCookieName } from "@/lib/internal-survey/session";
import { parseInternalStepForm } from "@/lib/internal-survey/step-form";
import { readForm } from "@/lib/survey/read-form";

type Context = { params: Promise<{ token: string }> };

function back(token: string, query: Record<string, string | number>) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return seeOther(`/i/${encodeURIComponent(token)}?${search}`);
}

/**
 * One step of an internal questionnaire, as a plain form post (works with
 * JavaScript off); lib/internal-survey/flow.ts does the work, this maps its
 * outcome to a redirect or a refusal. A forged or broken post (unknown
 * fields, another step's or study's ids, ratings off the scale, a step that
 * does not exist) is refused with a 4xx and leaves no row behind. Besides the
 * address limit here, the flow counts checked posts against the link (new
 * drafts) or the draft, so junk cannot use up the link's allowance.
 */
export async function POST(request: Request, { params }: Context) {
  const { token } = await params;
  const now = Date.now();
  const limit = await hitRateLimitAlone(`internal:${clientAddress(request.headers)}`, env.SURVEY_RATE_LIMIT_PER_MINUTE, 60_000, now);
  if (!limit.allowed) return plainText(429, "Too many requests; wait a minute and try again.", { "retry-after": String(limit.retryAfterSeconds) });
  const state = await resolveInternalLink(getDb(), token);
  if (state.status !== "open") return back(token, {});
  const body = await readForm(request);
  if (!body.ok) {
    if (body.status === 413) return plainText(413, "The form is too large.");
    if (body.status === 415) return plainText(415, "Send the form as a form post (application/x-www-form-urlencoded or multipart/form-data).");
    return plainText(400, "The form could not be read.");
  }
  const parsed = parseInternalStepForm(body.entries);
  if (!parsed.ok) return plainText(400, `The form is not valid:\n${parsed.problems.slice(0, 20).join("\n")}`);

  const jar = await cookies();
  const cookieName = resumeCookieName(state.link.id);
  const outcome = await handleInternalStep({
    state,
    form: parsed.value,
    resumeToken: jar.get(cookieName)?.value,
    now,
    newDraftsPerMinute: env.SURVEY_LINK_RATE_LIMIT_PER_MINUTE,
  });
  if ("resume" in outcome && outcome.resume) {
    jar.set(cookieName, outcome.resume, { httpOnly: true, sameSite: "lax", path: `/i/${token}`, maxAge: internalResumeMaxAgeSeconds });
  }
  switch (outcome.kind) {
    case "saved":
      return back(token, { lang: outcome.language, step: outcome.step });
    case "incomplete":
      return back(token, { lang: outcome.language, step: outcome.step, missing: outcome.missing });
    case "thanks":
      return back(token, { lang: outcome.language, done: 1 });
    case "outdated":
      return plainText(409, "This page is out of date: the questionnaire has no such step. Open the link again.");
    case "refused":
      return plainText(422, `These answers do not fit this step:\n${outcome.problems.slice(0, 20).join("\n")}`);
    case "busy":
      return plainText(
        429,
        outcome.scope === "link"
          ? "Many people are starting this questionnaire at the same moment; wait a minute and send the page again."
          : "This page was sent very often within a minute; wait a minute and send it again. Your earlier steps are saved.",
        { "retry-after": String(outcome.retryAfterSeconds) },
      );
  }
}
