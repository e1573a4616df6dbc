import { cookies, headers } from "next/headers";
import { getConnection } from "@/db/client";
import { findResumable, saveCauseRatings, saveRatings } from "@/db/queries/internal-responses";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { insertResponse, listAnswers, listCauseAnswers, updateResponse } from "@/db/queries/responses";
import { findVersion } from "@/db/queries/studies";
import { hashToken } from "@/lib/auth/tokens";
import { clientAddress } from "@/lib/http/client-address";
import { causeStatementsOf, readStep, stepsFor } from "@/lib/internal-survey/flow";
import { newResume, resolveInternalLink, resumeCookieName } from "@/lib/internal-survey/session";
import { checkPerspectiveResponse, storePerspectiveResponse } from "@/lib/responses/store-perspective";

type Context = { params: Promise<{ token: string }> };

const perMinute = Number(process.env.SURVEY_RATE_LIMIT_PER_MINUTE ?? 120);

function back(token: string, query: Record<string, string | number>) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return new Response(null, { status: 303, headers: { location: `/i/${encodeURIComponent(token)}?${search}` } });
}

/**
 * One step of an internal questionnaire, as a plain form post (works with
 * JavaScript off): saves the step's ratings, then moves on; the last step
 * submits the whole response once.
 */
export async function POST(request: Request, { params }: Context) {
  const { token } = await params;
  const limit = hitRateLimit(`internal:${clientAddress(await headers())}`, perMinute, 60_000, Date.now());
  if (!limit.allowed) {
    return new Response("Too many requests; wait a minute and try again.", {
      status: 429,
      headers: { "retry-after": String(limit.retryAfterSeconds), "content-type": "text/plain; charset=utf-8" },
    });
  }
  const state = resolveInternalLink(token);
  if (state.status !== "open") return back(token, {});
  const form = await request.formData().catch(() => null);
  if (!form) return new Response("Send the form as a form post.", { status: 400 });
  const lang = typeof form.get("lang") === "string" ? String(form.get("lang")) : "";
  const language = state.languages.includes(lang as never) ? lang : state.languages[0];
  const stepIndex = Number(form.get("step"));
  const intent = form.get("intent") === "back" ? "back" : "next";

  const jar = await cookies();
  const cookieName = resumeCookieName(state.link.id);
  const now = Date.now();
  const { db } = getConnection();
  let response = (() => {
    const existing = jar.get(cookieName)?.value;
    return existing ? findResumable(state.link.id, hashToken(existing)) : undefined;
  })();
  if (response?.status === "submitted") return back(token, { lang: language, done: 1 });
  if (!response) {
    const resume = newResume();
    const id = crypto.randomUUID();
    insertResponse({
      id,
      studyId: state.study.id,
      versionId: state.version.id,
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
  // A response stays on the version it started with, even if a newer one is published.
  const version = findVersion(state.study.id, response.versionId) ?? state.version;
  const steps = stepsFor(version.snapshot, state.perspective);
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= steps.length) return back(token, { lang: language });
  const step = steps[stepIndex];
  const scale = version.snapshot.scale;

  const read =
    step.kind === "criterion"
      ? readStep(form, version.snapshot.criteria[step.index].items.map((i) => i.id), scale, "item")
      : readStep(form, causeStatementsOf(state.perspective).map((s) => s.id), scale, "cause");
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
