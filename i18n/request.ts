import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, localeCookie, matchAcceptLanguage } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

// No locale in the URL: a locale asked for explicitly (getTranslations({ locale })
// on a page that speaks its respondent's language, such as the internal
// survey), else the user's choice (cookie), else the browser's
// Accept-Language, else English. Works with JavaScript off.
export default getRequestConfig(async ({ locale: explicit }) => {
  const chosen = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(explicit)
    ? explicit
    : isLocale(chosen)
      ? chosen
      : (matchAcceptLanguage((await headers()).get("accept-language")) ?? defaultLocale);
  return { locale, messages: loadMessages(locale), timeZone: "UTC" };
});
