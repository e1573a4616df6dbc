import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/locales";
import { fillProvider, providerPlaceholder } from "@/lib/i18n/localized-text";

// A value no message contains: where the provider's name goes, so it can be
// set in with fillProvider's spacing ("您在 Harbour Hotel 的體驗", "您在海港飯店的體驗").
const slot = "\uE000provider\uE000";

/** The "survey" messages in the customer's language (explicit: not the manager's locale cookie). */
export function surveyTranslator(locale: Locale) {
  const messages = loadMessages(locale) as Parameters<typeof createTranslator>[0]["messages"];
  const t = createTranslator({ locale, messages, namespace: "survey" });
  if (!locale.startsWith("zh")) return t;
  const spaced = ((key: Parameters<typeof t>[0], values?: Parameters<typeof t>[1], formats?: Parameters<typeof t>[2]) => {
    const provider = values?.provider;
    if (typeof provider !== "string") return t(key, values, formats);
    const text = t(key, { ...values, provider: slot }, formats);
    return fillProvider(text.split(slot).join(providerPlaceholder), provider, locale);
  }) as typeof t;
  return Object.assign(spaced, { rich: t.rich, markup: t.markup, raw: t.raw, has: t.has });
}

export type SurveyT = ReturnType<typeof surveyTranslator>;
