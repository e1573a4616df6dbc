import { headers } from "next/headers";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listLinks } from "@/db/queries/links";
import { listVersions } from "@/db/queries/studies";
import { can } from "@/lib/auth/roles";
import { fmt } from "@/lib/format";
import { publicOrigin } from "@/lib/http/public-origin";
import { textIn, type LocalizedText } from "@/lib/i18n/localized-text";
import { causeFactors, findGap } from "@/lib/questions/causes";
import { loadResults } from "@/lib/results/load-results";
import { chainSteps, gapsWithoutData, largestDrop, perspectiveResponses } from "@/lib/scoring/gap-chain";
import { perspectives } from "@/lib/scoring/types";
import { filterFromSearchParams } from "@/lib/validation/results-filter";
import { FiveGapChart } from "@/ui/charts/five-gap-chart";
import { FiveGapsCard } from "@/ui/gaps/gap-totals-table";
import { LevelChainChart } from "@/ui/charts/level-chain-chart";
import { StudyTabs } from "@/ui/study/study-tabs";
import { loadStudy } from "@/lib/studies/load-study";
import { regenerateInternalLink } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };


export async function generateMetadata() {
  const t = await getTranslations("gaps");
  return { title: t("title") };
}

export default async function FiveGapsPage({ params, searchParams }: Props) {
  const { user, study } = await loadStudy(params);
  const t = await getTranslations("gaps");
  const tg = await getTranslations("guide.gaps");
  const format = await getFormatter();
  const locale = await getLocale();
  const text = (value: LocalizedText | undefined) => textIn(value, locale, study.languages);

  const filter = filterFromSearchParams(await searchParams);
  const db = getDb();
  const [loaded, versions, allLinks] = await Promise.all([
    loadResults(db, study, filter.success ? filter.data : {}),
    listVersions(db, study.id),
    listLinks(db, study.id, "internal"),
  ]);
  const canWrite = can(user.role, "write");
  const origin = publicOrigin(await headers());
  const links = allLinks.filter((l) => !l.revokedAt);
  const gap5 = findGap(5);

  const head = (
    <>
      <StudyTabs study={study} current="gaps" role={user.role} />
      <div className="page-head">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>
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
  const criteria = weightsVersion.snapshot.criteria;
  const gapNumbers = ["1", "2", "3", "4", "5"] as const;
  const responsesOf = perspectiveResponses(results.gaps);
  const groupLabel = (g: string) => t(`groups.${g}`);
  const barData = criteria.map((c) => ({
    criterion: text(c.name),
    g1: results.gaps["1"].criteria[c.key],
    g2: results.gaps["2"].criteria[c.key],
    g3: results.gaps["3"].criteria[c.key],
    g4: results.gaps["4"].criteria[c.key],
    g5: results.gaps["5"].criteria[c.key],
  }));
  // What is missing, said at the top with the next step (the details stay in their sections).
  const missingPerspectives = perspectives.filter((p) => responsesOf[p] === 0);
  const blockedGaps = gapsWithoutData(results.gaps);
  const barLabels = { g1: t("gapShort", { n: 1 }), g2: t("gapShort", { n: 2 }), g3: t("gapShort", { n: 3 }), g4: t("gapShort", { n: 4 }), g5: t("gapShort", { n: 5 }) };

  return (
    <>
      {head}
      {results.n === 0 && (
        <div className="alert info guide-callout" role="status" data-testid="gaps-no-customers">
          <p>{tg("noCustomers")}</p>
          {canWrite ? (
            <Link className="button small" href={`/studies/${study.id}/distribute`}>
              {tg("shareSurvey")}
            </Link>
          ) : (
            <p className="small">{tg("askManager")}</p>
          )}
        </div>
      )}
      {missingPerspectives.length > 0 && blockedGaps.length > 0 && (
        <div className="alert warn guide-callout" role="status" data-testid="gaps-missing-perspectives">
          <p>
            {tg("missing", {
              missing: missingPerspectives.length,
              gaps: format.list(blockedGaps.map((g) => t("gapShort", { n: g })), { type: "conjunction" }),
              canWrite: canWrite ? "yes" : "no",
            })}
          </p>
          <a className="button secondary small" href="#perspectives-heading">
            {tg("toLinks")}
          </a>
        </div>
      )}

      <section className="card" aria-labelledby="why-heading">
        <h2 id="why-heading">{t("whyTitle")}</h2>
        <p>
          {t("whyText", { sq: fmt(results.gaps["5"].total), n: results.n })}
        </p>
        <ul className="consequences">
          {(gap5.consequences ?? []).map((c) => (
            <li key={c.key}>{text(c.text)}</li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="perspectives-heading">
        <h2 id="perspectives-heading">{t("perspectivesTitle")}</h2>
        <p className="muted small">{t("perspectivesIntro")}</p>
        <ul className="perspective-list">
          {perspectives.map((p) => {
            const link = links.find((l) => l.perspective === p);
            const n = responsesOf[p];
            return (
              <li key={p}>
                <strong>{t(`perspective.${p}.name`)}</strong> <span className="muted">({groupLabel(perspectiveSymbol[p])})</span>
                <div className="small">{t(`perspective.${p}.who`)}</div>
                <div className="small">
                  {n > 0 ? t("answers", { n }) : <span className="badge">{t("notEnoughData")}</span>}
                </div>
                {canWrite && (
                  <div className="actions" style={{ marginTop: "0.5rem" }}>
                    {link ? (
                      <a className="link" href={`/i/${link.token}`} data-testid={`internal-link-${p}`}>
                        {`${origin}/i/${link.token}`}
                      </a>
                    ) : (
                      <span className="muted small">{t("noLink")}</span>
                    )}
                    <form action={regenerateInternalLink}>
                      <input type="hidden" name="studyId" value={study.id} />
                      <input type="hidden" name="perspective" value={p} />
                      <button type="submit" className="button secondary small">
                        {link ? t("regenerateLink") : t("createLink", { perspective: t(`perspective.${p}.name`) })}
                      </button>
                    </form>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <FiveGapsCard results={results} locale={locale} weightsVersion={weightsVersion.number} />

      <section className="card" aria-labelledby="bars-heading">
        <h2 id="bars-heading">{t("barsTitle")}</h2>
        <p className="muted small">{t("barsIntro")}</p>
        <FiveGapChart data={barData} labels={barLabels} />
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("barsTitle")}</caption>
            <thead>
              <tr>
                <th>{t("criterion")}</th>
                {gapNumbers.map((g) => (
                  <th key={g} className="num">
                    {t("gapShort", { n: g })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {criteria.map((c) => (
                <tr key={c.key}>
                  <td>{text(c.name)}</td>
                  {gapNumbers.map((g) => (
                    <td key={g} className="num">
                      {fmt(results.gaps[g].criteria[c.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="chain-heading">
        <h2 id="chain-heading">{t("chainTitle")}</h2>
        <p className="muted small">{t("chainIntro")}</p>
        <div className="chain-grid">
          {criteria.map((c) => {
            const levels = results.levels[c.key];
            const points = chainSteps.map((g) => ({ step: g, level: levels?.[g].mean ?? null }));
            const worst = largestDrop(levels);
            return (
              <figure key={c.key}>
                <figcaption>{text(c.name)}</figcaption>
                <LevelChainChart points={points} promised={levels?.C.mean ?? null} promisedLabel={t("promised")} scale={weightsVersion.snapshot.scale} />
                <p className="small">
                  {chainSteps.map((g) => `${g} ${fmt(levels?.[g].mean)}`).join(" → ")} · C {fmt(levels?.C.mean)}
                  <br />
                  {worst ? t("largestDrop", { from: worst.from, to: worst.to, drop: fmt(worst.drop) }) : t("noDrop")}
                </p>
              </figure>
            );
          })}
        </div>
      </section>

      <section className="card" aria-labelledby="causes-heading">
        <h2 id="causes-heading">{t("causesTitle")}</h2>
        <p className="muted small">{t("causesIntro")}</p>
        <div className="grid cols-2">
          {(["1", "2", "3", "4"] as const).map((g) => {
            const ranked = results.causes[g];
            const rater = g === "1" || g === "2" ? "management" : "delivery";
            return (
              <div key={g}>
                <h3>
                  {t("gapShort", { n: g })} · {text(findGap(Number(g) as 1 | 2 | 3 | 4).name)}
                </h3>
                {responsesOf[rater] === 0 ? (
                  <p className="muted small">{t("causesNoData", { perspective: t(`perspective.${rater}.name`) })}</p>
                ) : ranked.length === 0 ? (
                  <p className="muted small">{t("noLikelyCause")}</p>
                ) : (
                  <ol className="cause-list">
                    {ranked.map((cause) => {
                      const factor = causeFactors.find((f) => f.key === cause.key);
                      return (
                        <li key={cause.key} data-testid={`cause-${cause.key}`}>
                          <strong>{text(factor?.name)}</strong> <span className="muted small">({t("causeScore", { mean: fmt(cause.mean), scale: weightsVersion.snapshot.scale, n: cause.n })})</span>
                          <div className="small">
                            {t("remedy")}: {text(factor?.remedy)}
                          </div>
                        </li>
                      );
                    })}
                  </ol>
                )}
              </div>
            );
          })}
        </div>
      </section>
    </>
  );
}

const perspectiveSymbol = { management: "M", standard: "S", delivery: "D", communication: "C" } as const;
