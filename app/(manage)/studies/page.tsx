import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listDemoStudies } from "@/db/queries/demo";
import { listStudies } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { industries } from "@/lib/questions/bank";
import { ExploreDemoForm } from "@/ui/demo/demo-forms";
import { textIn } from "@/lib/i18n/localized-text";
import { languageName } from "@/lib/i18n/locales";
import { PageHead } from "@/ui/layout/page-head";

export async function generateMetadata() {
  const t = await getTranslations("study.list");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StudiesPage({ searchParams }: Props) {
  const user = await requirePermission("read");
  const t = await getTranslations("study.list");
  const td = await getTranslations("demo");
  const format = await getFormatter();
  const locale = await getLocale();
  const query = await searchParams;
  const showArchived = query.archived === "1";
  const db = getDb();
  const [active, archived, [demo]] = await Promise.all([
    listStudies(db, user.workspaceId),
    listStudies(db, user.workspaceId, { archived: true }),
    listDemoStudies(db, user.workspaceId),
  ]);
  const rows = showArchived ? archived : active;
  const canWrite = can(user.role, "write");
  const industryName = (key: string) => textIn(industries.find((i) => i.key === key)?.name, locale) || key;
  // After "Remove demo" or a failed "Explore a demo" (both redirect here).
  const demoNotice =
    query.demo === "removed" ? (
      <div className="alert ok" role="status">
        {td("removed")}
      </div>
    ) : query.demo === "failed" ? (
      <div className="alert error" role="alert">
        {td("failed")}
      </div>
    ) : null;

  if (active.length === 0 && archived.length === 0) {
    return (
      <>
        <PageHead title={t("title")} />
        {demoNotice}
        <section className="card empty-state guided" aria-labelledby="empty-heading">
          <h2 id="empty-heading">{t("empty.title")}</h2>
          <p>{t("empty.intro")}</p>
          <ol className="steps">
            {(["describe", "weigh", "questions", "publish"] as const).map((step, i) => (
              <li key={step}>
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span>
                  <strong>{t(`empty.${step}`)}</strong>
                  <span className="muted small">{t(`empty.${step}Hint`)}</span>
                </span>
              </li>
            ))}
          </ol>
          {canWrite ? (
            <>
              <Link href="/studies/new" className="button">
                {t("new")}
              </Link>
              <div className="demo-offer">
                <h3>{td("emptyTitle")}</h3>
                <p className="muted small">{td("emptyText")}</p>
                <ExploreDemoForm />
              </div>
            </>
          ) : (
            <p className="muted small">{t("empty.analyst")}</p>
          )}
        </section>
      </>
    );
  }

  return (
    <>
      <PageHead title={t("title")} intro={t("intro")}>
        {canWrite && (
          <Link href="/studies/new" className="button">
            {t("new")}
          </Link>
        )}
      </PageHead>
      {demoNotice}
      {demo ? (
        <p className="demo-line small muted">
          {td("listHas")} <Link href={`/studies/${demo.id}/results`}>{td("open")}</Link>
        </p>
      ) : (
        canWrite && (
          <div className="demo-line small muted">
            <span>{td("listHint")}</span> <ExploreDemoForm className="link-button" />
          </div>
        )
      )}

      <nav className="segmented" aria-label={t("filter")}>
        <Link href="/studies" aria-current={!showArchived ? "page" : undefined}>
          {t("active", { count: active.length })}
        </Link>
        <Link href="/studies?archived=1" aria-current={showArchived ? "page" : undefined}>
          {t("archived", { count: archived.length })}
        </Link>
      </nav>

      {rows.length === 0 ? (
        <div className="card empty-state">
          <p>{showArchived ? t("noneArchived") : t("noneActive")}</p>
        </div>
      ) : (
        <div className="card table-card">
          <table className="data study-table">
            <thead>
              <tr>
                <th scope="col">{t("columns.study")}</th>
                <th scope="col">{t("columns.industry")}</th>
                <th scope="col">{t("columns.languages")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col" className="num">
                  {t("columns.responses")}
                </th>
                <th scope="col">{t("columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((study) => (
                <tr key={study.id}>
                  <td className="study-cell">
                    <Link href={`/studies/${study.id}`} className="study-name">
                      {study.name}
                    </Link>
                    <div className="muted small">{study.provider}</div>
                    {study.isDemo && <span className="badge demo">{t("demo")}</span>}
                  </td>
                  <td data-label={t("columns.industry")}>{industryName(study.industry)}</td>
                  <td data-label={t("columns.languages")}>{study.languages.map(languageName).join(" · ")}</td>
                  <td data-label={t("columns.status")}>
                    {study.latestVersion ? (
                      <>
                        <span className="badge published">{t("published", { version: study.latestVersion })}</span>
                        {study.latestPublishedAt && (
                          <div className="muted small">{format.dateTime(new Date(study.latestPublishedAt), { dateStyle: "medium" })}</div>
                        )}
                      </>
                    ) : (
                      <span className="badge">{t("draft")}</span>
                    )}
                  </td>
                  <td data-label={t("columns.responses")} className="num">
                    {format.number(study.responses)}
                  </td>
                  <td data-label={t("columns.updated")}>{format.dateTime(new Date(study.updatedAt), { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
