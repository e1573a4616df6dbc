import Link from "next/link";
import { headers } from "next/headers";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { findPublicLink } from "@/db/queries/links";
import { countSubmittedResponses, listVersionsWithAuthor, loadDraft } from "@/db/queries/studies";
import { can } from "@/lib/auth/roles";
import { industries } from "@/lib/questions/bank";
import { frameworks } from "@/lib/questions/frameworks";
import { publishProblems, type PublishProblem } from "@/lib/studies/publish-rules";
import { sameSnapshot, snapshotOf } from "@/lib/studies/publish";
import { studyFramework } from "@/lib/studies/regenerate";
import { archiveAction } from "../actions";
import { textIn } from "@/lib/i18n/localized-text";
import { languageName } from "@/lib/i18n/locales";
import { StudyTabs } from "@/ui/study/study-tabs";
import { VersionStatus } from "@/ui/study/version-status";
import { loadStudy } from "@/lib/studies/load-study";
import { absoluteUrl } from "@/lib/http/public-origin";
import { CopyButton } from "@/ui/forms/copy-button";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { study } = await loadStudy(params);
  return { title: study.name };
}

const weightCodes: PublishProblem["code"][] = ["weightsSum", "weightInvalid"];
const itemCodes: PublishProblem["code"][] = ["tooFewItems", "tooManyItems", "noCriteria", "tooManyCriteria"];
const textCodes: PublishProblem["code"][] = ["itemTextMissing", "criterionNameMissing"];

