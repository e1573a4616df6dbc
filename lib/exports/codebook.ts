import { createTranslator } from "next-intl";
import type { VersionRow } from "@/db/queries/studies";
import { fillProvider, providerIn } from "@/lib/i18n/localized-text";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import type { Cell } from "./csv";
import { wideColumnStem } from "./wide-columns";

// The codebook: what every column of the raw exports means, so an analyst
// needs no decoder. One row per version × item: its criterion and weight,
// its text in each of the study's languages as respondents read it, whether
// it is reverse-scored (and so recoded L + 1 − x in the exports), the scale
// and its anchors as the survey shows them, and its columns in the wide file.

/** The scale anchors the survey prints, in `locale` (messages/<locale>/survey.json). */
function anchorsIn(locale: Locale): { low: string; high: string } {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: "survey.scale" }) as unknown as (key: string) => string;
  return { low: t("low"), high: t("high") };
}

export function codebookHeader(languages: readonly string[]): string[] {
  const each = (name: string) => languages.map((l) => `${name}_${l}`);
  return [
    "version",
    "criterion",
    ...each("criterion_name"),
    "weight",
    "item",
    ...each("item_text"),
    "reverse_scored",
    "scale_min",
    "scale_max",
    ...each("anchor_min"),
    ...each("anchor_max"),
    "wide_columns",
  ];
}

/** Every item of every version (newest first), as the codebook's rows. */
export function codebookRows(versions: readonly VersionRow[], languages: readonly string[], provider: string): Cell[][] {
  const anchors = languages.map((l) => (isLocale(l) ? anchorsIn(l) : { low: "", high: "" }));
  const rows: Cell[][] = [];
  for (const v of [...versions].sort((a, b) => b.number - a.number)) {
    for (const c of v.snapshot.criteria) {
      for (const i of c.items) {
        const stem = wideColumnStem(i.key, i.reverse);
        rows.push([
          v.number,
          c.key,
          ...languages.map((l) => c.name[l as Locale] ?? ""),
          c.weight,
          i.key,
          ...languages.map((l) =>
            fillProvider(i.text[l as Locale] ?? "", providerIn(l, v.snapshot.provider || provider, v.snapshot.providerNames), l),
          ),
          i.reverse,
          1,
          v.snapshot.scale,
          ...anchors.map((a) => a.low),
          ...anchors.map((a) => a.high),
          `${stem}.expected ${stem}.perceived`,
        ]);
      }
    }
  }
  return rows;
}
