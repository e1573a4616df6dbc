import { headers } from "next/headers";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listLinks } from "@/db/queries/links";
import { listVersions } from "@/db/queries/studies";
import { can } from "@/lib/auth/roles";
import { publicOrigin } from "@/lib/http/public-origin";
import { textIn } from "@/lib/i18n/localized-text";
import { causeSections, gapsByCriterion, levelChain, missingPerspectives, perspectiveRows, smallGroups } from "@/lib/results/five-gap-sections";
import { loadResults } from "@/lib/results/load-results";
import { gapsWithoutData } from "@/lib/scoring/gap-chain";
import { loadStudy } from "@/lib/studies/load-study";
import { filterFromSearchParams } from "@/lib/validation/results-filter";
import { CausesSection } from "@/ui/gaps/causes-section";
import { CriterionGapsSection } from "@/ui/gaps/criterion-gaps-section";
import { FiveGapsCard } from "@/ui/gaps/gap-totals-table";
import { GapsGuideCallouts } from "@/ui/gaps/guide-callouts";
import { LevelChainSection } from "@/ui/gaps/level-chain-section";
import { PerspectivesSection } from "@/ui/gaps/perspectives-section";
import { WhySection } from "@/ui/gaps/why-section";
import { StudyTabs } from "@/ui/study/study-tabs";
import { PageHead } from "@/ui/layout/page-head";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("gaps");
  return { title: t("title") };
}

export default async function FiveGapsPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("gaps");
  const tg = await getTranslations("guide.gaps");
  const locale = await getLocale();
  const filter = filterFromSearchParams(await searchParams);
  const db = getDb();
  const [loaded, versions, internalLinks] = await Promise.all([
    loadResults(db, study, filter.success ? filter.data : {}),
    listVersions(db, study.id),
    listLinks(db, study.id, "internal"),
  ]);
  const canWrite = can(user.role, "write");

  const head = (
    <>
      <StudyTabs study={study} current="gaps" role={user.role} />
      <PageHead title={t("title")} intro={t("intro")} />
    </>
  );

  if (loaded.status !== "ok") {
    return (
      <>
        {head}
        <div className="card empty-state">
          <p>{versions.length === 0 ? t("unpublished") : t("unknownVersion")}</p>
          {versions.length === 0 && (
            <Link className="button" href={`/studies/${study.id}/design`}>
              {tg("toDesign")}
            </Link>
          )}
        </div>
      </>
    );
  }
  const { results, weightsVersion } = loaded;
  const { criteria, scale } = weightsVersion.snapshot;
  const nameOf = (key: string) => textIn(criteria.find((c) => c.key === key)?.name, locale, study.languages);
  const perspectives = perspectiveRows(results, internalLinks);

  return (
    <>
      {head}
      <GapsGuideCallouts
        studyId={study.id}
        customers={results.n}
        missingPerspectives={missingPerspectives(perspectives).length}
        blockedGaps={gapsWithoutData(results.gaps)}
        canWrite={canWrite}
      />
      <WhySection gap5={results.gaps["5"].total} customers={results.n} locale={locale} fallbacks={study.languages} />
      <PerspectivesSection studyId={study.id} rows={perspectives} origin={publicOrigin(await headers())} canWrite={canWrite} />
      <FiveGapsCard results={results} locale={locale} weightsVersion={weightsVersion.number} />
      <CriterionGapsSection
        small={smallGroups(results)}
        rows={gapsByCriterion(
          results,
          criteria.map((c) => c.key),
        ).map((row) => ({ ...row, name: nameOf(row.key) }))}
      />
      <LevelChainSection chains={criteria.map((c) => ({ key: c.key, name: nameOf(c.key), ...levelChain(results.levels[c.key]) }))} scale={scale} />
      <CausesSection sections={causeSections(results)} scale={scale} locale={locale} fallbacks={study.languages} />
    </>
  );
}
