import { localeNames, isLocale } from "@/lib/i18n/locales";

type Text = Partial<Record<string, string>>;

/** The text in the reader's language, else in the study's first language that has it, else any. */
export function localized(text: Text | undefined, locale: string, languages: readonly string[] = []): string {
  if (!text) return "";
  const order = [locale, ...languages, ...Object.keys(text)];
  for (const language of order) {
    const value = text[language];
    if (value && value.trim()) return value;
  }
  return "";
}

export function languageName(language: string): string {
  return isLocale(language) ? localeNames[language] : language;
}

/** Points shown as typed: at most two decimals, no trailing zeros. */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}
