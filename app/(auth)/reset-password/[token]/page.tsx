import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { resetLinkState } from "@/lib/accounts/password-reset";
import { resetTokenSchema } from "@/lib/validation/account";
import { ResetPasswordForm } from "@/ui/account/reset-password-form";
import { PageHead } from "@/ui/layout/page-head";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  // The token is in this page's address: links to other sites must not carry
  // it along. ("no-referrer" would also blank the Origin of the form's own
  // post, which the proxy then refuses as another site's.)
  return { title: t("reset.title"), referrer: "same-origin", robots: { index: false } };
}

/** The page a reset link opens: the new-password form, or why the link no longer works. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("account");
  const parsed = resetTokenSchema.safeParse(token);
  const link = parsed.success ? await resetLinkState(parsed.data) : { state: "unknown" as const };
  if (link.state !== "usable") {
    return (
      <>
        <PageHead title={t(`reset.${link.state}Title`)} />
        <div className="card">
          <p>{t(`reset.${link.state}`)}</p>
          <div className="actions">
            <Link href="/forgot-password" className="button">
              {t("reset.askAgain")}
            </Link>
            <Link href="/sign-in">{t("forgot.backToSignIn")}</Link>
          </div>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHead title={t("reset.title")} intro={t("reset.intro", { email: link.email ?? "" })} />
      <div className="card">
        <ResetPasswordForm token={token} />
      </div>
    </>
  );
}
