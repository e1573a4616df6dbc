import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { mailReadiness } from "@/lib/mail/settings";
import { ForgotPasswordForm } from "@/ui/account/forgot-password-form";
import { PageHead } from "@/ui/layout/page-head";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("account");
  return { title: t("forgot.title") };
}

/** "Forgot password?": the form when this installation can send mail, else who can help instead. */
export default async function ForgotPasswordPage() {
  const t = await getTranslations("account");
  if (!mailReadiness().ready) {
    return (
      <>
        <PageHead title={t("forgot.mailOffTitle")} />
        <div className="card">
          <p>{t("forgot.mailOff")}</p>
          <Link href="/sign-in" className="button secondary">
            {t("forgot.backToSignIn")}
          </Link>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHead title={t("forgot.title")} intro={t("forgot.intro")} />
      <div className="card">
        <ForgotPasswordForm />
      </div>
    </>
  );
}
