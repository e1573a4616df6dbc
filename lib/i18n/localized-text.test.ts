import { describe, expect, it } from "vitest";
import { completeLocalizedTextSchema, fillProvider, localizedTextSchema, pickLanguages, textIn } from "./localized-text";

describe("textIn", () => {
  it("gives the reader's language first", () => {
    expect(textIn({ en: "Staff", "zh-Hant": "員工" }, "zh-Hant", ["en"])).toBe("員工");
  });

  it("falls back to the given languages in order, then to any language that has a text", () => {
    const text = { "zh-Hans": "员工", "zh-Hant": "員工" };
    expect(textIn(text, "en", ["zh-Hant", "zh-Hans"])).toBe("員工");
    expect(textIn(text, "en", ["en"])).toBe("员工");
    expect(textIn(text, "en")).toBe("员工");
  });

  it("treats a blank text as missing", () => {
    expect(textIn({ en: "  ", "zh-Hant": "員工" }, "en", ["en"])).toBe("員工");
    expect(textIn({ en: "" }, "en")).toBe("");
  });

  it("gives an empty string for no text", () => {
    expect(textIn(undefined, "en", ["en"])).toBe("");
    expect(textIn({}, "en", ["en"])).toBe("");
  });
});

describe("pickLanguages", () => {
  it("keeps the requested languages that have a text and fills in the provider", () => {
    expect(pickLanguages({ en: "Did {provider} help?", "zh-Hant": " ", "zh-Hans": "有帮助吗" }, ["en", "zh-Hant"], "A$&B")).toEqual({
      en: "Did A$&B help?",
    });
  });

  it("leaves the placeholder when no provider is given", () => {
    expect(pickLanguages({ en: "{provider}" }, ["en"])).toEqual({ en: "{provider}" });
  });
});

describe("fillProvider", () => {
  it("inserts a name with replacement patterns literally", () => {
    expect(fillProvider("{provider} and {provider}", "$1")).toBe("$1 and $1");
  });
});

describe("localizedTextSchema", () => {
  it("trims and drops blank languages", () => {
    expect(localizedTextSchema.parse({ en: " Staff ", "zh-Hant": "   " })).toEqual({ en: "Staff" });
  });

  it("refuses an unknown language and an over-long text", () => {
    expect(localizedTextSchema.safeParse({ fr: "Personnel" }).success).toBe(false);
    expect(localizedTextSchema.safeParse({ en: "x".repeat(501) }).error?.issues[0]?.message).toBe("tooLong");
  });
});

describe("completeLocalizedTextSchema", () => {
  it("requires every language, none blank", () => {
    expect(completeLocalizedTextSchema.safeParse({ en: "a", "zh-Hant": "b", "zh-Hans": "c" }).success).toBe(true);
    expect(completeLocalizedTextSchema.safeParse({ en: "a", "zh-Hant": "b" }).success).toBe(false);
    expect(completeLocalizedTextSchema.safeParse({ en: "a", "zh-Hant": "b", "zh-Hans": " " }).success).toBe(false);
  });
});
