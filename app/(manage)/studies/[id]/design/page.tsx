import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listVersionsWithAuthor, loadDraft } from "@/db/queries/studies";
import { can } from "@/lib/auth/roles";
import { findCriterion } from "@/lib/questions/frameworks";
import { maxCriteria } from "@/lib/studies/limits";
import { publishProblems } from "@/lib/studies/publish-rules";
import { sameSnapshot, snapshotOf } from "@/lib/studies/publish";
import { studyFramework } from "@/lib/studies/regenerate";
import { AddCriterionForm } from "@/ui/study/add-forms";
import { CountBadge, CriterionCard } from "@/ui/study/criterion-card";
import { criterionLabels } from "@/ui/study/criterion-labels";
import { fmtPoints } from "@/lib/format";
import { describeProblems } from "@/ui/study/problem-list";
import { PublishPanel } from "@/ui/study/publish-panel";
import { RegenerateButton } from "@/ui/study/regenerate-button";
import { StudyTabs } from "@/ui/study/study-tabs";
import { VersionStatus } from "@/ui/study/version-status";
import { WeightsEditor } from "@/ui/study/weights-editor";
import { DesignFormsProvider, UnsavedWeightsNote } from "@/ui/study/design-forms";
import { loadStudy } from "@/lib/studies/load-study";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { study } = await loadStudy(params);
  const t = await getTranslations("study.design");
  return { title: `${t("title")} · ${study.name}` };
}

export default async function DesignPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const editable = can(user.role, "write");
  const t = await getTranslations("study");
  const locale = await getLocale();
  const [draft, [latest]] = await Promise.all([loadDraft(getDb(), study.id), listVersionsWithAuthor(getDb(), study.id)]);
  const unchanged = latest ? sameSnapshot(latest.snapshot, snapshotOf(study, draft)) : false;
  const labels = new Map(draft.map((c) => [c.id, criterionLabels(study, c, locale)]));
  const problems = await describeProblems(publishProblems({ languages: study.languages, criteria: draft }), draft, (c) => labels.get(c.id)!.name);
  const framework = studyFramework(study);
  const created = (await searchParams).created === "1";

  const layout = (
    <div className="design-layout">
      <div className="design-main">
        <section className="card" id="weights" aria-labelledby="weights-heading">
          <h2 id="weights-heading">{t("weights.title")}</h2>
          <p className="muted small">{t("weights.intro")}</p>
          {editable ? (
            <WeightsEditor studyId={study.id} rows={draft.map((c) => ({ id: c.id, weight: c.weight, ...labels.get(c.id)! }))} />
          ) : (
            <ol className="weight-rows">
              {draft.map((c) => (
                <li key={c.id} className="weight-row">
                  <div className="weight-text">
                    <span className="weight-name">{labels.get(c.id)!.name}</span>
                    <p className="muted small">{labels.get(c.id)!.definition}</p>
                  </div>
                  <div className="weight-input">
                    <strong>{t("weights.pointsBadge", { points: fmtPoints(c.weight) })}</strong>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section id="questions" aria-labelledby="questions-heading">
          <div className="section-head">
            <div>
              <h2 id="questions-heading">{t("items.title")}</h2>
              <p className="muted small">{t("items.intro")}</p>
            </div>
            {editable && <RegenerateButton studyId={study.id} label={t("items.regenerateAll")} />}
          </div>
          {draft.map((criterion, index) => (
            <CriterionCard
              key={criterion.id}
              studyId={study.id}
              criterion={criterion}
              index={index}
              total={draft.length}
              name={labels.get(criterion.id)!.name}
              definition={labels.get(criterion.id)!.definition}
              languages={study.languages}
              otherCriteria={draft.filter((c) => c.id !== criterion.id).map((c) => ({ id: c.id, name: labels.get(c.id)!.name }))}
              fromPreset={findCriterion(framework, criterion.key) !== undefined}
              editable={editable}
            />
          ))}
          {editable && (
            <section className="card" aria-labelledby="add-criterion-heading">
              <h3 id="add-criterion-heading">{t("criteria.addTitle")}</h3>
              {draft.length < maxCriteria ? (
                <>
                  <p className="muted small">{t("criteria.addHint")}</p>
                  <AddCriterionForm studyId={study.id} languages={study.languages} />
                </>
              ) : (
                <p className="muted">{t("criteria.maxReached", { max: maxCriteria })}</p>
              )}
            </section>
          )}
        </section>
      </div>

      <aside className="design-side">
        {editable ? (
          <PublishPanel studyId={study.id} problems={problems} nextVersion={(latest?.number ?? 0) + 1} unchanged={unchanged} />
        ) : (
          <section className="card publish-panel" aria-labelledby="publish-heading">
            <h2 id="publish-heading">{t("publish.title")}</h2>
            {problems.length > 0 ? (
              <ul className="problem-list">
                {problems.map((p, i) => (
                  <li key={i}>{p.text}</li>
                ))}
              </ul>
            ) : (
              <p className="ready small">✓ {t("publish.ready")}</p>
            )}
            <p className="muted small">{t("publish.readOnly")}</p>
          </section>
        )}
        <nav className="card jump-nav" aria-label={t("design.jumpNav")}>
          <h2 className="small-heading">{t("design.jumpNav")}</h2>
          <ol>
            <li>
              <a href="#weights">{t("weights.title")}</a>
            </li>
            {draft.map((c) => (
              <li key={c.id}>
                <span className="jump-item">
                  <a href={`#criterion-${c.id}`}>{labels.get(c.id)!.name}</a> <CountBadge count={c.items.length} />
                </span>
              </li>
            ))}
          </ol>
        </nav>
      </aside>
    </div>
  );

  return (
    <>
      <StudyTabs study={study} current="design" role={user.role} />
      <PageHead title={t("design.title")} intro={editable ? t("design.intro", { provider: study.provider }) : t("design.readOnlyIntro")}>
        <div className="actions">
          <Link className="button secondary" href={`/studies/${study.id}/preview`}>
            {t("design.preview")}
          </Link>
          {/* On narrow screens the publish panel sits below every criterion. */}
          <a className="button secondary narrow-only" href="#publish">
            {t("design.toPublish", { count: problems.length })}
          </a>
        </div>
      </PageHead>
      {created && <div className="alert ok">{t("design.created")}</div>}
      <VersionStatus latest={latest} unchanged={unchanged} />
      {study.archivedAt !== null && <div className="alert warn">{t("design.archived")}</div>}
      {editable ? (
        <DesignFormsProvider rows={draft.map((c) => ({ id: c.id, weight: c.weight }))}>
          <UnsavedWeightsNote text={t("status.unsavedWeights")} />
          {layout}
        </DesignFormsProvider>
      ) : (
        layout
      )}
    </>
  );
}
