import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { countUsers } from "@/db/queries/accounts";
import { getCurrentUser } from "@/lib/auth/current-user";
import { SignInForm } from "@/ui/auth/sign-in-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("signIn.title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if ((await countUsers(getDb())) === 0) redirect("/setup");
  if (await getCurrentUser()) redirect("/studies");
  const params = await searchParams;
  const t = await getTranslations("auth");
  const ta = await getTranslations("account");
  const next = typeof params.next === "string" ? params.next : undefined;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("signIn.title")}</h1>
        </div>
      </div>
      {params.setup === "done" && <div className="alert info">{t("setup.alreadyDone")}</div>}
      {params.reset === "done" && <div className="alert ok">{ta("reset.done")}</div>}
      <div className="card">
        <SignInForm next={next} />
        <p className="small" style={{ margin: "1rem 0 0" }}>
          <Link href="/forgot-password">{ta("forgot.link")}</Link>
        </p>
      </div>
    </>
  );
}
