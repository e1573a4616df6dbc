import { getLocale, getTranslations } from "next-intl/server";
import type { Results } from "@/lib/scoring/results";
import type { Quadrant } from "@/lib/scoring/importance-performance";
import type { Names } from "@/lib/results/dashboard";
import { ChartFigure } from "@/ui/charts/chart-figure";
import { ImportancePerformanceChart } from "@/ui/charts/importance-performance-chart";
import { IpaLegend, IpaSvg } from "@/ui/charts/svg/ipa-svg";
import { fmt } from "@/lib/format";

const quadrantOrder: Quadrant[] = ["concentrate-here", "keep-up-the-good-work", "low-priority", "possible-overkill"];

/** Importance–performance grid (Martilla & James) with the criteria listed per quadrant. */
export async function ImportancePerformanceSection({
  results,
  names,
  drawing = "interactive",
}: {
  results: Results;
  names: Names;
  /** "server": plain SVG in the HTML (the report), see CriteriaCharts. */
  drawing?: "interactive" | "server";
}) {
  const t = await getTranslations("dashboard.ipa");
  const sep = (await getLocale()).startsWith("zh") ? "；" : "; ";
  const ipa = results.importancePerformance;
  if (!ipa.crosshairs) return <p className="muted">{t("noData")}</p>;
  const points = ipa.criteria.filter((c) => c.importance !== null && c.performance !== null);
  const importances = points.map((c) => c.importance as number);
  // Equal weights (the default) put every criterion on the importance crosshair.
  const equal = importances.length > 1 && Math.max(...importances) - Math.min(...importances) < 0.05;
  // The grid is a second view of "What to fix first" and must not contradict
  // it: a significant shortfall it places at lower importance is flagged.
  const shortfall = new Set(results.criteria.filter((c) => c.gap.verdict === "shortfall").map((c) => c.key));
  const lowShortfalls = ipa.criteria.filter((c) => shortfall.has(c.key) && (c.quadrant === "low-priority" || c.quadrant === "possible-overkill"));
  const chartPoints = points.map((c) => ({
    key: c.key,
    label: names.criterion(c.key),
    importance: c.importance as number,
    performance: c.performance as number,
  }));
  const ipaDescription = points
    .map(
      (c, i) =>
        `${i + 1}. ${names.criterion(c.key)}: ${t("importance")} ${fmt(c.importance)}, ${t("performance")} ${fmt(c.performance)}${c.quadrant ? ` (${t(`q.${c.quadrant}`)})` : ""}`,
    )
    .join(sep);
  const chartLabels = {
    importance: t("importance"),
    performance: t("performance"),
    quadrants: {
      concentrate: t("q.concentrate-here"),
      keepUp: t("q.keep-up-the-good-work"),
      lowPriority: t("q.low-priority"),
      overkill: t("q.possible-overkill"),
    },
  };
  return (
    <>
      <p className="muted small">{t("secondView")}</p>
      {lowShortfalls.length > 0 && (
        <p className="alert warn small" role="note" data-testid="ipa-low-shortfall">
          {t("lowShortfall", { criteria: lowShortfalls.map((c) => names.criterion(c.key)).join(sep === "; " ? ", " : "、") })}
        </p>
      )}
      {equal && (
        <p className="muted small" data-testid="ipa-equal">
          {t("equalImportance")}
        </p>
      )}
      <ChartFigure
        id="ipa-chart"
        title={t("title")}
        caption={ipa.source === "customers" ? t("captionCustomers") : t("captionManager")}
        tableLabel={t("asTable")}
        described={drawing === "server"}
        chart={
          drawing === "server" ? (
            <>
              {/* The same grid drawn twice: wide (screens, print) and narrow (phones); CSS shows one. */}
              <IpaSvg
                id="ipa-chart-narrow"
                className="chart-narrow"
                width={400}
                height={340}
                title={t("title")}
                description={ipaDescription}
                scale={results.scale}
                crosshairs={ipa.crosshairs}
                data={chartPoints}
                labels={chartLabels}
              />
              <IpaSvg
                id="ipa-chart"
                className="chart-wide"
                title={t("title")}
                description={ipaDescription}
                scale={results.scale}
                crosshairs={ipa.crosshairs}
                data={chartPoints}
                labels={chartLabels}
              />
              <IpaLegend data={chartPoints} />
            </>
          ) : (
            <>
              <ImportancePerformanceChart
                scale={results.scale}
                crosshairs={ipa.crosshairs}
                data={chartPoints.map((p, i) => ({ ...p, number: i + 1 }))}
                labels={chartLabels}
              />
              <IpaLegend data={chartPoints} />
            </>
          )
        }
        table={
          <table className="data" data-testid="ipa-table">
            <thead>
              <tr>
                <th scope="col">{t("criterion")}</th>
                <th scope="col" className="num">
                  {t("importance")}
                </th>
                <th scope="col" className="num">
                  {t("performance")}
                </th>
                <th scope="col">{t("quadrant")}</th>
              </tr>
            </thead>
            <tbody>
              {[...ipa.criteria]
                .sort((a, b) => quadrantOrder.indexOf(a.quadrant ?? "low-priority") - quadrantOrder.indexOf(b.quadrant ?? "low-priority"))
                .map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{names.criterion(c.key)}</th>
                    <td className="num">{fmt(c.importance)}</td>
                    <td className="num">{fmt(c.performance)}</td>
                    <td>
                      {c.quadrant ? t(`q.${c.quadrant}`) : "—"}
                      {lowShortfalls.includes(c) && (
                        <>
                          {" "}
                          <span className="badge shortfall">{t("shortfallFlag")}</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              <tr>
                <th scope="row" className="muted">
                  {t("crosshairs")}
                </th>
                <td className="num muted">{fmt(ipa.crosshairs.importance)}</td>
                <td className="num muted">{fmt(ipa.crosshairs.performance)}</td>
                <td />
              </tr>
            </tbody>
          </table>
        }
      />
    </>
  );
}
