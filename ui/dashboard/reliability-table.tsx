import { getTranslations } from "next-intl/server";
import type { Results } from "@/lib/scoring/results";
import { alphaThreshold, type Names } from "@/lib/results/dashboard";
import { fmt } from "@/lib/format";

/** Cronbach's α per criterion, for E and P, flagged below 0.7. */
export async function ReliabilityTable({ results, names, itemCounts }: { results: Results; names: Names; itemCounts: Record<string, number> }) {
  const t = await getTranslations("dashboard.reliability");
  const low = results.criteria.filter((c) => [c.alpha.expected, c.alpha.perceived].some((a) => a !== null && a < alphaThreshold));
  const cell = (alpha: number | null) =>
    alpha === null ? (
      <td className="num muted">{t("notComputed")}</td>
    ) : (
      <td className="num">
        {fmt(alpha)} {alpha < alphaThreshold && <span className="badge warn-badge">{t("low")}</span>}
      </td>
    );
  return (
    <>
      {low.length > 0 && (
        <div className="alert warn" role="status">
          {t("warning", { criteria: low.map((c) => names.criterion(c.key)).join(", "), threshold: alphaThreshold.toFixed(1) })}
        </div>
      )}
      <div className="table-wrap">
        <table className="data" data-testid="alpha-table">
          <caption className="visually-hidden">{t("title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("criterion")}</th>
              <th scope="col" className="num">
                {t("items")}
              </th>
              <th scope="col" className="num">
                {t("expected")}
              </th>
              <th scope="col" className="num">
                {t("perceived")}
              </th>
            </tr>
          </thead>
          <tbody>
            {results.criteria.map((c) => (
              <tr key={c.key}>
                <th scope="row">{names.criterion(c.key)}</th>
                <td className="num">{itemCounts[c.key] ?? "—"}</td>
                {cell(c.alpha.expected)}
                {cell(c.alpha.perceived)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("explain", { threshold: alphaThreshold.toFixed(1) })}</p>
    </>
  );
}
