/** Text as a CSS string literal: nothing in it can end the string, the rule or the <style> element. */
export function cssString(text: string): string {
  return `"${[...text]
    .map((ch) => (/[\w .,:;·!?()\-–—/%+\u00a0-\uffff]/u.test(ch) && ch !== "\u0000" ? ch : `\\${ch.codePointAt(0)!.toString(16)} `))
    .join("")}"`;
}

const fonts: Record<string, string> = {
  "zh-Hans": `"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif`,
  "zh-Hant": `"PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Noto Sans CJK SC", sans-serif`,
};

/**
 * The report's printed pages: A4 portrait, and in the bottom margin of every
 * page the study and "Page n of N" (CSS page-margin boxes, which Chromium
 * draws into its PDFs). `pageOf` holds the localized sentence with the
 * numbers marked as \0page\0 and \0pages\0.
 */
export function ReportPageStyle({ locale, running, pageOf }: { locale: string; running: string; pageOf: string }) {
  const counter = pageOf
    .split(/\u0000(pages?)\u0000/)
    .map((part, i) => (i % 2 === 1 ? `counter(${part})` : part === "" ? "" : cssString(part)))
    .filter(Boolean)
    .join(" ");
  const font = fonts[locale] ?? `system-ui, "Segoe UI", Roboto, "Helvetica Neue", sans-serif`;
  const box = `font-family: ${font}; font-size: 8pt; color: #5a6474;`;
  const css = `@page { size: A4 portrait; margin: 14mm 12mm 16mm 12mm;
  @bottom-left { content: ${cssString(running)}; ${box} }
  @bottom-right { content: ${counter}; ${box} } }`;
  // Every piece of text in it went through cssString, so it is inert as markup too.
  return <style data-testid="report-page-style" dangerouslySetInnerHTML={{ __html: css }} />;
}
