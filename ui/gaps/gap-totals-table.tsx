import { getTranslations } from "next-intl/server";
import { defaultLocale } from "@/lib/i18n/locales";
import { textIn, type LocalizedText } from "@/lib/i18n/localized-text";
import { fmt } from "@/lib/format";
import { findGap } from "@/lib/questions/causes";
import type { Results } from "@/lib/scoring/results";
import { smallGroup } from "@/lib/results/five-gap-sections";

const gapNumbers = ["1", "2", "3", "4", "5"] as const;

/**
 * Gaps 1–5 with their seed names, formula, weighted total and each group's
 * n; "Not enough data" where a perspective has no answers, never 0.
 * Shared by the five-gap view and the printable report.
 */
export async function GapTotalsTable({ results, locale }: { results: Results; locale: string }) {
  const t = await getTranslations("gaps");
  const text = (value: LocalizedText | undefined) => textIn(value, locale, [defaultLocale]);
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th>{t("gap")}</th>
            <th>{t("formula")}</th>
            <th className="num">{t("weightedTotal")}</th>
            <th>{t("groupsN")}</th>
          </tr>
        </thead>
        <tbody>
          {gapNumbers.map((g) => {
            const gap = results.gaps[g];
            const def = findGap(Number(g) as 1 | 2 | 3 | 4 | 5);
            return (
              <tr key={g} data-testid={`gap-row-${g}`}>
                <td>
                  <strong>{t("gapShort", { n: g })}</strong> · {text(def.name)}
                  <div className="muted small">{text(def.description)}</div>
                </td>
                <td>{t(`formulaOf.${g}`)}</td>
                <td className="num">{gap.status === "not-enough-data" ? <span className="badge">{t("notEnoughData")}</span> : fmt(gap.total)}</td>
                <td className="small">
                  {Object.entries(gap.groups).map(([owner, count], i) => (
                    <span key={owner}>
                      {i > 0 && " · "}
                      {`${t(`owner.${owner}`)}: ${count}`}
                      {count > 0 && count < smallGroup && (
                        <>
                          {" "}
                          <span className="badge low-n">{t("smallGroup")}</span>
                        </>
                      )}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The weighted five gaps as a card: heading, which version's weights apply, the table. */
export async function FiveGapsCard({ results, locale, weightsVersion }: { results: Results; locale: string; weightsVersion: number }) {
  const t = await getTranslations("gaps");
  return (
    <section className="card" aria-labelledby="five-gaps-heading">
      <h2 id="five-gaps-heading">{t("totalsTitle")}</h2>
      <p className="muted small">{t("weightsNote", { version: weightsVersion })}</p>
      <GapTotalsTable results={results} locale={locale} />
    </section>
  );
}
