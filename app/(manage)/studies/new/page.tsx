import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/current-user";
import { studyFormOptions } from "@/ui/study/form-options";
import { StudyForm } from "@/ui/study/study-form";

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
      <div className="page-head">
        <div>
          <h1>{t("newTitle")}</h1>
          <p>{t("newIntro")}</p>
        </div>
      </div>
      <div className="card form-card">
        <StudyForm industries={options.industries} frameworks={options.frameworks} />
      </div>
    </>
  );
}
