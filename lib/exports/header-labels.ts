import { createTranslator } from "next-intl";
import { isLocale, localeNames, type Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

// Column headings of the workbook's analysis sheets in a reader's language
// (messages/<locale>/dashboard.json export.columns). The codes stay the
// columns' names everywhere a program reads them: the CSV files, the
// Responses sheet (the import reads it back) and the API's exports.

const perLanguage = /^(criterion_name|item_text|anchor_min|anchor_max)_(.+)$/;

/** A function from a column's code to its heading in `locale`; a code it does not know stays as it is. */
export function headerLabels(locale: Locale): (code: string) => string {
  const t = createTranslator({ locale, messages: loadMessages(locale), namespace: "dashboard.export.columns" }) as unknown as {
    (key: string): string;
    has(key: string): boolean;
  };
  const chinese = locale.startsWith("zh");
  return (code) => {
    const split = perLanguage.exec(code);
    if (split && isLocale(split[2])) return chinese ? `${t(split[1])}（${localeNames[split[2]]}）` : `${t(split[1])} (${localeNames[split[2]]})`;
    return t.has(code) ? t(code) : code;
  };
}
