import { workspaceTimeZone } from "@/db/queries/accounts";
import { getDb } from "@/db/client";
import { hitRateLimitAlone } from "@/db/queries/rate-limits";
import { clientAddress } from "@/lib/http/client-address";
import { isLocale, locales, type Locale } from "@/lib/i18n/locales";
import { handleStep } from "@/lib/survey/flow";
import { chooseSurveyLanguage, surveyLanguages } from "@/lib/survey/language";
import { cookieHeader, isHttps, readCookies, readForm } from "@/lib/survey/read-form";
import { resolveLink } from "@/lib/survey/resolve-link";
import { languageCookie, parseResume, resumeCookie, resumeMaxAgeSeconds } from "@/lib/survey/resume";
import { describeShapeProblem, parseStepForm } from "@/lib/survey/step-form";
import { echoedValues } from "@/lib/survey/step-values";
import { surveySteps } from "@/lib/survey/steps";
import { renderStep, stepFormId } from "@/ui/survey/step-views";
import { findResponse } from "@/db/queries/responses";
import type { VersionSnapshot } from "@/db/schema";
import { providerIn } from "@/lib/i18n/localized-text";
import { surveyTranslator } from "@/ui/survey/translator";
import { page, problemMessage, seeOther, stateMessage, type ProblemKind } from "./render";
import { env } from "@/lib/env";

// POST /s/<token>: one step of the survey, sent by a plain HTML form (with or
// without JavaScript). Success answers 303 to the next step (post/redirect/
// get); what the customer can fix comes back as the same step with the
// errors beside the fields (422); everything else is a plain 4xx page.
// Nothing is written unless the whole step is valid.

export const surveyRateLimitPerMinute = () => env.SURVEY_RATE_LIMIT_PER_MINUTE;
// A client can send its own X-Forwarded-For (Next keeps it), so the address
// limit alone can be dodged: each link also starts at most this many drafts a
// minute for everyone together, counted in lib/survey/flow.ts only for posts
// that passed every check (junk cannot use it up); a draft once started has
// an allowance of its own.
export const surveyLinkRateLimitPerMinute = () => env.SURVEY_LINK_RATE_LIMIT_PER_MINUTE;

