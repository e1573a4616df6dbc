import { getTranslations } from "next-intl/server";
import { fmt } from "@/lib/format";
import { textIn } from "@/lib/i18n/localized-text";
import { findGap } from "@/lib/questions/causes";
import { CardSection } from "@/ui/layout/card-section";

/** Why gap 5 matters: its weighted total over n customers and its consequences. */
export async function WhySection({
  gap5,
  customers,
  locale,
  fallbacks,
}: {
  gap5: number | null;
  customers: number;
  locale: string;
  fallbacks: readonly string[];
}) {
  const t = await getTranslations("gaps");
  return (
    <CardSection headingId="why-heading" title={t("whyTitle")}>
      <p>{t("whyText", { sq: fmt(gap5), n: customers })}</p>
      <ul className="consequences">
        {(findGap(5).consequences ?? []).map((c) => (
          <li key={c.key}>{textIn(c.text, locale, fallbacks)}</li>
        ))}
      </ul>
    </CardSection>
  );
}
