import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOut } from "@/app/(auth)/actions";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { LanguageSwitch } from "./language-switch";

export async function AppHeader({ user }: { user: CurrentUser | null }) {
  const t = await getTranslations("common");
  return (
    <header className="app-header">
      <div className="bar">
        <Link href={user ? "/studies" : "/"} className="brand">
          {t("appNameShort")}
          <span>·</span>
        </Link>
        {user && (
          <nav className="nav" aria-label={t("mainNav")}>
            <Link href="/studies">{t("nav.studies")}</Link>
            {can(user.role, "write") && <Link href="/contacts">{t("nav.contacts")}</Link>}
            {can(user.role, "write") && <Link href="/settings">{t("nav.settings")}</Link>}
          </nav>
        )}
        <div className="header-end">
          <LanguageSwitch />
          {user && (
            <>
              <Link href="/account" className="who" title={t("nav.account")}>
                {user.email} · {t(`roles.${user.role}`)}
              </Link>
              <form action={signOut}>
                <button type="submit" className="button secondary small">
                  {t("signOut")}
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
