import { getTranslations } from "next-intl/server";
import type { Trend } from "@/lib/results/trend";
import { lowN } from "@/lib/results/dashboard";
import { ChartFigure } from "@/ui/charts/chart-figure";
import { TrendChart } from "@/ui/charts/trend-chart";
import { fmtGap } from "@/lib/format";

export async function TrendSection({ trend }: { trend: Trend }) {
  const t = await getTranslations("dashboard.trend");
  if (trend.points.length === 0) return <p className="muted">{t("noData")}</p>;
  return (
    <ChartFigure
      id="trend-chart"
      title={t(`title.${trend.granularity}`)}
      caption={t("caption", { min: lowN })}
      tableLabel={t("asTable")}
      chart={
        <TrendChart
          data={trend.points.map((p) => ({ period: p.period, responses: p.responses, sq: p.serviceQualityGap }))}
          labels={{ responses: t("responses"), sq: t("sq") }}
        />
      }
      table={
        <table className="data" data-testid="trend-table">
          <thead>
            <tr>
              <th scope="col">{t(`period.${trend.granularity}`)}</th>
              <th scope="col" className="num">
                {t("responses")}
              </th>
              <th scope="col" className="num">
                {t("sq")}
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.points.map((p) => (
              <tr key={p.period}>
                <th scope="row">{p.period}</th>
                <td className="num">{p.responses}</td>
                <td className="num">
                  {fmtGap(p.serviceQualityGap)}
                  {p.responses > 0 && p.responses < lowN && <span className="muted small"> {t("fewResponses")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
