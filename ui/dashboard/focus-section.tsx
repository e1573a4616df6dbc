import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { fmt, fmtCi, fmtGap, fmtPoints } from "@/lib/format";
import { textIn } from "@/lib/i18n/localized-text";
import { causeFactors, findGap } from "@/lib/questions/causes";
import type { Names } from "@/lib/results/dashboard";
import type { FocusEntry } from "@/lib/results/focus";
import { focusSize } from "@/lib/scoring/focus";
import type { Results } from "@/lib/scoring/results";
import { VerdictBadge } from "./verdict-badge";

type Props = {
  entries: FocusEntry[];
  results: Pick<Results, "criteria" | "scale">;
  names: Names;
  locale: string;
  gapsHref: string;
};

/**
 * "What to fix first": results.focus (lib/scoring/focus.ts), each criterion
 * with why it is there, its worst items, what customers wrote and the link
 * of the five-gap chain that best explains it. The same component on the
 * dashboard and in the report, so both always show the same answer.
 */
export async function FocusSection({ entries, results, names, locale, gapsHref }: Props) {
  const t = await getTranslations("dashboard.focus");
  const tq = await getTranslations("dashboard.ipa.q");
  const tg = await getTranslations("gaps");
  const text = (value: Parameters<typeof textIn>[0]) => textIn(value, locale, ["en"]);
  // Chinese sentences follow each other without a space, and brackets are full-width.
  const zh = locale.startsWith("zh");
  const space = zh ? "" : " ";
  const bracket = (inner: string) => (zh ? `（${inner}）` : ` (${inner}) `);
  let largestGap: string | null = null;
  let largest = -Infinity;
  for (const c of results.criteria) {
    if (c.gap.mean !== null && c.gap.mean > largest) {
      largest = c.gap.mean;
      largestGap = c.key;
    }
  }

  return (
    <section className="card focus" aria-labelledby="focus-heading" data-testid="focus">
      <h2 id="focus-heading">{t("title")}</h2>
      {entries.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <>
          <p className="muted small">{t("intro", { max: focusSize })}</p>
          <ol className="focus-list">
            {entries.map((entry, index) => {
              const { criterion, explanation } = entry;
              const reasons = [
                index === 0 ? t("reason.first") : index < focusSize ? t("reason.ranked") : null,
                criterion.key === largestGap ? (index < focusSize ? t("reason.alsoLargestGap") : t("reason.largestGap")) : null,
              ].filter((r): r is string => r !== null);
              const low = entry.quadrant === "low-priority" || entry.quadrant === "possible-overkill";
              return (
                <li key={criterion.key} className="focus-entry" data-testid="focus-entry" data-criterion={criterion.key}>
                  <h3>
                    {names.criterion(criterion.key)} <VerdictBadge verdict={criterion.gap.verdict} />
                  </h3>
                  <p>
                    {t("line", {
                      gap: fmtGap(criterion.gap.mean),
                      ci: fmtCi(criterion.gap.ci),
                      weight: fmtPoints(criterion.weight),
                      weighted: fmtGap(entry.weightedGap),
                    })}
                    {space}
                    {reasons.join(space)}
                  </p>
                  {low && entry.quadrant && (
                    <p className="small" data-testid="focus-low-quadrant">
                      {t("lowQuadrant", { quadrant: tq(entry.quadrant) })}
                    </p>
                  )}
                  <div className="focus-details">
                    <div>
                      <h4>{t("items")}</h4>
                      {entry.items.length === 0 ? (
                        <p className="muted small">{t("noItems")}</p>
                      ) : (
                        <ul className="small">
                          {entry.items.map((i) => (
                            <li key={i.key}>
                              {names.item(i.key)} <strong className="num">{fmtGap(i.gap.mean)}</strong>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                    <div>
                      <h4>{t("comments")}</h4>
                      {entry.comments.length === 0 ? (
                        <p className="muted small">{t("noComments")}</p>
                      ) : (
                        <ul className="small focus-comments">
                          {entry.comments.map((c, i) => (
                            <li key={i}>
                              <q>{c}</q>
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                    <div data-testid="focus-explanation">
                      <h4>{t("where")}</h4>
                      {explanation.status === "no-staff-data" ? (
                        <p className="muted small">
                          {t("noStaff")} <Link href={gapsHref}>{t("gapsLink")}</Link>
                        </p>
                      ) : explanation.status === "no-internal-gap" ? (
                        <p className="muted small">{t("noInternalGap")}</p>
                      ) : (
                        <div className="small">
                          <p>
                            <strong>
                              {tg("gapShort", { n: explanation.gap })} · {text(findGap(explanation.gap).name)}
                            </strong>
                            {bracket(tg(`formulaOf.${explanation.gap}`))}
                            {t("gapValue", { value: fmtGap(explanation.value) })}
                          </p>
                          {explanation.cause ? (
                            <p>
                              {t("cause", {
                                cause: text(causeFactors.find((f) => f.key === explanation.cause!.key)?.name) || explanation.cause.key,
                                score: tg("causeScore", { mean: fmt(explanation.cause.mean), scale: results.scale, n: explanation.cause.n }),
                              })}
                              {space}
                              {t("remedy", { remedy: text(causeFactors.find((f) => f.key === explanation.cause!.key)?.remedy) })}
                            </p>
                          ) : (
                            <p className="muted">
                              {text(findGap(explanation.gap).description)}
                              {space}
                              {t("noCause")} <Link href={gapsHref}>{t("gapsLink")}</Link>
                            </p>
                          )}
                        </div>
                      )}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
