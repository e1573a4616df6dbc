import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, localeCookie, matchAcceptLanguage } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import { getCurrentUser } from "@/lib/auth/current-user";
import { defaultTimeZone } from "@/lib/time-zone";

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
  // Dates show in the signed-in workspace's time zone; UTC for everyone else.
  const timeZone = (await getCurrentUser())?.timeZone ?? defaultTimeZone;
  return { locale, messages: loadMessages(locale), timeZone };
});
