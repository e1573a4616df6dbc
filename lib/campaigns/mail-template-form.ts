import type { MailTemplate } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

// A study's own wording of its invitation mail (studies.mail_template): the
// subject, the introduction and the button text, per study language. An
// empty field means the default text of messages/<locale>/mail.json
// (lib/campaigns/invitation-mail.ts falls back part by part).

export const mailTemplateParts = ["subject", "intro", "button"] as const;
export type MailTemplatePart = (typeof mailTemplateParts)[number];

/** The longest each part may be, in characters after trimming: a subject fits a mail list's line, a button stays a button. */
export const mailTemplateLimits: Record<MailTemplatePart, number> = { subject: 150, intro: 1000, button: 40 };

/** The form field of one part in one language, e.g. `subject.zh-Hant`. */
export const templateField = (part: MailTemplatePart, language: Locale) => `${part}.${language}`;

// Control characters other than line breaks: never typed, and a NUL is refused by PostgreSQL.
const control = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

export type MailTemplateForm = { ok: true; template: MailTemplate | null } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Reads the wording form for the study's languages into the template to
 * store. Wording saved for a language the study no longer has is kept (it
 * comes back if the language does); a part left empty everywhere is
 * dropped, and a template with nothing left is null.
 */
export function readMailTemplateForm(values: Record<string, unknown>, languages: readonly Locale[], saved: MailTemplate | null): MailTemplateForm {
  const fieldErrors: Record<string, string[]> = {};
  const template: MailTemplate = {};
  for (const part of mailTemplateParts) {
    const texts: Partial<Record<Locale, string>> = { ...(saved?.[part] ?? {}) };
    for (const language of languages) {
      const field = templateField(part, language);
      const raw = values[field] ?? "";
      const value = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : null;
      let problem: string | null = null;
      if (value === null || control.test(value)) problem = "invalid";
      else if (part !== "intro" && value.includes("\n")) problem = "singleLine";
      else if (value.length > mailTemplateLimits[part]) problem = "tooLong";
      if (problem) fieldErrors[field] = [problem];
      else if (value) texts[language] = value;
      else delete texts[language];
    }
    if (Object.keys(texts).length > 0) template[part] = texts;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, template: Object.keys(template).length > 0 ? template : null };
}
