import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { problemCodes } from "./problems";

// Every problem the importer reports can be shown in every language: the
// page translates problems by code with their parameters.

const params = {
  limit: 5,
  name: "perceived",
  ref: "s1",
  other: 2,
  value: "3",
  segments: "Branch A",
  version: 1,
  criterion: "speed",
  reverse: "true",
  convention: "servqual",
  scale: 5,
};

describe("import problem messages", () => {
  it.each([...locales])("%s has a message for every problem code, and each formats", (locale) => {
    const messages = JSON.parse(fs.readFileSync(path.resolve("messages", locale, "import.json"), "utf8"));
    expect(Object.keys(messages.problems).sort()).toEqual([...problemCodes].sort());
    const errors: unknown[] = [];
    const t = createTranslator({ locale, messages: { import: messages }, namespace: "import", onError: (e) => errors.push(e) });
    for (const code of problemCodes) {
      const text = t(`problems.${code}` as never, params as never) as string;
      expect(text, code).not.toContain("{");
    }
    expect(errors).toEqual([]);
  });
});
