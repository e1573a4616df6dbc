import { getLocale, getTranslations } from "next-intl/server";
import { fmt } from "@/lib/format";
import type { levelChain } from "@/lib/results/five-gap-sections";
import type { Scale } from "@/lib/scoring/types";
import { LevelChainChart } from "@/ui/charts/level-chain-chart";
import { CardSection } from "@/ui/layout/card-section";

type Chain = { key: string; name: string } & ReturnType<typeof levelChain>;

/** Each criterion's level as it passes E → M → S → D → P, with C beside it and where it falls most. */
export async function LevelChainSection({ chains, scale }: { chains: Chain[]; scale: Scale }) {
  const t = await getTranslations("gaps");
  const sep = (await getLocale()).startsWith("zh") ? "、" : ", ";
  return (
    <CardSection headingId="chain-heading" title={t("chainTitle")} intro={t("chainIntro")}>
      <div className="chain-grid">
        {chains.map(({ key, name, points, promised, worst, missing, enough }) => (
          <figure key={key} data-testid={`chain-${key}`}>
            <figcaption>{name}</figcaption>
            <LevelChainChart points={points} promised={promised} promisedLabel={t("promised")} scale={scale} />
            <p className="small">
              {points.map((p) => `${p.step} ${fmt(p.level)}`).join(" → ")} · C {fmt(promised)}
              <br />
              {!enough ? t("chainNotEnough") : worst ? t("largestDrop", { from: worst.from, to: worst.to, drop: fmt(worst.drop) }) : t("noDrop")}
              {enough && missing.length > 0 && (
                <>
                  <br />
                  <span className="muted">{t("chainMissing", { steps: missing.join(sep) })}</span>
                </>
              )}
            </p>
          </figure>
        ))}
      </div>
    </CardSection>
  );
}
