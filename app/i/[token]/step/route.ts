import { cookies } from "next/headers";
import { getConnection } from "@/db/client";
import { findResumable, saveCauseRatings, saveRatings } from "@/db/queries/internal-responses";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { insertResponse, listAnswers, listCauseAnswers, updateResponse } from "@/db/queries/responses";
import { findVersion } from "@/db/queries/studies";
import { hashToken } from "@/lib/auth/tokens";
import { clientAddress } from "@/lib/http/client-address";
import { causeStatementsOf, readStep, stepsFor } from "@/lib/internal-survey/flow";
import { newResume, resolveInternalLink, resumeCookieName } from "@/lib/internal-survey/session";
import { parseInternalStepForm, strayRatings } from "@/lib/internal-survey/step-form";
import { checkPerspectiveResponse, storePerspectiveResponse } from "@/lib/responses/store-perspective";
import { readForm } from "@/lib/survey/read-form";

type Context = { params: Promise<{ token: string }> };

const perMinute = Number(process.env.SURVEY_RATE_LIMIT_PER_MINUTE ?? 120);

function back(token: string, query: Record<string, string | number>) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return new Response(null, { status: 303, headers: { location: `/i/${encodeURIComponent(token)}?${search}` } });
}

function plain(status: number, text: string, headers: Record<string, string> = {}) {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });
}

/**
 * One step of an internal questionnaire, as a plain form post (works with
 * JavaScript off): saves the step's ratings, then moves on; the last step
 * submits the whole response once. The whole post is checked before the
 * first write: a forged or broken one (unknown fields, another step's or
 * study's ids, ratings off the scale, a step that does not exist) is
 * refused with a 4xx and leaves no row behind — not even a new response.
 */
export async function POST(request: Request, { params }: Context) {
  const { token } = await params;
  const limit = hitRateLimit(`internal:${clientAddress(request.headers)}`, perMinute, 60_000, Date.now());
  if (!limit.allowed) return plain(429, "Too many requests; wait a minute and try again.", { "retry-after": String(limit.retryAfterSeconds) });
  const state = resolveInternalLink(token);
  if (state.status !== "open") return back(token, {});
  const body = await readForm(request);
  if (!body.ok) {
    if (body.status === 413) return plain(413, "The form is too large.");
    if (body.status === 415) return plain(415, "Send the form as a form post (application/x-www-form-urlencoded or multipart/form-data).");
    return plain(400, "The form could not be read.");
  }
  const parsed = parseInternalStepForm(body.entries);
  if (!parsed.ok) return plain(400, `The form is not valid:\n${parsed.problems.slice(0, 20).join("\n")}`);
  const { step: stepIndex, intent, lang, ratings } = parsed.value;
  const language = state.languages.includes(lang as never) ? lang! : state.languages[0];

  const jar = await cookies();
  const cookieName = resumeCookieName(state.link.id);
  const now = Date.now();
  const { db } = getConnection();
  const existing = (() => {
    const cookie = jar.get(cookieName)?.value;
    return cookie ? findResumable(state.link.id, hashToken(cookie)) : undefined;
  })();
  if (existing?.status === "submitted") return back(token, { lang: language, done: 1 });
  // A response stays on the version it started with, even if a newer one is published.
  const version = (existing && findVersion(state.study.id, existing.versionId)) || state.version;
  const steps = stepsFor(version.snapshot, state.perspective);
  if (stepIndex >= steps.length) return plain(409, "This page is out of date: the questionnaire has no such step. Open the link again.");
  const step = steps[stepIndex];
  const scale = version.snapshot.scale;
  const fieldIds =
    step.kind === "criterion" ? version.snapshot.criteria[step.index].items.map((i) => i.id) : causeStatementsOf(state.perspective).map((s) => s.id);
  const prefix = step.kind === "criterion" ? "item" : "cause";
  const stray = strayRatings(ratings, fieldIds, prefix, scale);
  if (stray.length > 0) return plain(422, `These answers do not fit this step:\n${stray.slice(0, 20).join("\n")}`);

  let response = existing;
  if (!response) {
    const resume = newResume();
    const id = crypto.randomUUID();
    insertResponse({
      id,
      studyId: state.study.id,
      versionId: version.id,
      linkId: state.link.id,
      perspective: state.perspective,
      language,
      source: "survey",
      status: "in_progress",
      resumeHash: resume.hash,
      startedAt: now,
    });
    jar.set(cookieName, resume.token, { httpOnly: true, sameSite: "lax", path: `/i/${token}`, maxAge: 60 * 24 * 3600 });
    response = findResumable(state.link.id, resume.hash)!;
  }
  const form = new FormData();
  for (const [name, value] of ratings) form.append(name, value);
  const read = readStep(form, fieldIds, scale, prefix);
  const responseId = response.id;
  db.transaction((tx) => {
    if (step.kind === "criterion") saveRatings(responseId, read.values, tx);
    else saveCauseRatings(responseId, read.values, tx);
    updateResponse(responseId, { step: stepIndex, language }, tx);
  });
  if (intent === "back") return back(token, { lang: language, step: Math.max(0, stepIndex - 1) });
  if (read.missing.length > 0) return back(token, { lang: language, step: stepIndex, missing: read.missing.length });
  if (stepIndex + 1 < steps.length) {
    updateResponse(responseId, { step: stepIndex + 1 });
    return back(token, { lang: language, step: stepIndex + 1 });
  }

  // The last step: check everything saved against the version, then store once.
  const checked = checkPerspectiveResponse(version.snapshot, state.perspective, {
    answers: listAnswers(responseId).map((a) => ({ item: a.itemId, rating: a.rating })),
    causes: listCauseAnswers(responseId).map((c) => ({ statement: c.statementKey, rating: c.rating })),
  });
  if (!checked.ok) return back(token, { lang: language, step: 0, missing: checked.problems.length });
  const unanswered = steps.findIndex((s) =>
    s.kind === "criterion"
      ? version.snapshot.criteria[s.index].items.some((i) => !checked.value.answers.some((a) => a.itemId === i.id))
      : causeStatementsOf(state.perspective).some((st) => !checked.value.causes.some((c) => c.statement === st.id)),
  );
  if (unanswered >= 0) return back(token, { lang: language, step: unanswered, missing: 1 });
  db.transaction((tx) =>
    storePerspectiveResponse(
      {
        ...checked.value,
        responseId,
        studyId: state.study.id,
        versionId: version.id,
        snapshot: version.snapshot,
        perspective: state.perspective,
        linkId: state.link.id,
        language,
        source: "survey",
        submittedAt: Date.now(),
      },
      tx,
    ),
  );
  return back(token, { lang: language, done: 1 });
}
