import { describe, expect, it } from "vitest";
import { surveyTranslator } from "@/ui/survey/translator";
import { fillProvider, pickLanguages, renameProviderIn } from "./localized-text";

describe("the provider's name in a question", () => {
  it("is set off from Chinese characters by a space when it is Latin", () => {
    expect(fillProvider("{provider}的員工很親切。", "Harbour Hotel", "zh-Hant")).toBe("Harbour Hotel 的員工很親切。");
    expect(fillProvider("我信任{provider}。", "Harbour Hotel", "zh-Hans")).toBe("我信任 Harbour Hotel。");
    expect(fillProvider("在{provider}用餐", "7-Eleven", "zh-Hant")).toBe("在 7-Eleven 用餐");
  });

  it("gets no space when it is Chinese, beside punctuation, or in English", () => {
    expect(fillProvider("{provider}的員工很親切。", "海港飯店", "zh-Hant")).toBe("海港飯店的員工很親切。");
    expect(fillProvider("「{provider}」的員工", "Harbour Hotel", "zh-Hant")).toBe("「Harbour Hotel」的員工");
    expect(fillProvider("{provider}'s staff", "Harbour Hotel", "en")).toBe("Harbour Hotel's staff");
    expect(fillProvider("{provider}的員工", "Harbour Hotel")).toBe("Harbour Hotel的員工");
    expect(pickLanguages({ en: "{provider} staff", "zh-Hant": "{provider}的員工" }, ["en", "zh-Hant"], "Harbour Hotel")).toEqual({
      en: "Harbour Hotel staff",
      "zh-Hant": "Harbour Hotel 的員工",
    });
  });

  it("is renamed with its spacing redone", () => {
    expect(renameProviderIn("Harbour Hotel 的員工", "Harbour Hotel", "海港飯店", "zh-Hant")).toBe("海港飯店的員工");
    expect(renameProviderIn("海港飯店的員工", "海港飯店", "Harbour Hotel", "zh-Hant")).toBe("Harbour Hotel 的員工");
    expect(renameProviderIn("我信任 Harbour Hotel，也推薦 Harbour Hotel 給朋友。", "Harbour Hotel", "Sea View", "zh-Hant")).toBe(
      "我信任 Sea View，也推薦 Sea View 給朋友。",
    );
    expect(renameProviderIn("Harbour Hotel's staff", "Harbour Hotel", "Sea View", "en")).toBe("Sea View's staff");
    expect(renameProviderIn("沒有名字", "Harbour Hotel", "Sea View", "zh-Hant")).toBe("沒有名字");
  });

  it("is spaced the same way in the survey's own messages", () => {
    expect(surveyTranslator("zh-Hant")("intro.heading", { provider: "Harbour Hotel" })).toBe("您在 Harbour Hotel 的體驗如何？");
    expect(surveyTranslator("zh-Hant")("intro.heading", { provider: "海港飯店" })).toBe("您在海港飯店的體驗如何？");
    expect(surveyTranslator("zh-Hans")("thanks.body", { provider: "Harbour Hotel" })).toContain("帮助 Harbour Hotel 找");
    expect(surveyTranslator("en")("intro.heading", { provider: "Harbour Hotel" })).toContain("Harbour Hotel");
  });
});
