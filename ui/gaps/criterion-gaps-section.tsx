import { getTranslations } from "next-intl/server";
import { fmt } from "@/lib/format";
import { gapKeys, type GapKey } from "@/lib/results/five-gap-sections";
import { FiveGapChart } from "@/ui/charts/five-gap-chart";
import { CardSection } from "@/ui/layout/card-section";

type Row = { key: string; name: string; gaps: Record<GapKey, number | null> };

/** Gaps 1–5 per criterion: the bar chart and its table twin. */
export async function CriterionGapsSection({ rows }: { rows: Row[] }) {
  const t = await getTranslations("gaps");
  const label = (g: GapKey) => t("gapShort", { n: g });
  const data = rows.map((r) => ({ criterion: r.name, g1: r.gaps["1"], g2: r.gaps["2"], g3: r.gaps["3"], g4: r.gaps["4"], g5: r.gaps["5"] }));
  return (
    <CardSection headingId="bars-heading" title={t("barsTitle")} intro={t("barsIntro")}>
      <FiveGapChart data={data} labels={{ g1: label("1"), g2: label("2"), g3: label("3"), g4: label("4"), g5: label("5") }} />
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">{t("barsTitle")}</caption>
          <thead>
            <tr>
              <th>{t("criterion")}</th>
              {gapKeys.map((g) => (
                <th key={g} className="num">
                  {label(g)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td>{r.name}</td>
                {gapKeys.map((g) => (
                  <td key={g} className="num">
                    {fmt(r.gaps[g])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </CardSection>
  );
}
