import { z } from "zod";
import { isLocale, locales, type Locale } from "./locales";

// The one home of texts in several languages: their types, their schemas,
// and how a text is picked for a reader. Pure, so the CLI, tests and the
// database schema can import it.

export { locales, type Locale };

/** A text as stored for a study: some languages may be missing (a manager is still translating). */
export type LocalizedText = Partial<Record<Locale, string>>;

/** A text in every product language: what the built-in item bank must provide. */
export type CompleteLocalizedText = Record<Locale, string>;

/** The only placeholder bank texts may use; filled with the provider's name. */
export const providerPlaceholder = "{provider}";

/** The longest text a manager may write for one language. */
export const maxTextLength = 500;

function perLocale<T extends z.ZodType>(value: T) {
  return z.strictObject(Object.fromEntries(locales.map((locale) => [locale, value])) as Record<Locale, T>);
}

function isPresent(value: string | undefined): value is string {
  return value !== undefined && /\S/.test(value);
}

/**
 * A study text as typed by a manager or an API client: each language trimmed,
 * blank languages dropped (publishing checks that every study language is there).
 */
export const localizedTextSchema = perLocale(z.string().trim().max(maxTextLength, "tooLong").optional()).transform((text): LocalizedText =>
  Object.fromEntries(Object.entries(text).filter(([, value]) => isPresent(value))),
);

/** A bank text: every language present, none blank (a blank one would publish an empty question). */
export const completeLocalizedTextSchema = perLocale(z.string().regex(/\S/, "must not be blank"));

/**
 * The text for a reader of `locale`: that language, else the first of
 * `fallbacks` that has a text (usually the study's languages, in order),
 * else any language that has one, else "". Blank texts count as missing.
 */
export function textIn(text: LocalizedText | undefined, locale: string, fallbacks: readonly string[] = []): string {
  if (!text) return "";
  for (const language of [locale, ...fallbacks].filter(isLocale)) {
    const value = text[language];
    if (isPresent(value)) return value;
  }
  return Object.values(text).find(isPresent) ?? "";
}

/**
 * Replaces every `{provider}` with the name. split/join rather than
 * String.replace so a name containing `$&` or `$1` is inserted literally.
 */
export function fillProvider(text: string, provider: string): string {
  return text.split(providerPlaceholder).join(provider);
}

/**
 * The languages of `text` that are in `languages` (others dropped, blank ones
 * too), with `{provider}` filled in when a provider is given.
 */
export function pickLanguages(text: LocalizedText, languages: readonly Locale[], provider?: string): LocalizedText {
  const out: LocalizedText = {};
  for (const locale of languages) {
    const value = text[locale];
    if (isPresent(value)) out[locale] = provider === undefined ? value : fillProvider(value, provider);
  }
  return out;
}
