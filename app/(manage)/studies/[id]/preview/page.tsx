import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { loadDraft } from "@/db/queries/studies";
import { QuestionnairePreview } from "@/ui/study/questionnaire-preview";
import { isLocale, languageName } from "@/lib/i18n/locales";
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
  const language = typeof requested === "string" && isLocale(requested) && study.languages.includes(requested) ? requested : study.languages[0];
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
      {study.languages.length > 1 && (
        <nav className="segmented" aria-label={t("languages")}>
          {study.languages.map((l) => (
            <Link
              key={l}
              href={`/studies/${study.id}/preview?lang=${encodeURIComponent(l)}`}
              aria-current={l === language ? "page" : undefined}
              lang={l}
            >
              {languageName(l)}
            </Link>
          ))}
        </nav>
      )}
      <div className="preview-frame">
        <div className="preview-label" aria-hidden="true">
          {t("frameLabel", { language: languageName(language) })}
        </div>
        <QuestionnairePreview
          language={language}
          provider={study.provider}
          scale={study.scale}
          askImportance={study.askImportance}
          criteria={draft.map((c) => ({ id: c.id, name: c.name, items: c.items.map((i) => ({ id: i.id, text: i.text })) }))}
        />
      </div>
    </>
  );
}
