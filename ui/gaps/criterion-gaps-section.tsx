import { getLocale, getTranslations } from "next-intl/server";
import { fmt, fmtCi } from "@/lib/format";
import { gapKeys, smallGroup, type GapKey } from "@/lib/results/five-gap-sections";
import type { GroupOwner } from "@/lib/scoring/five-gaps";
import { FiveGapChart } from "@/ui/charts/five-gap-chart";
import { CardSection } from "@/ui/layout/card-section";

type Row = { key: string; name: string; gaps: Record<GapKey, number | null>; ci: Record<GapKey, [number, number] | null> };

/**
 * Gaps 1–5 per criterion: the bar chart and its table twin, each gap with its
 * 95% interval, and a warning naming the groups with fewer than
 * `smallGroup` answers (their gaps move a lot by chance).
 */
export async function CriterionGapsSection({ rows, small }: { rows: Row[]; small: { owner: GroupOwner; n: number }[] }) {
  const t = await getTranslations("gaps");
  const zh = (await getLocale()).startsWith("zh");
  const label = (g: GapKey) => t("gapShort", { n: g });
  const data = rows.map((r) => ({ criterion: r.name, g1: r.gaps["1"], g2: r.gaps["2"], g3: r.gaps["3"], g4: r.gaps["4"], g5: r.gaps["5"] }));
  return (
    <CardSection headingId="bars-heading" title={t("barsTitle")} intro={t("barsIntro")}>
      <FiveGapChart data={data} labels={{ g1: label("1"), g2: label("2"), g3: label("3"), g4: label("4"), g5: label("5") }} />
      {small.length > 0 && (
        <p className="alert warn small" role="note" data-testid="small-groups">
          {t("smallGroups", {
            groups: small
              .map((g) => (zh ? `${t(`owner.${g.owner}`)}（${t("answers", { n: g.n })}）` : `${t(`owner.${g.owner}`)} (${t("answers", { n: g.n })})`))
              .join(zh ? "、" : ", "),
            min: smallGroup,
          })}
        </p>
      )}
      <p className="muted small">{t("ciNote")}</p>
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
                  <td key={g} className="num" data-testid={`gap-${g}-${r.key}`}>
                    {r.gaps[g] === null ? "—" : fmt(r.gaps[g])}
                    {r.ci[g] && (
                      <div className="muted small ci" title={t("ci", { ci: fmtCi(r.ci[g]) })}>
                        {fmtCi(r.ci[g])}
                      </div>
                    )}
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
