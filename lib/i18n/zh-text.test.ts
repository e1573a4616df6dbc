import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Chinese text reads native: full-width punctuation next to Chinese
// characters, and one word per concept (docs/glossary.md). Checked over every
// message file and every Chinese text of the question banks.

const root = process.cwd();
const han = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
/** A half-width : ; , ( or ) with a Chinese character or full-width mark right beside it (spaces between count as beside); URLs are skipped. */
const halfWidthBesideHan = new RegExp(`[${han}] *[:;,()]|[:;,()] *[${han}]`, "u");

type Text = { where: string; text: string };

function strings(value: unknown, where: string, out: Text[]): Text[] {
  if (typeof value === "string") out.push({ where, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${where}[${i}]`, out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) strings(v, `${where}.${k}`, out);
  return out;
}

function messageTexts(locale: "zh-Hant" | "zh-Hans"): Text[] {
  const dir = path.join(root, "messages", locale);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => strings(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")), `messages/${locale}/${f}`, []));
}

/** Every "zh-Hant" / "zh-Hans" text of the banks (questions, causes, frameworks). */
function bankTexts(locale: "zh-Hant" | "zh-Hans"): Text[] {
  const dir = path.join(root, "lib/questions/bank");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => strings(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")), `bank/${f}`, []))
    .filter((t) => t.where.endsWith(`.${locale}`));
}

const findings = (texts: Text[], test: (text: string) => boolean) =>
  texts.filter((t) => test(t.text.replace(/[a-z]+:\/\/\S+/g, " "))).map((t) => `${t.where}: ${t.text}`);

describe.each(["zh-Hant", "zh-Hans"] as const)("%s text", (locale) => {
  const texts = [...messageTexts(locale), ...bankTexts(locale)];

  it("has texts to check", () => {
    expect(texts.length).toBeGreaterThan(500);
  });

  it("uses full-width ：；，（） next to Chinese characters", () => {
    expect(findings(texts, (text) => halfWidthBesideHan.test(text))).toEqual([]);
  });

  it("follows the glossary (docs/glossary.md)", () => {
    const rules: [string, RegExp][] =
      locale === "zh-Hant"
        ? [
            // Taiwan says 品質; 質量 is mainland usage (and physics' "mass").
            ["質量", /質量/],
            // A criterion is a 準則; 標準 only in its compounds (服務標準, 標準差, the method's title 六項標準).
            ["標準 for a criterion", /(?<!服務|六項|品質|衛生)標準(?![差稽化])/],
          ]
        : [["标准 for a criterion", /(?<!服务|六项|质量|卫生)标准(?![差审化])/]];
    for (const [, rule] of rules) expect(findings(messageTexts(locale), (text) => rule.test(text))).toEqual([]);
  });
});

it("the check itself finds half-width punctuation beside Chinese", () => {
  expect(halfWidthBesideHan.test("請立即複製此金鑰,之後不會再顯示。")).toBe(true);
  expect(halfWidthBesideHan.test("服務標準(S)")).toBe(true);
  expect(halfWidthBesideHan.test("差距: 0.5")).toBe(true);
  expect(halfWidthBesideHan.test("SQ:{criteria}")).toBe(false);
  expect(halfWidthBesideHan.test("請立即複製此金鑰，之後（S）：")).toBe(false);
  expect(halfWidthBesideHan.test("{count, plural, other {# 題}}")).toBe(false);
});