export async function surveyPost(request: Request, token: string): Promise<Response> {
  const now = Date.now();
  const jar = readCookies(request.headers.get("cookie"));
  const acceptLanguage = request.headers.get("accept-language");
  const path = `/s/${encodeURIComponent(token)}`;
  const fallbackLocale = () => chooseSurveyLanguage({ cookie: jar[languageCookie], acceptLanguage });
  const problem = (kind: ProblemKind, status: number, locale: Locale = fallbackLocale(), details: string[] = [], headers?: Headers) => {
    const t = surveyTranslator(locale);
    return page({ locale, t, title: t(`problem.${kind}Title`) }, problemMessage(t, kind, token, details), status, headers);
  };

  const limited = await hitRateLimitAlone(`survey:${clientAddress(request.headers)}`, surveyRateLimitPerMinute(), 60_000, now);
  if (!limited.allowed) return problem("tooMany", 429, undefined, [], new Headers({ "retry-after": String(limited.retryAfterSeconds) }));

  const body = await readForm(request);
  if (!body.ok) {
    if (body.status === 413) return problem("tooLarge", 413);
    if (body.status === 415)
      return problem("malformed", 415, undefined, ["Send the answers as a form (application/x-www-form-urlencoded or multipart/form-data)."]);
    return problem("malformed", 400, undefined, ["The form could not be read."]);
  }

  const state = await resolveLink(getDb(), token, now);
  if (state.kind === "unknown") {
    const locale = fallbackLocale();
    const t = surveyTranslator(locale);
    return page(
      { locale, t, title: t("state.unknownTitle"), languages: locales.map((l) => ({ locale: l, href: `${path}?lang=${l}` })) },
      stateMessage(t, locale, "unknown"),
      404,
    );
  }
  const { study, link } = state;
  const parsed = parseStepForm(body.entries);
  // A language switch asks for its language; the page's own `lang` says which it was shown in.
  const claimed = body.entries.find(([k]) => k === "switchLang")?.[1] ?? body.entries.find(([k]) => k === "lang")?.[1];
  const languages = surveyLanguages(state.kind === "open" ? state.version.snapshot.languages : study.languages);
  const locale = chooseSurveyLanguage({
    query: typeof claimed === "string" ? claimed : null,
    cookie: jar[languageCookie],
    acceptLanguage,
    languages,
  });
  if (!parsed.ok) return problem("malformed", 400, locale, parsed.problems.map(describeShapeProblem));
  const form = parsed.value;
  // A bot filled in the hidden field: thank it and keep nothing.
  if (form.website.trim() !== "") return seeOther(`${path}?thanks=1`);

  const headers = new Headers();
  const secure = isHttps(request);
  const remember = (language: string | undefined) => {
    if (language && isLocale(language))
      headers.append("set-cookie", cookieHeader(languageCookie, language, { path, maxAge: 365 * 24 * 3600, secure }));
  };
  // The provider as customers read it in this language ("海港飯店").
  const provider = providerIn(locale, study.provider, study.providerNames);
  const t = surveyTranslator(locale);
  const links = languages.map((l) => ({ locale: l, href: `${path}?lang=${l}` }));
  const shell = { locale, t, title: t("pageTitle", { provider }), provider, languages: links };
  const segments = link.segment === null ? study.segments : [];
  // The page again, in the language switched to, with what it held (ticked, typed, half pairs too).
  const switched = (snapshot: VersionSnapshot, versionId: string, stepIndex: number, responseId: string, started: boolean) => {
    const steps = surveySteps(snapshot, { consent: study.consentStep });
    const step = steps[stepIndex];
    return page(
      { ...shell, script: true, switchForm: stepFormId },
      renderStep({
        t,
        locale,
        token,
        provider,
        snapshot,
        stepCount: steps.length,
        step,
        responseId,
        versionId,
        values: echoedValues(form, step.kind === "criterion" ? step.criterion.id : null),
        fieldErrors: {},
        resumed: false,
        started,
        segments,
      }),
      200,
      headers,
    );
  };
  if (
    form.switchLang !== undefined &&
    form.step === 0 &&
    state.kind === "open" &&
    form.v === state.version.id &&
    !(await findResponse(getDb(), form.rid))
  ) {
    // The first page before anything was sent: nothing to save, no draft made by a mere switch.
    remember(locale);
    return switched(state.version.snapshot, state.version.id, 0, form.rid, false);
  }

  const outcome = await handleStep({ state, form, resume: parseResume(jar[resumeCookie]), now, newDraftsPerMinute: surveyLinkRateLimitPerMinute() });
  switch (outcome.kind) {
    case "saved":
      if (outcome.resume) headers.append("set-cookie", cookieHeader(resumeCookie, outcome.resume, { path, maxAge: resumeMaxAgeSeconds, secure }));
      remember(outcome.language);
      if (form.switchLang !== undefined) return switched(outcome.snapshot, outcome.versionId, outcome.step, outcome.responseId, true);
      return seeOther(`${path}?step=${outcome.step}`, headers);
    case "thanks":
      remember(outcome.language);
      return seeOther(`${path}?thanks=1`, headers);
    case "missing":
      return seeOther(`${path}?step=${outcome.step}&missing=1`, headers);
    case "closed":
      return page(
        shell,
        stateMessage(
          t,
          locale,
          outcome.state,
          { ...study, provider },
          outcome.state === "notYetOpen" ? await workspaceTimeZone(getDb(), study.workspaceId) : undefined,
        ),
        409,
      );
    case "busy":
      return problem(
        outcome.scope === "link" ? "busy" : "draftBusy",
        429,
        locale,
        [],
        new Headers({ "retry-after": String(outcome.retryAfterSeconds) }),
      );
    case "refused":
      return problem(
        outcome.code === "outdated" || outcome.code === "notYours" ? "outdated" : "malformed",
        outcome.status,
        locale,
        outcome.problems.map((p) => `${p.path}: ${p.message}`),
      );
    case "incomplete": {
      const steps = surveySteps(outcome.snapshot, { consent: study.consentStep });
      const values = echoedValues(form, outcome.step.kind === "criterion" ? outcome.step.criterion.id : null);
      return page(
        { ...shell, script: true, switchForm: stepFormId },
        renderStep({
          t,
          locale,
          token,
          provider,
          snapshot: outcome.snapshot,
          stepCount: steps.length,
          step: outcome.step,
          responseId: outcome.response?.id ?? form.rid,
          versionId: outcome.versionId,
          values,
          fieldErrors: outcome.fieldErrors,
          resumed: false,
          started: !!outcome.response,
          segments: link.segment === null ? study.segments : [],
        }),
        422,
      );
    }
  }
}
