import type { CompleteLocalizedText } from "@/lib/i18n/localized-text";

// Characters that exist in only one script: a Simplified text containing a
// Traditional-only character (or the reverse) was pasted into the wrong slot.
const traditionalOnly =
  "們務說與時會這來對為員門問題電話號預約間點確訊態應處辦帳費價實際車機場證險療醫師單據開關發現後個給讓還過進選擇謝請護診檢驗報經銷貨買賣歡聯絡網頁線類條飯廳";
const simplifiedOnly =
  "们务说与时会这来对为员门问题电话号预约间点确讯态应处办账费价实际车机场证险疗医师单据开关发现后个给让还过进选择谢请护诊检验报经销货买卖欢联络网页线类条饭厅";
// Mainland terms a Taiwan reader would notice, and Taiwan terms in Simplified.
const notTaiwanese = ["信息", "軟件", "網絡", "質量", "視頻", "默認"];
const notMainland = ["网路", "软体", "资讯"];

/**
 * Heuristic checks of a translated text, for tests and translator tooling:
 * each entry names a likely slip (wrong script, other region's term).
 */
export function scriptProblems(text: CompleteLocalizedText): string[] {
  const problems: string[] = [];
  for (const ch of text["zh-Hans"]) if (traditionalOnly.includes(ch)) problems.push(`zh-Hans has "${ch}"`);
  for (const ch of text["zh-Hant"]) if (simplifiedOnly.includes(ch)) problems.push(`zh-Hant has "${ch}"`);
  for (const word of notTaiwanese) if (text["zh-Hant"].includes(word)) problems.push(`zh-Hant has "${word}"`);
  for (const word of notMainland) if (text["zh-Hans"].includes(word)) problems.push(`zh-Hans has "${word}"`);
  if (/[\u3400-\u9fff]/.test(text.en)) problems.push("en has CJK");
  if (!/[\u3400-\u9fff]/.test(text["zh-Hant"]) || !/[\u3400-\u9fff]/.test(text["zh-Hans"])) problems.push("zh text without CJK");
  return problems;
}
