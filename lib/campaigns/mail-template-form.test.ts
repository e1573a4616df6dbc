import { describe, expect, it } from "vitest";
import { readMailTemplateForm } from "./mail-template-form";

// The invitation wording form: per study language, an empty field is the
// default; lengths are limited; wording of a language the study no longer
// has is kept.

describe("readMailTemplateForm", () => {
  it("keeps what is filled in, trimmed, and leaves empty fields to the default", () => {
    const read = readMailTemplateForm(
      {
        "subject.en": "  Harbour Hotel: two minutes? ",
        "intro.en": "Line one\r\nLine two",
        "button.en": "",
        "subject.zh-Hant": "",
        "intro.zh-Hant": "",
        "button.zh-Hant": "開始",
      },
      ["en", "zh-Hant"],
      null,
    );
    expect(read).toEqual({
      ok: true,
      template: { subject: { en: "Harbour Hotel: two minutes?" }, intro: { en: "Line one\nLine two" }, button: { "zh-Hant": "開始" } },
    });
  });

  it("is null when every field is empty, and clears what was saved", () => {
    const saved = { subject: { en: "Old" } };
    expect(readMailTemplateForm({ "subject.en": " ", "intro.en": "", "button.en": "" }, ["en"], saved)).toEqual({ ok: true, template: null });
    expect(readMailTemplateForm({}, ["en"], saved)).toEqual({ ok: true, template: null });
  });

  it("keeps the wording of a language the study no longer has", () => {
    const saved = { subject: { en: "Old", "zh-Hans": "旧的主题" }, button: { "zh-Hans": "开始" } };
    expect(readMailTemplateForm({ "subject.en": "New" }, ["en"], saved)).toEqual({
      ok: true,
      template: { subject: { en: "New", "zh-Hans": "旧的主题" }, button: { "zh-Hans": "开始" } },
    });
  });

  it("limits lengths (subject 150, intro 1,000, button 40) and keeps subject and button on one line", () => {
    const ok = readMailTemplateForm({ "subject.en": "s".repeat(150), "intro.en": "i".repeat(1000), "button.en": "b".repeat(40) }, ["en"], null);
    expect(ok.ok).toBe(true);
    expect(readMailTemplateForm({ "subject.en": "s".repeat(151), "intro.en": "i".repeat(1001), "button.en": "b".repeat(41) }, ["en"], null)).toEqual({
      ok: false,
      fieldErrors: { "subject.en": ["tooLong"], "intro.en": ["tooLong"], "button.en": ["tooLong"] },
    });
    expect(readMailTemplateForm({ "subject.en": "Two\nlines", "button.en": "Go\r\nnow", "intro.en": "Two\nlines" }, ["en"], null)).toEqual({
      ok: false,
      fieldErrors: { "subject.en": ["singleLine"], "button.en": ["singleLine"] },
    });
  });

  it("refuses control characters and values that are not text, and saves nothing then", () => {
    expect(readMailTemplateForm({ "subject.en": "Hi\u0000", "intro.en": "Tab\there", "button.en": new Blob(["x"]) }, ["en"], null)).toEqual({
      ok: false,
      fieldErrors: { "subject.en": ["invalid"], "intro.en": ["invalid"], "button.en": ["invalid"] },
    });
  });
});
