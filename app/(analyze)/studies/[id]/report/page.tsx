import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { toZonedInput } from "@/lib/time-zone";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/roles";
import { loadDashboard, lowN, namesOf, rankCriteria } from "@/lib/results/dashboard";
import { loadFocus } from "@/lib/results/focus";
import { filterFromSearchParams } from "@/lib/validation/results-filter";
import { CriteriaCharts, CriteriaTable } from "@/ui/dashboard/criteria-section";
import { EmptyResults } from "@/ui/dashboard/empty-results";
import { FilterBar } from "@/ui/dashboard/filter-bar";
import { FilterErrors } from "@/ui/dashboard/filter-errors";
import { fmtCi, fmtGap } from "@/lib/format";
import { Headline } from "@/ui/dashboard/headline";
import { ImportancePerformanceSection } from "@/ui/dashboard/ipa-section";
import { PrintButton } from "@/ui/dashboard/print-button";
import { ReportPageStyle } from "@/ui/dashboard/report-page-style";
import { isFiltered } from "@/ui/dashboard/query";
import { FiveGapsCard } from "@/ui/gaps/gap-totals-table";
import { CausesAndRemedies, GapConsequences } from "@/ui/dashboard/report-sections";
import { FocusSection } from "@/ui/dashboard/focus-section";
import { VerdictBadge } from "@/ui/dashboard/verdict-badge";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("report.pageTitle") };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  const path = `/studies/${study.id}/report`;
  const parsed = filterFromSearchParams(await searchParams);
  const filter = parsed.success ? parsed.data : {};
  const dashboard = await loadDashboard(getDb(), study, filter);
  const { loaded } = dashboard;
  const tabs = <StudyTabs study={study} current="report" role={user.role} />;

  if (loaded.status === "unpublished") {
    return (
      <>
        {tabs}
        <EmptyResults studyId={study.id} kind="unpublished" canWrite={can(user.role, "write")} clearHref={path} />
      </>
    );
  }
  const filterBar = (
    <FilterBar
      path={path}
      filter={filter}
      versions={loaded.status === "ok" ? loaded.versions.map((v) => v.number) : []}
      segments={dashboard.segments}
      dataDays={dashboard.dataDays}
    />
  );
  if (!parsed.success || loaded.status !== "ok" || loaded.results.n === 0) {
    return (
      <>
        {tabs}
        {filterBar}
        {!parsed.success ? (
          <FilterErrors error={parsed.error} />
        ) : (
          <EmptyResults
            studyId={study.id}
            kind={loaded.status !== "ok" ? "unknownVersion" : isFiltered(filter) ? "noMatch" : "noResponses"}
            canWrite={can(user.role, "write")}
            clearHref={path}
          />
        )}
      </>
    );
  }

  const { results, weightsVersion, filterVersions } = loaded;
  const names = namesOf(filterVersions, locale);
  const ranked = rankCriteria(results);
  const focus = await loadFocus(getDb(), study, filter, loaded);
  const shortfallItems = results.items
    .filter((i) => i.gap.verdict === "shortfall")
    .sort((a, b) => (b.gap.mean ?? 0) - (a.gap.mean ?? 0))
    .slice(0, 10);
  // Today in the workspace's time zone (a report printed in Taipei at 07:00 is dated that day, not yesterday in UTC).
  const generated = toZonedInput(new Date().getTime(), await getTimeZone()).slice(0, 10);
  // The filter in force, spelled out in the title block of every print.
  const meta: [string, string][] = [
    [t("report.provider"), study.provider],
    [
      t("report.versions"),
      filter.version
        ? t("filter.versionN", { n: filter.version })
        : t("report.versionsAll", { list: filterVersions.map((v) => v.number).join(", ") }),
    ],
    [
      t("report.period"),
      filter.from || filter.to
        ? t("report.dates", { from: filter.from ?? dashboard.dataDays?.first ?? "…", to: filter.to ?? dashboard.dataDays?.last ?? "…" })
        : dashboard.dataDays
          ? t("report.periodAll", dashboard.dataDays)
          : "—",
    ],
    [t("report.segment"), filter.segment ?? t("filter.allSegments")],
    [t("report.responses"), String(results.n)],
    [t("report.generatedOn"), generated],
  ];

  return (
    <div className="report">
      {tabs}
      {filterBar}
      <ReportPageStyle
        locale={locale}
        running={`${study.name} · ${study.provider}`}
        pageOf={t("report.pageOf", { page: "\u0000page\u0000", pages: "\u0000pages\u0000" })}
      />
      <header className="report-head">
        <div>
          <p className="muted small">{t("report.kicker")}</p>
          <h1>{study.name}</h1>
          <dl className="report-meta" aria-label={t("report.metaLabel")} data-testid="report-meta">
            {meta.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div className="no-print report-actions">
          <PrintButton label={t("report.print")} />
          <p className="muted small">{t("report.printHint")}</p>
        </div>
      </header>
      {results.n < lowN && (
        <div className="alert warn" role="status">
          {t("results.lowN", { n: results.n, min: lowN })}
        </div>
      )}
      <Headline results={results} names={names} weightsVersion={weightsVersion.number} />
      <FocusSection entries={focus} results={results} names={names} locale={locale} gapsHref={`/studies/${study.id}/gaps`} />
      <GapConsequences locale={locale} />

      <section className="card" aria-labelledby="ranked-heading">
        <h2 id="ranked-heading">{t("report.rankedTitle")}</h2>
        <p className="muted small">{t("report.rankedIntro")}</p>
        <CriteriaTable ranked={ranked} names={names} caption={t("report.rankedTitle")} />
      </section>

      <section className="card report-charts" aria-labelledby="charts-heading">
        <h2 id="charts-heading">{t("report.chartsTitle")}</h2>
        <CriteriaCharts ranked={ranked} names={names} scale={results.scale} drawing="server" />
        <ImportancePerformanceSection results={results} names={names} drawing="server" />
      </section>

      <section className="card" aria-labelledby="items-heading">
        <h2 id="items-heading">{t("report.itemsTitle")}</h2>
        {shortfallItems.length === 0 ? (
          <p className="muted">{t("report.itemsNone")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("items.item")}</th>
                  <th scope="col">{t("items.criterion")}</th>
                  <th scope="col" className="num">
                    {t("items.gap")}
                  </th>
                  <th scope="col" className="num">
                    {t("items.ci")}
                  </th>
                  <th scope="col">{t("items.verdict")}</th>
                </tr>
              </thead>
              <tbody>
                {shortfallItems.map((i) => (
                  <tr key={i.key}>
                    <th scope="row" className="item-text">
                      {names.item(i.key)}
                    </th>
                    <td>{names.criterion(i.criterion)}</td>
                    <td className="num">{fmtGap(i.gap.mean)}</td>
                    <td className="num">{fmtCi(i.gap.ci)}</td>
                    <td>
                      <VerdictBadge verdict={i.gap.verdict} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <FiveGapsCard results={results} locale={locale} weightsVersion={weightsVersion.number} />
      <CausesAndRemedies results={results} locale={locale} gapsHref={`/studies/${study.id}/gaps`} />
      <p className="muted small">{t("report.method")}</p>
    </div>
  );
}
