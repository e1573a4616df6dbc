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

const han = /[\u3400-\u9fff\uf900-\ufaff]/u;
const latinEdge = /[\p{Script=Latin}\p{Nd}]/u;

/**
 * Replaces every `{provider}` with the name. split/join rather than
 * String.replace so a name containing `$&` or `$1` is inserted literally.
 * In Chinese (`locale` zh-*) a Latin name is set off from the Chinese
 * characters beside it by a space, as Taiwan's and the mainland's typesetting
 * both do ("Harbour Hotel 的員工", not "Harbour Hotel的員工"); a Chinese name
 * ("海港飯店的員工") or one beside punctuation gets none (docs/glossary.md).
 */
export function fillProvider(text: string, provider: string, locale?: string): string {
  const parts = text.split(providerPlaceholder);
  if (!locale?.startsWith("zh")) return parts.join(provider);
  let out = parts[0];
  for (const part of parts.slice(1)) {
    const lead = han.test(out.slice(-1)) && latinEdge.test(provider.slice(0, 1)) ? " " : "";
    const trail = han.test(part.slice(0, 1)) && latinEdge.test(provider.slice(-1)) ? " " : "";
    out += lead + provider + trail + part;
  }
  return out;
}

/**
 * The provider's name in `locale`: its own name in that language when the
 * study gives one ("海港飯店" for zh-Hant), else the main name. The one place
 * this choice is made (question texts, survey messages, mails, exports).
 */
export function providerIn(locale: string | undefined, provider: string, providerNames?: LocalizedText | null): string {
  const own = locale && providerNames ? providerNames[locale as Locale] : undefined;
  return own !== undefined && isPresent(own) ? own.trim() : provider;
}

/** A text already filled with provider `from`, filled with `to` instead (fillProvider's spacing redone). */
export function renameProviderIn(text: string, from: string, to: string, locale: string): string {
  if (!from || from === to) return text;
  const parts = text.split(from);
  if (parts.length === 1) return text;
  if (locale.startsWith("zh")) {
    for (let i = 0; i < parts.length; i++) {
      // The spaces fillProvider set between a Latin name and a Chinese character.
      if (i > 0 && latinEdge.test(from.slice(-1)) && parts[i].startsWith(" ") && han.test(parts[i].slice(1, 2))) parts[i] = parts[i].slice(1);
      if (i < parts.length - 1 && latinEdge.test(from.slice(0, 1)) && parts[i].endsWith(" ") && han.test(parts[i].slice(-2, -1)))
        parts[i] = parts[i].slice(0, -1);
    }
  }
  return fillProvider(parts.join(providerPlaceholder), to, locale);
}

/**
 * The languages of `text` that are in `languages` (others dropped, blank ones
 * too), with `{provider}` filled in when a provider is given (in each
 * language its own name from `providerNames` when there is one).
 */
export function pickLanguages(
  text: LocalizedText,
  languages: readonly Locale[],
  provider?: string,
  providerNames?: LocalizedText | null,
): LocalizedText {
  const out: LocalizedText = {};
  for (const locale of languages) {
    const value = text[locale];
    if (isPresent(value)) out[locale] = provider === undefined ? value : fillProvider(value, providerIn(locale, provider, providerNames), locale);
  }
  return out;
}
