import { getTranslations } from "next-intl/server";
import type { Results } from "@/lib/scoring/results";
import { lowN, verdictCounts, type Names } from "@/lib/results/dashboard";
import { fmt, fmtGap } from "@/lib/format";

/**
 * EQ, PQ and SQ with n. No interval is shown for the three totals: they
 * weight criterion means that overlapping respondents gave, and the stored
 * sums do not hold the covariances such an interval needs; the verdict line
 * summarises the criteria's own tests instead.
 */
export async function Headline({ results, names, weightsVersion }: { results: Results; names: Names; weightsVersion: number }) {
  const t = await getTranslations("dashboard.headline");
  const counts = verdictCounts(results.criteria);
  const sq = results.serviceQualityGap;
  const sqClass = sq === null ? "" : sq > 0 ? "shortfall" : sq < 0 ? "exceeded" : "";
  const reason = results.qualityReason;
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="visually-hidden">
        {t("title")}
      </h2>
      <div className="grid cols-4 headline">
        <div className="card kpi-card" data-testid="kpi-eq">
          <div className="kpi-label">{t("eq")}</div>
          <div className="kpi">{fmt(results.expectedQuality)}</div>
          <div className="muted small">{t("eqHint", { scale: results.scale })}</div>
        </div>
        <div className="card kpi-card" data-testid="kpi-pq">
          <div className="kpi-label">{t("pq")}</div>
          <div className="kpi">{fmt(results.perceivedQuality)}</div>
          <div className="muted small">{t("pqHint")}</div>
        </div>
        <div className={`card kpi-card ${sqClass}`} data-testid="kpi-sq">
          <div className="kpi-label">{t("sq")}</div>
          <div className="kpi">{fmtGap(sq)}</div>
          <div className="small">{sq === null ? t("sqNone") : sq > 0 ? t("sqShortfall") : sq < 0 ? t("sqExceeded") : t("sqZero")}</div>
          <div className="muted small">
            {t("verdicts", { shortfall: counts.shortfall, met: counts.met, exceeded: counts.exceeded, total: results.criteria.length })}
          </div>
        </div>
        <div className="card kpi-card" data-testid="kpi-n">
          <div className="kpi-label">{t("n")}</div>
          <div className="kpi">{results.n}</div>
          <div className="muted small">{results.n < lowN ? t("nLow", { min: lowN }) : t("nOk")}</div>
        </div>
      </div>
      {reason && (
        <div className="alert warn" role="status">
          {reason.code === "criterion-without-data"
            ? t("reasonNoData", { criteria: reason.criteria.map(names.criterion).join(", ") })
            : t("reasonWeights")}
        </div>
      )}
      <p className="muted small">
        {t("weightsNote", { version: weightsVersion })}{" "}
        {t("otherTotals", { unweighted: fmtGap(results.unweightedGap), pooled: fmtGap(results.meanItemGap) })} {t("noCi")}
      </p>
    </section>
  );
}
