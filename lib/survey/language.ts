import { defaultLocale, isLocale, locales, matchAcceptLanguage, type Locale } from "@/lib/i18n/locales";

/** The study's languages that the product can show, in the study's order. */
export function surveyLanguages(studyLanguages: readonly string[] | undefined): Locale[] {
  const allowed = (studyLanguages ?? []).filter(isLocale);
  return allowed.length > 0 ? allowed : [defaultLocale];
}

/**
 * The customer's language, among the study's: an explicit ?lang= choice,
 * then the language of their response in progress, then their earlier choice
 * (cookie), then the browser's Accept-Language, then the study's first.
 */
export function chooseSurveyLanguage(input: {
  query?: string | null;
  response?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
  languages?: readonly string[];
}): Locale {
  const allowed = input.languages ? surveyLanguages(input.languages) : [...locales];
  for (const candidate of [input.query, input.response, input.cookie]) {
    if (isLocale(candidate) && allowed.includes(candidate)) return candidate;
  }
  return matchAcceptLanguage(input.acceptLanguage, allowed) ?? allowed[0];
}
