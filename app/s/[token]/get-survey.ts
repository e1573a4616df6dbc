import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { workspaceTimeZone } from "@/db/queries/accounts";
import { findInProgressByLink, findResponse, listAnswers, listComments, type ResponseRow } from "@/db/queries/responses";
import { findVersion, latestVersion } from "@/db/queries/studies";
import { locales, type Locale } from "@/lib/i18n/locales";
import { chooseSurveyLanguage, surveyLanguages } from "@/lib/survey/language";
import { readCookies } from "@/lib/survey/read-form";
import { resolveLink } from "@/lib/survey/resolve-link";
import { languageCookie, parseResume, resumeCookie, resumeMatches } from "@/lib/survey/resume";
import { emptyValues, savedValues } from "@/lib/survey/step-values";
import { stepToShow, surveySteps } from "@/lib/survey/steps";
import { renderStep, stepFormId } from "@/ui/survey/step-views";
import { providerIn } from "@/lib/i18n/localized-text";
import { surveyTranslator } from "@/ui/survey/translator";
import { page, stateMessage, thanksMessage } from "./render";

// GET /s/<token>: the survey as this browser left it. Reads only — a visit
// (or a crawler) never writes a row; the response is created by the first
// step post, under the id embedded here.

export async function surveyGet(request: Request, token: string): Promise<Response> {
  const db = getDb();
  const now = Date.now();
  const url = new URL(request.url);
  const query = url.searchParams;
  const jar = readCookies(request.headers.get("cookie"));
  const acceptLanguage = request.headers.get("accept-language");
  const state = await resolveLink(db, token, now);
  const sameWithLang = (locale: Locale) => {
    const target = new URL(url);
    target.searchParams.set("lang", locale);
    return `${target.pathname}${target.search}`;
  };

  if (state.kind === "unknown") {
    const locale = chooseSurveyLanguage({ query: query.get("lang"), acceptLanguage });
    const t = surveyTranslator(locale);
    // No study to ask: every language the product speaks, so a customer can read why.
    const languages = locales.map((l) => ({ locale: l, href: sameWithLang(l) }));
    return page({ locale, t, title: t("state.unknownTitle"), languages }, stateMessage(t, locale, "unknown"), 404);
  }

  const { link, study } = state;
  const resume = parseResume(jar[resumeCookie]);
  const remembered = resume ? await findResponse(db, resume.responseId) : undefined;
  // Thanking needs only the id; continuing a response needs its secret too
  // (another device may have taken an invite over since).
  const submittedHere = remembered?.linkId === link.id && remembered.status === "submitted" ? remembered : undefined;
  let response: ResponseRow | undefined = remembered?.linkId === link.id && resumeMatches(resume, remembered) ? remembered : undefined;
  // An invite continues from any browser: the link itself is the key.
  if (!response && link.kind === "invite") response = await findInProgressByLink(db, link.id);
  const version = response
    ? await findVersion(db, study.id, response.versionId)
    : state.kind === "open"
      ? state.version
      : await latestVersion(db, study.id);
  const languages = surveyLanguages(version?.snapshot.languages ?? study.languages);
  const locale = chooseSurveyLanguage({
    query: query.get("lang"),
    response: response?.language,
    cookie: jar[languageCookie],
    acceptLanguage,
    languages,
  });
  // The provider as customers read it in this language ("海港飯店").
  const provider = providerIn(locale, study.provider, study.providerNames);
  const t = surveyTranslator(locale);
  const shell = {
    locale,
    t,
    title: t("pageTitle", { provider }),
    provider,
    languages: languages.map((l) => ({ locale: l, href: sameWithLang(l) })),
  };

  const requestedStep = /^\d{1,3}$/.test(query.get("step") ?? "") ? Number(query.get("step")) : null;
  // After a submit: the thank-you page, also on the back button or a reload.
  // A bare visit to a public link on the same device starts a new response
  // (a shared tablet in a shop serves many customers).
  if (query.has("thanks") || (submittedHere && (link.kind === "invite" || requestedStep !== null))) {
    return page(shell, thanksMessage(t, provider));
  }
  if (response?.status === "submitted") response = undefined;
  if (state.kind !== "open") {
    const zone = state.kind === "notYetOpen" ? await workspaceTimeZone(db, study.workspaceId) : undefined;
    return page(shell, stateMessage(t, locale, state.kind, { ...study, provider }, zone));
  }

  const segments = link.segment === null ? study.segments : [];
  if (!response || !version) {
    const steps = surveySteps(state.version.snapshot, { consent: study.consentStep });
    return page(
      { ...shell, script: true, switchForm: stepFormId },
      renderStep({
        t,
        locale,
        token,
        provider,
        snapshot: state.version.snapshot,
        stepCount: steps.length,
        step: steps[0],
        responseId: randomUUID(),
        versionId: state.version.id,
        values: emptyValues(),
        fieldErrors: {},
        resumed: false,
        started: false,
        segments,
      }),
    );
  }

  const steps = surveySteps(version.snapshot, { consent: study.consentStep });
  const step = steps[stepToShow(requestedStep, response.step, steps.length)];
  const [answers, comments] = await Promise.all([listAnswers(db, study.id, response.id), listComments(db, response.id)]);
  const values = savedValues({
    answers,
    comments,
    weights: response.customerWeights,
    segment: response.segment,
  });
  // The final check sends the customer back here when a step is incomplete.
  const fieldErrors: Record<string, string> = {};
  if (query.has("missing") && step.kind === "criterion") {
    for (const item of step.criterion.items) if (!values.answers[item.id]) fieldErrors[item.id] = "missing";
  }
  return page(
    { ...shell, script: true, switchForm: stepFormId },
    renderStep({
      t,
      locale,
      token,
      provider,
      snapshot: version.snapshot,
      stepCount: steps.length,
      step,
      responseId: response.id,
      versionId: version.id,
      values,
      fieldErrors,
      resumed: requestedStep === null && response.step > 0,
      started: true,
      segments,
    }),
  );
}
