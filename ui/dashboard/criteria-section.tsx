import { getLocale, getTranslations } from "next-intl/server";
import { lowN, type Names, type RankedCriterion } from "@/lib/results/dashboard";
import { ChartFigure } from "@/ui/charts/chart-figure";
import { CriterionGapChart } from "@/ui/charts/criterion-gap-chart";
import { ExpectationRadar } from "@/ui/charts/expectation-radar";
import { ExpectationSvg } from "@/ui/charts/svg/expectation-svg";
import { GapBarsSvg } from "@/ui/charts/svg/gap-bars-svg";
import { fmt, fmtCi, fmtGap, fmtP, fmtPoints } from "@/lib/format";
import { VerdictBadge } from "./verdict-badge";

/** The criteria ranked by weighted shortfall w_c × Ḡ_c, with every statistic of METHOD.md §4. */
export async function CriteriaTable({ ranked, names, caption }: { ranked: RankedCriterion[]; names: Names; caption: string }) {
  const t = await getTranslations("dashboard.criteria");
  return (
    <div className="table-wrap">
      <table className="data stack-on-phone" data-testid="criteria-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("criterion")}</th>
            <th scope="col" className="num">
              {t("weight")}
            </th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col" className="num">
              {t("expected")}
            </th>
            <th scope="col" className="num">
              {t("perceived")}
            </th>
            <th scope="col" className="num">
              {t("gap")}
            </th>
            <th scope="col" className="num">
              {t("ci")}
            </th>
            <th scope="col" className="num">
              p
            </th>
            <th scope="col">{t("verdict")}</th>
            <th scope="col" className="num">
              {t("weightedGap")}
            </th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((c, i) => (
            <tr key={c.key} data-criterion={c.key}>
              <td className="num rank" data-label="#">
                {i + 1}
              </td>
              <th scope="row">
                {names.criterion(c.key)}
                {c.n > 0 && c.n < lowN && <span className="badge low-n">{t("lowN")}</span>}
                {c.n === 0 && <span className="muted small"> {c.weight > 0 ? t("noDataWeighted") : t("noData")}</span>}
              </th>
              <td className="num" data-label={t("weight")}>
                {fmtPoints(c.weight)}
              </td>
              <td className="num" data-label="n">
                {c.n}
              </td>
              <td className="num" data-label={t("expected")}>
                {fmt(c.expected.mean)}
              </td>
              <td className="num" data-label={t("perceived")}>
                {fmt(c.perceived.mean)}
              </td>
              <td className="num key-stat" data-label={t("gap")}>
                {fmtGap(c.gap.mean)}
              </td>
              <td className="num" data-label={t("ci")}>
                {fmtCi(c.gap.ci)}
              </td>
              <td className="num" data-label="p">
                {fmtP(c.gap.p)}
              </td>
              <td className="key-stat" data-label={t("verdict")}>
                <VerdictBadge verdict={c.gap.verdict} />
              </td>
              <td className="num" data-label={t("weightedGap")}>
                {fmtGap(c.weightedGap)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The gap bars and the expected-vs-perceived chart. `drawing`: "interactive"
 * (recharts, tooltips, drawn in the browser) on the dashboard; "server" on
 * the report, plain SVG in the HTML, so a print taken the moment the page
 * arrives has its charts.
 */
export async function CriteriaCharts({
  ranked,
  names,
  scale,
  drawing = "interactive",
}: {
  ranked: RankedCriterion[];
  names: Names;
  scale: number;
  drawing?: "interactive" | "server";
}) {
  const t = await getTranslations("dashboard.criteria");
  const tv = await getTranslations("dashboard.verdict");
  const sep = (await getLocale()).startsWith("zh") ? "；" : "; ";
  const withData = ranked.filter((c) => c.gap.mean !== null);
  const radarRows = ranked.map((c) => ({ label: names.criterion(c.key), expected: c.expected.mean, perceived: c.perceived.mean }));
  const bars = withData.map((c) => ({ key: c.key, label: names.criterion(c.key), gap: c.gap.mean as number, verdict: c.gap.verdict }));
  const server = drawing === "server";
  return (
    <div className="grid cols-2">
      <ChartFigure
        id="gap-chart"
        title={t("gapChart")}
        caption={t("gapChartCaption")}
        tableLabel={t("asTable")}
        described={server}
        chart={
          server ? (
            <GapBarsSvg
              id="gap-chart"
              title={t("gapChart")}
              description={bars.map((b) => `${b.label} ${fmtGap(b.gap)} (${b.verdict ? tv(b.verdict) : tv("none")})`).join(sep)}
              data={bars}
            />
          ) : (
            <CriterionGapChart gapLabel={t("gap")} data={bars} />
          )
        }
        table={
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("criterion")}</th>
                <th scope="col" className="num">
                  {t("gap")}
                </th>
                <th scope="col">{t("verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {withData.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{names.criterion(c.key)}</th>
                  <td className="num">{fmtGap(c.gap.mean)}</td>
                  <td>
                    <VerdictBadge verdict={c.gap.verdict} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <ChartFigure
        id="radar-chart"
        title={t("radar")}
        caption={t("radarCaption", { scale })}
        tableLabel={t("asTable")}
        described={server}
        chart={
          server ? (
            <ExpectationSvg
              id="radar-chart"
              title={t("radar")}
              description={radarRows.map((r) => `${r.label}: ${t("expected")} ${fmt(r.expected)}, ${t("perceived")} ${fmt(r.perceived)}`).join(sep)}
              data={ranked.map((c, i) => ({ key: c.key, ...radarRows[i] }))}
              scale={scale}
              labels={{ expected: t("expected"), perceived: t("perceived") }}
            />
          ) : (
            <ExpectationRadar data={radarRows} scale={scale} labels={{ expected: t("expected"), perceived: t("perceived") }} />
          )
        }
        table={
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("criterion")}</th>
                <th scope="col" className="num">
                  {t("expected")}
                </th>
                <th scope="col" className="num">
                  {t("perceived")}
                </th>
              </tr>
            </thead>
            <tbody>
              {radarRows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{fmt(r.expected)}</td>
                  <td className="num">{fmt(r.perceived)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
