import { getTranslations } from "next-intl/server";
import { fmt } from "@/lib/format";
import { textIn } from "@/lib/i18n/localized-text";
import { causeFactors, findGap } from "@/lib/questions/causes";
import type { causeSections } from "@/lib/results/five-gap-sections";
import type { Scale } from "@/lib/scoring/types";
import { CardSection } from "@/ui/layout/card-section";

type Props = { sections: ReturnType<typeof causeSections>; scale: Scale; locale: string; fallbacks: readonly string[] };

/** Gaps 1–4 with their likely causes ranked, as the perspective that rates them answered. */
export async function CausesSection({ sections, scale, locale, fallbacks }: Props) {
  const t = await getTranslations("gaps");
  const text = (value: Parameters<typeof textIn>[0]) => textIn(value, locale, fallbacks);
  return (
    <CardSection headingId="causes-heading" title={t("causesTitle")} intro={t("causesIntro")}>
      <div className="grid cols-2">
        {sections.map(({ gap, rater, answered, ranked }) => (
          <div key={gap}>
            <h3>
              {t("gapShort", { n: gap })} · {text(findGap(gap).name)}
            </h3>
            {!answered ? (
              <p className="muted small">{t("causesNoData", { perspective: t(`perspective.${rater}.name`) })}</p>
            ) : ranked.length === 0 ? (
              <p className="muted small">{t("noLikelyCause")}</p>
            ) : (
              <ol className="cause-list">
                {ranked.map((cause) => {
                  const factor = causeFactors.find((f) => f.key === cause.key);
                  return (
                    <li key={cause.key} data-testid={`cause-${cause.key}`}>
                      <strong>{text(factor?.name)}</strong>{" "}
                      <span className="muted small">({t("causeScore", { mean: fmt(cause.mean), scale, n: cause.n })})</span>
                      <div className="small">
                        {t("remedy")}: {text(factor?.remedy)}
                      </div>
                    </li>
                  );
                })}
              </ol>
            )}
          </div>
        ))}
      </div>
    </CardSection>
  );
}
