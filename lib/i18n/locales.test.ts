import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales, matchAcceptLanguage } from "./locales";

describe("Accept-Language matching", () => {
  it("follows q-values, not list order", () => {
    expect(matchAcceptLanguage("en-GB,zh-TW;q=0.8")).toBe("en");
    expect(matchAcceptLanguage("en;q=0.5,zh-TW;q=0.9")).toBe("zh-Hant");
  });
  it("maps regions and scripts to Traditional or Simplified", () => {
    expect(matchAcceptLanguage("zh-HK")).toBe("zh-Hant");
    expect(matchAcceptLanguage("zh-Hant-TW")).toBe("zh-Hant");
    expect(matchAcceptLanguage("zh-CN,zh;q=0.9")).toBe("zh-Hans");
    expect(matchAcceptLanguage("zh")).toBe("zh-Hans");
  });
  it("keeps to the allowed languages and ignores q=0", () => {
    expect(matchAcceptLanguage("zh-TW,en;q=0.1", ["en", "zh-Hans"])).toBe("en");
    expect(matchAcceptLanguage("zh-TW;q=0,fr")).toBeNull();
    expect(matchAcceptLanguage(undefined)).toBeNull();
  });
});

function keysOf(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe("UI messages", () => {
  const dir = path.resolve("messages");
  const namespaces = fs.readdirSync(path.join(dir, "en")).filter((f) => f.endsWith(".json"));

  it("exist for every language and namespace", () => {
    expect(namespaces.length).toBeGreaterThan(0);
    for (const locale of locales) {
      expect(fs.readdirSync(path.join(dir, locale)).sort()).toEqual([...namespaces].sort());
    }
  });

  it.each(namespaces)("%s has every key, non-empty, in every language", (file) => {
    const read = (locale: string) => JSON.parse(fs.readFileSync(path.join(dir, locale, file), "utf8"));
    const english = keysOf(read("en")).sort();
    for (const locale of locales) {
      const messages = read(locale);
      expect(keysOf(messages).sort(), `${locale}/${file}`).toEqual(english);
      for (const key of english) {
        const value = key.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], messages);
        expect(typeof value === "string" && value.trim().length > 0, `${locale}/${file}: ${key}`).toBe(true);
      }
    }
  });
});
