import { getLocale, getTranslations } from "next-intl/server";
import { localeNames, locales, type Locale } from "@/lib/i18n/locales";

/** A plain form: switching language works with JavaScript off. */
export async function LanguageSwitch({ allowed = locales }: { allowed?: readonly Locale[] }) {
  const current = await getLocale();
  const t = await getTranslations("common");
  if (allowed.length < 2) return null;
  return (
    <form action="/locale" method="post" className="lang-switch" aria-label={t("language")}>
      {allowed.map((locale) => (
        <button key={locale} type="submit" name="locale" value={locale} aria-pressed={current === locale} lang={locale}>
          {localeNames[locale]}
        </button>
      ))}
    </form>
  );
}
