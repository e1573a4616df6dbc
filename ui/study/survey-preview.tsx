import { getTranslations } from "next-intl/server";
import type { VersionSnapshot } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { surveySteps } from "@/lib/survey/steps";
import { emptyValues } from "@/lib/survey/step-values";
import { html, raw } from "@/ui/survey/html";
import { surveyFragment } from "@/ui/survey/page-shell";
import { renderStep } from "@/ui/survey/step-views";
import { scopedSurveyCss } from "@/ui/survey/survey-css";
import { surveyTranslator } from "@/ui/survey/translator";
import { providerIn } from "@/lib/i18n/localized-text";

const scope = ".sv-preview";
// Built once: the survey's own stylesheet, confined to the preview.
const css = scopedSurveyCss(scope);

/**
 * The draft as customers will get it: the survey's own page renderer
 * (ui/survey/step-views.ts), top bar and stylesheet, every page one below the
 * other — not a look-alike that could drift from it. Nothing is sent.
 */
export async function SurveyPreview({
  snapshot,
  locale,
  languages,
  segments,
  consent = false,
}: {
  snapshot: VersionSnapshot;
  /** The study asks "May we contact you about your answers?" as its last page. */
  consent?: boolean;
  /** The study's segments: a public link without one asks for it on the first page. */
  segments: readonly string[];
  locale: Locale;
  /** The study's languages and the preview page in each. */
  languages: { locale: Locale; href: string }[];
}) {
  const tp = await getTranslations("study.preview");
  const t = surveyTranslator(locale);
  const steps = surveySteps(snapshot, { consent });
  const pages = steps.map((step) => {
    const body = renderStep({
      t,
      locale,
      token: "preview",
      provider: providerIn(locale, snapshot.provider, snapshot.providerNames),
      snapshot,
      stepCount: steps.length,
      step,
      responseId: "preview",
      versionId: "preview",
      values: emptyValues(),
      fieldErrors: {},
      resumed: false,
      started: false,
      segments,
      preview: true,
    });
    // The survey's own progress line names each question page; the welcome page has none, so it is named here.
    const label = step.kind === "intro" ? html`<p class="sv-preview-page-label">${tp("welcome")}</p>` : null;
    return html`<div class="sv-preview-page">${label}${body}</div>`;
  });
  const fragment = surveyFragment(
    { locale, t, title: "", provider: providerIn(locale, snapshot.provider, snapshot.providerNames), languages },
    raw(pages.map(String).join("")),
  );
  return (
    <>
      <style>{css}</style>
      <div className="sv-preview" lang={locale} data-testid="survey-preview" dangerouslySetInnerHTML={{ __html: fragment }} />
    </>
  );
}
