import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/current-user";
import { studyFormOptions } from "@/ui/study/form-options";
import { StudyForm } from "@/ui/study/study-form";
import { PageHead } from "@/ui/layout/page-head";

export async function generateMetadata() {
  const t = await getTranslations("study.form");
  return { title: t("newTitle") };
}

export default async function NewStudyPage() {
  await requirePermission("write");
  const t = await getTranslations("study.form");
  const locale = await getLocale();
  const options = studyFormOptions(locale, (key) => t(`frameworkHint.${key}`));
  return (
    <>
      <div className="crumbs">
        <Link href="/studies">{t("allStudies")}</Link>
      </div>
      <PageHead title={t("newTitle")} intro={t("newIntro")} />
      <div className="card form-card">
        <StudyForm industries={options.industries} frameworks={options.frameworks} />
      </div>
    </>
  );
}
