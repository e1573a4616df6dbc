import { getLocale, getTranslations } from "next-intl/server";
import { frameworks } from "@/lib/questions/frameworks";
import { studyFramework } from "@/lib/studies/regenerate";
import { studyFormOptions } from "@/ui/study/form-options";
import { textIn } from "@/lib/i18n/localized-text";
import { StudyForm } from "@/ui/study/study-form";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata() {
  const t = await getTranslations("study.form");
  return { title: t("editTitle") };
}

export default async function EditStudyPage({ params }: Props) {
  const { user, study } = await loadStudy(params, "write");
  const t = await getTranslations("study.form");
  const locale = await getLocale();
  const options = studyFormOptions(locale, (key) => t(`frameworkHint.${key}`));
  return (
    <>
      <StudyTabs study={study} current="overview" role={user.role} />
      <PageHead title={t("editTitle")} intro={t("editIntro")} />
      <div className="card form-card">
        <StudyForm
          industries={options.industries}
          frameworks={options.frameworks}
          study={{
            id: study.id,
            name: study.name,
            provider: study.provider,
            providerNames: study.providerNames,
            industry: study.industry,
            languages: study.languages,
            scale: study.scale,
            askImportance: study.askImportance,
            segments: study.segments,
            frameworkName: textIn(frameworks[studyFramework(study)].name, locale),
          }}
        />
      </div>
    </>
  );
}
