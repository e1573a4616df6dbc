import { z } from "zod";
import { locales, localeFromTag, type Locale } from "@/lib/i18n/locales";

// A contact of the workspace: a person who may be invited by email from a
// study's Distribute page. One schema for the API, the forms and the CSV
// import; messages are the codes of messages/<locale>/errors.json.

/** The longest value each field may hold (characters, after trimming). */
export const contactLimits = { email: 254, name: 200, phone: 50, segment: 100, externalId: 200 } as const;

/** What one import or API call may carry. */
export const contactsPerRequest = 10_000;

export const contactFields = ["email", "name", "phone", "language", "segment", "externalId"] as const;
export type ContactField = (typeof contactFields)[number];

// PostgreSQL cannot store a NUL in text (SQLite can): refused the same on both.
const noNul = (value: string) => !value.includes("\u0000");

const text = (max: number) => z.string().trim().max(max, "tooLong").refine(noNul, "invalid");

/** Emails are compared, stored and upserted in this form. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export const contactEmailSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(contactLimits.email, "tooLong")
  .refine(noNul, "invalid")
  .pipe(z.email("invalidEmail"))
  .transform(normalizeEmail);

/** A language as the API and the forms send it: one of the three locales, or empty/null for none. */
export const contactLanguageSchema = z
  .union([z.enum(locales, "unknownLanguage"), z.literal(""), z.null()], "unknownLanguage")
  .transform((v): Locale | null => (v === "" ? null : v));

/**
 * One contact as the API sends it: the email is the key, every other field
 * is optional. A field left out keeps what is stored; a field sent as ""
 * (or a null language) clears it.
 */
export const contactSchema = z.strictObject({
  email: contactEmailSchema,
  name: text(contactLimits.name).optional(),
  phone: text(contactLimits.phone).optional(),
  language: contactLanguageSchema.optional(),
  segment: text(contactLimits.segment).optional(),
  externalId: text(contactLimits.externalId).optional(),
});

export type ContactInput = z.output<typeof contactSchema>;

/** The add and edit forms: every field present (an empty one clears it). */
export const contactFormSchema = z.object({
  email: contactEmailSchema,
  name: text(contactLimits.name).default(""),
  phone: text(contactLimits.phone).default(""),
  language: z
    .union([z.enum(locales), z.literal("")], "unknownLanguage")
    .default("")
    .transform((v): Locale | null => (v === "" ? null : v)),
  segment: text(contactLimits.segment).default(""),
  externalId: text(contactLimits.externalId).default(""),
});

export const contactsEnvelopeSchema = z.strictObject({
  contacts: z.array(contactSchema).min(1, "Send at least one contact.").max(contactsPerRequest, "At most 10,000 contacts per request."),
});

// How a spreadsheet may spell a language: the locale codes, BCP 47 tags
// (zh-TW, zh-CN, en-GB…) and the languages' own or English names.
const languageNames: Record<string, Locale> = {
  english: "en",
  英文: "en",
  英語: "en",
  英语: "en",
  繁體中文: "zh-Hant",
  繁体中文: "zh-Hant",
  繁體: "zh-Hant",
  繁体: "zh-Hant",
  繁中: "zh-Hant",
  正體中文: "zh-Hant",
  "traditional chinese": "zh-Hant",
  简体中文: "zh-Hans",
  簡體中文: "zh-Hans",
  简体: "zh-Hans",
  簡體: "zh-Hans",
  简中: "zh-Hans",
  簡中: "zh-Hans",
  "simplified chinese": "zh-Hans",
};

/**
 * The locale a file's language cell names: null for an empty cell,
 * undefined for one it cannot tell (a problem to report). "zh" alone is
 * read as Simplified, as browsers' Accept-Language is (lib/i18n/locales.ts).
 */
export function languageFromCell(cell: string): Locale | null | undefined {
  const value = cell.trim();
  if (!value) return null;
  const named = languageNames[value.toLowerCase().replace(/\s+/g, " ")];
  if (named) return named;
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value)) return undefined;
  return localeFromTag(value) ?? undefined;
}
