import { describe, expect, it } from "vitest";
import { scopedSurveyCss, surveyCss } from "@/ui/survey/survey-css";

// The designer's preview shows the survey inside the app with the survey's
// own stylesheet confined to it: no rule may reach the app's page around it.

describe("the survey's stylesheet, scoped for the preview", () => {
  const scoped = scopedSurveyCss(".sv-preview");
  const selectorsOf = (css: string) =>
    [...css.replace(/@media[^{]*\{/g, "").matchAll(/(?:^|\})\s*([^{}@]+)\{/g)].flatMap(([, s]) => s.split(",").map((x) => x.trim())).filter(Boolean);

  it("prefixes every selector, inside @media too, and turns :root, html and body into the scope", () => {
    const selectors = selectorsOf(scoped);
    expect(selectors.length).toBeGreaterThan(80);
    for (const selector of selectors) expect(selector.startsWith(".sv-preview"), selector).toBe(true);
    expect(selectors).toContain(".sv-preview .sv-scale>legend");
    expect(scoped).toContain("@media (max-width:560px){.sv-preview{font-size:16px}");
    expect(scopedSurveyCss(".x", "html:lang(zh-Hans){--font:a}body{margin:0}")).toBe(".x:lang(zh-Hans){--font:a}\n.x{margin:0}\n");
  });

  it("keeps every declaration of the original", () => {
    const declarations = (css: string) => [...css.matchAll(/\{([^{}]*)\}/g)].map(([, d]) => d.trim()).sort();
    expect(declarations(scoped)).toEqual(declarations(surveyCss));
  });
});
