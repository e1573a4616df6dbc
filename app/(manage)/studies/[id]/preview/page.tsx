import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { loadDraft } from "@/db/queries/studies";
import { snapshotOf } from "@/lib/studies/publish";
import { surveyLanguages } from "@/lib/survey/language";
import { SurveyPreview } from "@/ui/study/survey-preview";
import { languageName } from "@/lib/i18n/locales";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("study.preview");
  return { title: t("title") };
}

export default async function PreviewPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("study.preview");
  const requested = (await searchParams).lang;
  const languages = surveyLanguages(study.languages);
  const language = languages.find((l) => l === requested) ?? languages[0];
  const draft = await loadDraft(getDb(), study.id);
  return (
    <>
      <StudyTabs study={study} current="design" role={user.role} />
      <PageHead title={t("title")} intro={t("intro")}>
        <div className="actions">
          <Link className="button secondary" href={`/studies/${study.id}/design`}>
            {t("back")}
          </Link>
        </div>
      </PageHead>
      <div className="preview-frame">
        <div className="preview-label" aria-hidden="true">
          {t("frameLabel", { language: languageName(language) })} · {t("notSent")}
        </div>
        {/* The survey's own pages, as a version published now would show them (the language switch is the survey's own). */}
        <SurveyPreview
          snapshot={snapshotOf(study, draft)}
          locale={language}
          segments={study.segments}
          consent={study.consentStep}
          languages={languages.map((l) => ({ locale: l, href: `/studies/${study.id}/preview?lang=${encodeURIComponent(l)}` }))}
        />
      </div>
    </>
  );
}
