import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fontStacks } from "@/ui/font-stacks";
import { surveyCss } from "@/ui/survey/survey-css";

const flat = (css: string) => css.replace(/\s+/g, " ");

describe("font stacks", () => {
  it("put the page's own script first: SC before TC on 简体中文, TC before SC on 繁體中文", () => {
    for (const [locale, first, second] of [
      ["zh-Hans", "SC", "TC"],
      ["zh-Hant", "TC", "SC"],
    ] as const) {
      const stack = fontStacks[locale];
      for (const family of ["PingFang", "Noto Sans CJK"]) {
        expect(stack.indexOf(`"${family} ${first}"`)).toBeGreaterThan(-1);
        expect(stack.indexOf(`"${family} ${first}"`)).toBeLessThan(stack.indexOf(`"${family} ${second}"`));
      }
      // The system font's CJK fallback follows the system, not the page: it comes after the page's fonts.
      expect(stack.indexOf(`"PingFang ${first}"`)).toBeLessThan(stack.indexOf("system-ui"));
    }
  });

  it("are the same in the app's stylesheet and the survey's, and name no web font", () => {
    const globals = flat(fs.readFileSync(path.join(process.cwd(), "app/globals.css"), "utf8"));
    expect(globals).toContain(`:root { --font: ${fontStacks.en}; }`);
    expect(globals).toContain(`:lang(zh-Hant) { --font: ${fontStacks["zh-Hant"]}; }`);
    expect(globals).toContain(`:lang(zh-Hans) { --font: ${fontStacks["zh-Hans"]}; }`);
    expect(surveyCss).toContain(`:lang(zh-Hans){--font:${fontStacks["zh-Hans"]}}`);
    expect(globals + surveyCss).not.toMatch(/@font-face|@import|fonts\.googleapis/);
  });
});
