export const locales = ["en", "zh-Hant", "zh-Hans"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const localeCookie = "locale";

export const localeNames: Record<Locale, string> = {
  en: "English",
  "zh-Hant": "繁體中文",
  "zh-Hans": "简体中文",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** A language's own name ("繁體中文"); an unknown tag as it is. */
export function languageName(language: string): string {
  return isLocale(language) ? localeNames[language] : language;
}

/** Maps a BCP 47 tag to one of our locales, or null. zh-TW/HK/MO → Traditional. */
export function localeFromTag(tag: string): Locale | null {
  const t = tag.trim().toLowerCase();
  if (!t) return null;
  if (t === "en" || t.startsWith("en-")) return "en";
  if (t.startsWith("zh-hant") || t === "zh-tw" || t === "zh-hk" || t === "zh-mo") return "zh-Hant";
  if (t === "zh" || t.startsWith("zh-")) return "zh-Hans";
  return null;
}

/**
 * Picks the best of `allowed` from an Accept-Language header by q-value
 * (next-intl's "best fit" matcher ignores q-values for some inputs).
 */
export function matchAcceptLanguage(header: string | null | undefined, allowed: readonly Locale[] = locales): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = localeFromTag(tag);
    if (locale && allowed.includes(locale)) return locale;
  }
  return null;
}

/** Request header (set by proxy.ts) naming the language of a page that speaks its respondent's language; read for <html lang>. */
export const pageLangHeader = "x-gapwise-page-lang";
