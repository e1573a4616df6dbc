// System fonts only, ordered by the page's language: a 简体中文 page must draw
// Han characters with mainland glyph shapes (PingFang SC, Microsoft YaHei,
// Noto Sans CJK SC) and a 繁體中文 page with Taiwan's (TC), wherever both are
// installed. Latin-only fonts come first so Latin text keeps its face; the
// CJK fonts of the page's script come before system-ui, whose own CJK
// fallback follows the system's language rather than the page's.
// app/globals.css repeats these stacks (a unit test keeps them equal).

const latin = `"Segoe UI", Roboto, "Helvetica Neue"`;
const tc = `"PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC"`;
const sc = `"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC"`;

export const fontStacks = {
  /** English pages (Chinese study texts may still appear: Taiwan's shapes first, as before). */
  en: `system-ui, -apple-system, ${latin}, ${tc}, ${sc}, sans-serif`,
  "zh-Hant": `${latin}, ${tc}, system-ui, -apple-system, ${sc}, sans-serif`,
  "zh-Hans": `${latin}, ${sc}, system-ui, -apple-system, ${tc}, sans-serif`,
} as const;

/**
 * The rules that pick a stack by language: `--font` follows `:lang()` on every
 * element (a variable only), and an element that carries its own lang (the
 * page's <html>, a language switch's "简体中文") draws with its own stack.
 */
export const fontCss =
  `:root{--font:${fontStacks.en}}` +
  // `:root:lang()` too: the survey preview scopes `:root` to its frame, which carries the survey's lang.
  `:root:lang(zh-Hant),:lang(zh-Hant){--font:${fontStacks["zh-Hant"]}}` +
  `:root:lang(zh-Hans),:lang(zh-Hans){--font:${fontStacks["zh-Hans"]}}` +
  // `:root [lang]` outranks a control's `font: inherit` (a language switch's button).
  `[lang],:root [lang]{font-family:var(--font)}`;
