import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

// Mail text in the recipient's language, outside any request (the mailer
// and the campaign code run in jobs): messages/<locale>/mail.json.

export type MailText = (key: string, values?: Record<string, string | number>) => string;

export function mailTranslator(locale: Locale): MailText {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: "mail" });
  return (key, values) => (t as unknown as MailText)(key, values);
}
