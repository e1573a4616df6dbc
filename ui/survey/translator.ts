import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";

/** The "survey" messages in the customer's language (explicit: not the manager's locale cookie). */
export function surveyTranslator(locale: Locale) {
  const messages = loadMessages(locale) as Parameters<typeof createTranslator>[0]["messages"];
  return createTranslator({ locale, messages, namespace: "survey" });
}

export type SurveyT = ReturnType<typeof surveyTranslator>;
