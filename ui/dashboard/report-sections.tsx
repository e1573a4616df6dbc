import { getTranslations } from "next-intl/server";
import { causeFactors, findGap } from "@/lib/questions/causes";
import type { Results } from "@/lib/scoring/results";
import { textIn } from "@/lib/i18n/localized-text";
import { fmt } from "@/lib/format";

/** METHOD.md §5: Gap 5's consequences frame why a shortfall matters. */
export async function GapConsequences({ locale }: { locale: string }) {
  const t = await getTranslations("dashboard.report");
  const gap5 = findGap(5);
  return (
    <section className="card" aria-labelledby="why-heading">
      <h2 id="why-heading">{t("whyTitle")}</h2>
      <p>{t("whyIntro", { gap: textIn(gap5.name, locale, ["en"]) })}</p>
      <ul>
        {(gap5.consequences ?? []).map((c) => (
          <li key={c.key}>{textIn(c.text, locale, ["en"])}</li>
        ))}
      </ul>
    </section>
  );
}

/** Ranked causes of gaps 1–4 with the seed's remedies, when internal perspectives answered them. */
export async function CausesAndRemedies({ results, locale, gapsHref }: { results: Results; locale: string; gapsHref: string }) {
  const t = await getTranslations("dashboard.report");
  const entries = (["1", "2", "3", "4"] as const).flatMap((gap) => results.causes[gap].slice(0, 2).map((c) => ({ gap, ...c })));
  const factor = (key: string) => causeFactors.find((f) => f.key === key);
  return (
    <section className="card" aria-labelledby="causes-heading">
      <h2 id="causes-heading">{t("causesTitle")}</h2>
      {entries.length === 0 ? (
        <p className="muted">
          {t("causesNone")} <a href={gapsHref}>{t("causesLink")}</a>
        </p>
      ) : (
        <ul>
          {entries.map((c) => (
            <li key={c.key}>
              <strong>
                {t("gapN", { n: c.gap })}: {textIn(factor(c.key)?.name, locale, ["en"]) || c.key}
              </strong>{" "}
              ({fmt(c.mean)}, n = {c.n}). {textIn(factor(c.key)?.remedy, locale, ["en"])}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
