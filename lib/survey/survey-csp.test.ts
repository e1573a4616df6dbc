import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { surveyContentSecurityPolicy } from "@/ui/survey/enhance-script";
import { html } from "@/ui/survey/html";
import { surveyDocument } from "@/ui/survey/page-shell";
import { surveyTranslator } from "@/ui/survey/translator";

describe("the survey's Content-Security-Policy", () => {
  const document = surveyDocument({ locale: "en", t: surveyTranslator("en"), title: "Survey", script: true }, html`<p>x</p>`);
  const scripts = [...document.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  const allowed = /script-src ([^;]*)/.exec(surveyContentSecurityPolicy)?.[1].split(" ") ?? [];

  it("allows exactly the inline scripts the page carries, by hash", () => {
    expect(scripts.length).toBe(1);
    const hashes = scripts.map(([, text]) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`);
    expect(allowed).toEqual(hashes);
  });

  it("allows nothing inline without a hash", () => {
    expect(allowed).not.toContain("'unsafe-inline'");
    expect(allowed).not.toContain("'self'");
  });
});
