import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

// Mail text in the recipient's language, outside any request (the mailer
// and the campaign code run in jobs): messages/<locale>/mail.json. One
// translator per language for the life of the process: a campaign renders
// thousands of mails (edits to the texts show after a restart).

export type MailText = (key: string, values?: Record<string, string | number>) => string;

const translators = new Map<Locale, MailText>();

export function mailTranslator(locale: Locale): MailText {
  let text = translators.get(locale);
  if (!text) {
    const t = createTranslator({ locale, messages: loadMessages(locale), namespace: "mail" });
    text = (key, values) => (t as unknown as MailText)(key, values);
    translators.set(locale, text);
  }
  return text;
}
