import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { countUsers } from "@/db/queries/accounts";
import { SetupForm } from "@/ui/auth/setup-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("setup.title") };
}

export default async function SetupPage() {
  // First run only: once anyone exists, set-up is closed.
  if ((await countUsers(getDb())) > 0) redirect("/sign-in?setup=done");
  const t = await getTranslations("auth");
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("setup.title")}</h1>
          <p className="lead" data-testid="setup-purpose">
            {t("setup.purpose")}
          </p>
          <p>{t("setup.intro")}</p>
        </div>
      </div>
      <div className="card">
        <SetupForm />
      </div>
    </>
  );
}
