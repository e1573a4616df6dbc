import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/roles";
import { loadDashboard, lowN, namesOf, rankCriteria } from "@/lib/results/dashboard";
import { loadFocus } from "@/lib/results/focus";
import { filterFromSearchParams } from "@/lib/validation/results-filter";
import { CriteriaCharts, CriteriaTable } from "@/ui/dashboard/criteria-section";
import { EmptyResults } from "@/ui/dashboard/empty-results";
import { ExportLinks } from "@/ui/dashboard/export-links";
import { FocusSection } from "@/ui/dashboard/focus-section";
import { FilterBar } from "@/ui/dashboard/filter-bar";
import { FilterErrors } from "@/ui/dashboard/filter-errors";
import { Headline } from "@/ui/dashboard/headline";
import { ImportancePerformanceSection } from "@/ui/dashboard/ipa-section";
import { ItemTable, parseItemSort } from "@/ui/dashboard/item-table";
import { firstParam, isFiltered, queryOf } from "@/ui/dashboard/query";
import { ReliabilityTable } from "@/ui/dashboard/reliability-table";
import { TrendSection } from "@/ui/dashboard/trend-section";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";
import { PageHead } from "@/ui/layout/page-head";
import { countCasesByState } from "@/db/queries/cases";
import { OpenCases } from "@/ui/follow-up/open-cases";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("dashboard");
  return { title: t("results.title") };
}

export default async function ResultsPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  const query = await searchParams;
  const path = `/studies/${study.id}/results`;
  const parsed = filterFromSearchParams(query);
  const filter = parsed.success ? parsed.data : {};
  const [dashboard, caseCounts] = await Promise.all([loadDashboard(getDb(), study, filter), countCasesByState(getDb(), { studyId: study.id })]);
  const { loaded } = dashboard;
  const versions = loaded.status === "ok" ? loaded.versions.map((v) => v.number) : [];

  const head = (
    <>
      <StudyTabs study={study} current="results" role={user.role} />
      <PageHead title={t("results.title")} intro={t("results.intro", { provider: study.provider })} />
    </>
  );
  if (loaded.status === "unpublished") {
    return (
      <>
        {head}
        <EmptyResults studyId={study.id} kind="unpublished" canWrite={can(user.role, "write")} clearHref={path} />
      </>
    );
  }

  const filterBar = <FilterBar path={path} filter={filter} versions={versions} segments={dashboard.segments} dataDays={dashboard.dataDays} />;
  if (!parsed.success || loaded.status === "unknownVersion") {
    return (
      <>
        {head}
        {filterBar}
        {!parsed.success ? (
          <FilterErrors error={parsed.error} />
        ) : (
          <EmptyResults studyId={study.id} kind="unknownVersion" canWrite={false} clearHref={path} />
        )}
      </>
    );
  }
  const { results, weightsVersion, filterVersions } = loaded;
  if (results.n === 0) {
    return (
      <>
        {head}
        {filterBar}
        <EmptyResults studyId={study.id} kind={isFiltered(filter) ? "noMatch" : "noResponses"} canWrite={can(user.role, "write")} clearHref={path} />
      </>
    );
  }

  const names = namesOf(filterVersions, locale);
  const ranked = rankCriteria(results);
  const focus = await loadFocus(getDb(), study, filter, loaded);
  const sort = parseItemSort(firstParam(query.sort), firstParam(query.dir));
  const itemCounts = Object.fromEntries(weightsVersion.snapshot.criteria.map((c) => [c.key, c.items.length]));
  return (
    <>
      {head}
      {filterBar}
      {results.n < lowN && (
        <div className="alert warn" role="status" data-testid="low-n">
          {t("results.lowN", { n: results.n, min: lowN })}
        </div>
      )}
      {filterVersions.length > 1 && <p className="muted small">{t("results.pooled", { count: filterVersions.length })}</p>}
      <Headline results={results} names={names} weightsVersion={weightsVersion.number} />
      <OpenCases studyId={study.id} counts={caseCounts} />
      <FocusSection entries={focus} results={results} names={names} locale={locale} gapsHref={`/studies/${study.id}/gaps`} />

      <section className="card" aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">{t("criteria.title")}</h2>
        <p className="muted small">{t("criteria.intro")}</p>
        <CriteriaCharts ranked={ranked} names={names} scale={results.scale} />
        <CriteriaTable ranked={ranked} names={names} caption={t("criteria.title")} />
      </section>

      <section className="card" aria-labelledby="items-heading" id="items">
        <h2 id="items-heading">{t("items.title")}</h2>
        <p className="muted small">{t("items.intro")}</p>
        <ItemTable
          items={results.items}
          names={names}
          sort={sort.sort}
          dir={sort.dir}
          hrefFor={(s, d) => `${path}${queryOf(filter, { sort: s, dir: d })}`}
        />
      </section>

      <div className="grid cols-2">
        <section className="card" aria-labelledby="alpha-heading">
          <h2 id="alpha-heading">{t("reliability.title")}</h2>
          <ReliabilityTable results={results} names={names} itemCounts={itemCounts} />
        </section>
        <section className="card" aria-labelledby="ipa-heading">
          <h2 id="ipa-heading">{t("ipa.heading")}</h2>
          <ImportancePerformanceSection results={results} names={names} />
        </section>
      </div>

      <section className="card" aria-labelledby="trend-heading">
        <h2 id="trend-heading">{t("trend.heading")}</h2>
        <TrendSection trend={dashboard.trend} />
      </section>

      <ExportLinks studyId={study.id} filter={filter} />
    </>
  );
}
