import { localeNames, type Locale } from "@/lib/i18n/locales";
import { enhanceScript } from "./enhance-script";
import { html, raw, type Html } from "./html";
import { surveyCss } from "./survey-css";
import type { SurveyT } from "./translator";

export type Shell = {
  locale: Locale;
  t: SurveyT;
  title: string;
  /** The provider's name in the top bar; none for an unknown link. */
  provider?: string;
  /** The study's languages and where each one leads (the same page in that language). */
  languages?: { locale: Locale; href: string }[];
  /** Pages with forms get the small enhancement script. */
  script?: boolean;
  /**
   * The id of the page's step form: the language switch then submits it
   * (buttons with a `form` attribute), so the answers on the page are kept.
   */
  switchForm?: string;
};

/** The survey's top bar (provider, language switch). */
function topBar(shell: Shell): Html {
  const { locale, t, languages = [] } = shell;
  const switcher =
    languages.length > 1
      ? html`<nav class="sv-lang" aria-label="${t("language")}">${languages.map((l) =>
          shell.switchForm && l.locale !== locale
            ? html`<button type="submit" form="${shell.switchForm}" name="switchLang" value="${l.locale}" lang="${l.locale}" formnovalidate>${localeNames[l.locale]}</button>`
            : html`<a href="${l.href}" lang="${l.locale}" hreflang="${l.locale}" aria-current="${l.locale === locale ? "true" : "false"}">${localeNames[l.locale]}</a>`,
        )}</nav>`
      : null;
  return html`<header class="sv-top"><div class="sv-bar"><span class="sv-provider">${shell.provider ?? ""}</span>${switcher}</div></header>`;
}

/** A whole survey page: no app chrome, inline CSS, no external scripts. */
export function surveyDocument(shell: Shell, body: Html): string {
  const { locale, t } = shell;
  return html`<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${shell.title}</title>
<style>${raw(surveyCss)}</style>
</head>
<body>
<a class="sv-skip" href="#main">${t("skipToContent")}</a>
${topBar(shell)}
<main class="sv-main" id="main" tabindex="-1">
${body}
</main>
${shell.script ? html`<script>${raw(enhanceScript)}</script>` : null}
</body>
</html>`.toString();
}

/**
 * The same page as a fragment, for the designer's preview inside the app:
 * the same top bar and steps, in a <div> (the app's page has its own <main>),
 * styled by scopedSurveyCss(".sv-preview").
 */
export function surveyFragment(shell: Shell, body: Html): string {
  return html`${topBar(shell)}<div class="sv-main">${body}</div>`.toString();
}
