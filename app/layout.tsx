import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { isLocale, pageLangHeader } from "@/lib/i18n/locales";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("appName"), template: `%s · ${t("appName")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // A page in its respondent's language (the staff survey) names it through the proxy.
  const pageLang = (await headers()).get(pageLangHeader);
  const locale = isLocale(pageLang) ? pageLang : await getLocale();
  return (
    <html lang={locale}>
      <body>{children}</body>
    </html>
  );
}