export default async function StudyOverviewPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("study.overview");
  const ts = await getTranslations("study");
  const ti = await getTranslations("import");
  const format = await getFormatter();
  const locale = await getLocale();
  const canWrite = can(user.role, "write");
  const db = getDb();
  const [draft, versions, publicLink, responses] = await Promise.all([
    loadDraft(db, study.id),
    listVersionsWithAuthor(db, study.id),
    findPublicLink(db, study.id),
    countSubmittedResponses(db, study.id),
  ]);
  const latest = versions[0];
  const unchanged = latest ? sameSnapshot(latest.snapshot, snapshotOf(study, draft)) : false;
  const problems = publishProblems({ languages: study.languages, criteria: draft });
  const has = (codes: PublishProblem["code"][]) => problems.some((p) => codes.includes(p.code));
  const link = latest ? publicLink : undefined;
  const saved = (await searchParams).saved === "1";
  const itemCount = draft.reduce((n, c) => n + c.items.length, 0);
  const base = `/studies/${study.id}`;

  const steps: { key: string; done: boolean | null; href: string }[] = [
    { key: "weights", done: !has(weightCodes), href: `${base}/design#weights` },
    { key: "questions", done: !has(itemCodes), href: `${base}/design#questions` },
    { key: "translations", done: !has(textCodes), href: `${base}/design#questions` },
    // Looking is never "done": the step stays a plain suggestion.
    { key: "preview", done: null, href: `${base}/preview` },
    { key: "publish", done: Boolean(latest) && unchanged, href: `${base}/design#publish` },
    ...(canWrite ? [{ key: "share", done: responses > 0, href: `${base}/distribute` }] : []),
  ];

  return (
    <>
      <StudyTabs study={study} current="overview" role={user.role} />
      <div className="page-head">
        <div>
          <h1>{study.name}</h1>
          <p>
            {study.provider} · {textIn(industries.find((i) => i.key === study.industry)?.name, locale) || study.industry}
          </p>
        </div>
        <div className="actions">
          <Link className="button secondary" href={`${base}/preview`}>
            {ts("design.preview")}
          </Link>
          {canWrite && (
            <>
              <Link className="button secondary" href={`${base}/edit`}>
                {t("editSettings")}
              </Link>
              {latest && (
                <Link className="button secondary" href={`${base}/import`}>
                  {ti("link")}
                </Link>
              )}
              {/* A demo is removed (the banner above has the button), not archived. */}
              {!study.isDemo && (
                <form action={archiveAction}>
                  <input type="hidden" name="studyId" value={study.id} />
                  <input type="hidden" name="archived" value={study.archivedAt === null ? "1" : "0"} />
                  <button type="submit" className="button secondary">
                    {study.archivedAt === null ? t("archive") : t("unarchive")}
                  </button>
                </form>
              )}
            </>
          )}
        </div>
      </div>
      {saved && <div className="alert ok">{t("saved")}</div>}
      {study.archivedAt !== null && (
        <div className="alert warn">{t("archivedNotice", { when: format.dateTime(new Date(study.archivedAt), { dateStyle: "medium" }) })}</div>
      )}
      <VersionStatus latest={latest} unchanged={unchanged} />

      <div className="grid cols-2 overview-grid">
        <section className="card" aria-labelledby="next-heading">
          <h2 id="next-heading">{t("nextSteps")}</h2>
          <ol className="checklist">
            {steps.map((step) => (
              <li key={step.key} className={step.done === null ? "optional" : step.done ? "done" : "todo"}>
                <span className="check" aria-hidden="true">
                  {step.done ? "✓" : ""}
                </span>
                <span>
                  <Link href={step.href}>{t(`steps.${step.key}`)}</Link>
                  {step.done !== null && <span className="visually-hidden"> — {step.done ? t("stepDone") : t("stepTodo")}</span>}
                  <span className="muted small">{t(`steps.${step.key}Hint`)}</span>
                </span>
              </li>
            ))}
          </ol>
        </section>

        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">{t("settings")}</h2>
          <dl className="summary-list">
            <dt>{t("fields.provider")}</dt>
            <dd>{study.provider}</dd>
            <dt>{t("fields.framework")}</dt>
            <dd>{textIn(frameworks[studyFramework(study)].name, locale)}</dd>
            <dt>{t("fields.criteria")}</dt>
            <dd>{t("criteriaCount", { criteria: draft.length, items: itemCount })}</dd>
            <dt>{t("fields.languages")}</dt>
            <dd>{study.languages.map(languageName).join(" · ")}</dd>
            <dt>{t("fields.scale")}</dt>
            <dd>{t("scaleValue", { scale: study.scale })}</dd>
            <dt>{t("fields.importance")}</dt>
            <dd>{study.askImportance ? t("importanceYes") : t("importanceNo")}</dd>
            <dt>{t("fields.segments")}</dt>
            <dd>{study.segments.length > 0 ? study.segments.join(" · ") : <span className="muted">{t("noSegments")}</span>}</dd>
            <dt>{t("fields.responses")}</dt>
            <dd>{format.number(responses)}</dd>
            {link && (
              <>
                <dt>{t("fields.surveyLink")}</dt>
                <dd className="survey-link">
                  {/* In full, on the origin the Distribute page and QR codes use, so it can be copied and sent. */}
                  <a href={`/s/${link.token}`} data-testid="overview-survey-link">
                    <code>{absoluteUrl(`/s/${link.token}`, await headers())}</code>
                  </a>{" "}
                  <CopyButton text={absoluteUrl(`/s/${link.token}`, await headers())} />
                </dd>
              </>
            )}
            <dt>{t("fields.created")}</dt>
            <dd>{format.dateTime(new Date(study.createdAt), { dateStyle: "medium" })}</dd>
          </dl>
        </section>
      </div>

      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t("versions")}</h2>
        {versions.length === 0 ? (
          <p className="muted">{t("noVersions")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("columns.version")}</th>
                  <th scope="col">{t("columns.published")}</th>
                  <th scope="col">{t("columns.by")}</th>
                  <th scope="col" className="num">
                    {t("columns.criteria")}
                  </th>
                  <th scope="col" className="num">
                    {t("columns.questions")}
                  </th>
                  <th scope="col">{t("columns.languages")}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((version) => (
                  <tr key={version.id}>
                    <td>
                      <strong>{t("versionLabel", { version: version.number })}</strong>
                      {version === latest && <span className="badge published live-badge">{t("live")}</span>}
                    </td>
                    <td>{format.dateTime(new Date(version.publishedAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                    <td>{version.publishedByEmail ?? t("viaApi")}</td>
                    <td className="num">{version.snapshot.criteria.length}</td>
                    <td className="num">{version.snapshot.criteria.reduce((n, c) => n + c.items.length, 0)}</td>
                    <td>{version.snapshot.languages.map(languageName).join(" · ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
