import { z } from "zod";
import { locales, type Locale } from "@/lib/i18n/locales";

export { locales, type Locale };

/** A text in every product language; what the built-in bank must provide. */
export type LocalizedText = Record<Locale, string>;

/** A text as a manager may leave it after editing: some languages missing. */
export type PartialLocalizedText = Partial<LocalizedText>;

/** The only placeholder bank texts may use; filled with the provider's name. */
export const providerPlaceholder = "{provider}";

// Blank or whitespace-only text would publish an empty question.
const nonBlank = z.string().regex(/\S/, "must not be blank");

export const localizedTextSchema = z.strictObject({
  en: nonBlank,
  "zh-Hant": nonBlank,
  "zh-Hans": nonBlank,
});

export const partialLocalizedTextSchema = z.strictObject({
  en: nonBlank.optional(),
  "zh-Hant": nonBlank.optional(),
  "zh-Hans": nonBlank.optional(),
});

/**
 * Replaces every `{provider}` with the name. split/join rather than
 * String.replace so a name containing `$&` or `$1` is inserted literally.
 */
export function fillProvider(text: string, provider: string): string {
  return text.split(providerPlaceholder).join(provider);
}

/** The requested languages of `text`, with the provider filled in. */
export function pickLanguages(
  text: PartialLocalizedText,
  languages: readonly Locale[],
  provider: string,
): PartialLocalizedText {
  const out: PartialLocalizedText = {};
  for (const locale of languages) {
    const value = text[locale];
    if (value !== undefined) out[locale] = fillProvider(value, provider);
  }
  return out;
}
