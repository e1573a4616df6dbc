import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openOrCreateDemo } from "@/lib/demo/explore-demo";
import { localeCookie } from "@/lib/i18n/locales";
import { pdfPages } from "./pdf-text";

// The report is what a manager prints and hands on. Printed right after it
// loads, on A4 portrait, in each language: every chart already drawn (in the
// server's HTML, no script needed), no table wider than the page, the title
// block with the filter in force, and page numbers in the footer.

const locales = ["en", "zh-Hant", "zh-Hans"] as const;
// A4 (210 mm) less the 12 mm side margins of the report's @page rule, in CSS pixels.
const printableWidth = Math.floor(((210 - 24) / 25.4) * 96);
// Compared with all white space taken out: the PDF's text has no reliable spaces.
const pageOf = { en: /Page1of(\d+)/, "zh-Hant": /第1頁，共(\d+)頁/, "zh-Hans": /第1页，共(\d+)页/ } as const;
const weightTimesGap = { en: "Weight × gap", "zh-Hant": "權重 × 差距", "zh-Hans": "权重 × 差距" } as const;

/** Whether this machine has a font with Han characters: without one, Chromium prints Chinese as empty boxes that carry no text. */
function hasHanFont(): boolean {
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

/** Charts in the page as it is, each with how many of its marks have a non-zero size. */
async function chartMarks(page: Page) {
  // Only the drawings shown at this width (the grid has a narrow one for phones).
  return page.locator("svg.chart-svg").evaluateAll((svgs) =>
    svgs
      .filter((svg) => svg.getClientRects().length > 0)
      .map((svg) => {
        const marks = [...svg.querySelectorAll("rect, path, circle, polygon")].filter((el) => {
          const box = (el as SVGGraphicsElement).getBBox();
          return box.width > 0 && box.height > 0;
        });
        return {
          chart: svg.getAttribute("data-chart"),
          role: svg.getAttribute("role"),
          label: [...svg.querySelectorAll("title, desc")].map((e) => e.textContent ?? "").join(" "),
          marks: marks.length,
          focusable: svg.querySelectorAll("a, [tabindex], button, input").length,
        };
      }),
  );
}

test("The demo report prints on A4 in en, zh-Hant and zh-Hans: charts drawn without script, tables within the page, title block and page numbers", async ({
  page,
  browser,
  workspace,
  signedInAs,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const { studyId } = await openOrCreateDemo(workspace.id, workspace.owner.userId, { responses: 120 });
  await signedInAs(workspace.owner);
  const reportUrl = `/studies/${studyId}/report`;
  const shots = process.env.REPORT_SHOTS_DIR;

  for (const locale of locales) {
    await page.context().addCookies([{ name: localeCookie, value: locale, url: baseURL! }]);

    // 1. The server's HTML, before any script: three charts with drawn marks.
    const html = await (await page.request.get(reportUrl)).text();
    const svgs = html.match(/<svg class="chart-svg[^"]*"[\s\S]*?<\/svg>/g) ?? [];
    // Gap bars, radar, and the grid twice (wide, and narrow for phones).
    expect(svgs.length, locale).toBe(4);
    for (const svg of svgs) {
      expect(svg).toMatch(/role="img"/);
      expect(svg).not.toMatch(/tabindex/i);
      const sized = [...svg.matchAll(/<rect [^>]*width="([\d.]+)" height="([\d.]+)"/g)].filter((m) => Number(m[1]) > 0 && Number(m[2]) > 0);
      const shapes = [...svg.matchAll(/<(circle [^>]*r="([\d.]+)"|polygon points="[^"]+")/g)];
      expect(sized.length + shapes.length, svg.slice(0, 200)).toBeGreaterThan(0);
    }

    // The same page in a browser with JavaScript off: the marks have real sizes when laid out.
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const bare = await noScript.newPage();
    await bare.goto(reportUrl);
    const charts = await chartMarks(bare);
    expect(charts.map((c) => c.chart)).toEqual(["gap-chart", "radar-chart", "ipa-chart"]);
    for (const c of charts) {
      expect(c.role).toBe("img");
      expect(c.label.length).toBeGreaterThan(20);
      expect(c.marks, `${locale} ${c.chart}`).toBeGreaterThanOrEqual(3);
      expect(c.focusable).toBe(0);
    }
    // On a phone the grid's narrow drawing shows instead, just as drawn.
    await bare.setViewportSize({ width: 390, height: 844 });
    const phone = await chartMarks(bare);
    expect(phone.map((c) => c.chart)).toEqual(["gap-chart", "radar-chart", "ipa-chart-narrow"]);
    for (const c of phone) expect(c.marks, `${locale} ${c.chart} on a phone`).toBeGreaterThanOrEqual(3);
    await noScript.close();

    // 2. Laid out for print at the width of an A4 page's printable area: nothing wider than the page.
    await page.setViewportSize({ width: printableWidth, height: 1100 });
    await page.goto(reportUrl);
    await page.emulateMedia({ media: "print" });
    const meta = page.getByTestId("report-meta");
    await expect(meta).toBeVisible();
    await expect(meta.locator("dd")).toHaveCount(6);
    const overflow = await page.evaluate((width) => {
      const bad: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(".report table, .report .table-wrap, .report svg.chart-svg, .report .card")) {
        const box = el.getBoundingClientRect();
        const name = `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""} ${el.closest("section")?.getAttribute("aria-labelledby") ?? ""}`;
        if (box.right > width + 0.5 || box.left < -0.5) bad.push(`${name}: ${box.left}–${box.right}`);
        if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== "svg") bad.push(`${name}: scrolls ${el.scrollWidth} > ${el.clientWidth}`);
      }
      if (document.documentElement.scrollWidth > width + 1) bad.push(`page: ${document.documentElement.scrollWidth}`);
      return bad;
    }, printableWidth);
    expect(overflow, locale).toEqual([]);
    // The criteria table's last column, the ranking, is inside the page.
    const lastHeader = page.getByTestId("criteria-table").locator("thead th").last();
    await expect(lastHeader).toHaveText(weightTimesGap[locale]);
    expect((await lastHeader.boundingBox())!.x + (await lastHeader.boundingBox())!.width).toBeLessThanOrEqual(printableWidth);

    // 3. The PDF, printed as soon as the page has loaded: A4, numbered pages, every table column in it.
    await page.goto(reportUrl, { waitUntil: "commit" });
    await page.waitForLoadState("domcontentloaded");
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    if (shots) {
      fs.mkdirSync(shots, { recursive: true });
      fs.writeFileSync(path.join(shots, `report-${locale}.pdf`), pdf);
    }
    const pages = pdfPages(pdf);
    expect(pages.length, locale).toBeGreaterThanOrEqual(2);
    for (const p of pages) {
      // A4 is 595.3 × 841.9 pt; Chromium rounds the page to whole CSS pixels.
      expect(Math.abs(p.width - 595.3)).toBeLessThan(2);
      expect(Math.abs(p.height - 841.9)).toBeLessThan(2);
    }
    const squeeze = (text: string) => text.replace(/\s+/g, "");
    if (locale === "en" || hasHanFont()) {
      // "Page n of N" in every page's footer.
      for (const [i, p] of pages.entries())
        expect(squeeze(p.text), `${locale} page ${i + 1}`).toMatch(new RegExp(pageOf[locale].source.replace("1", String(i + 1))));
      const total = Number(squeeze(pages[0].text).match(pageOf[locale])?.[1]);
      expect(total, pages[0].text.slice(0, 400)).toBe(pages.length);
      expect(squeeze(pages.map((p) => p.text).join(""))).toContain(squeeze(weightTimesGap[locale]));
    }
    // The ranking column's figures, in any language.
    const ranked = await page.getByTestId("criteria-table").locator("tbody tr td:last-child").allTextContents();
    expect(ranked.length).toBeGreaterThan(0);
    for (const value of ranked) expect(squeeze(pages.map((p) => p.text).join(" "))).toContain(value.trim());
    // No text is drawn outside the printable area (a table cut at the right edge would be).
    for (const [i, p] of pages.entries()) expect(p.maxX, `${locale} page ${i + 1}`).toBeLessThanOrEqual(p.width - 12 * (72 / 25.4) + 2);

    if (shots) {
      await page.emulateMedia({ media: "screen" });
      for (const [name, size] of [
        ["desktop", { width: 1280, height: 900 }],
        ["phone", { width: 390, height: 844 }],
      ] as const) {
        await page.setViewportSize(size);
        await page.goto(reportUrl);
        await page.screenshot({ path: path.join(shots, `report-${locale}-${name}.png`), fullPage: true });
      }
      await page.locator(".report-charts").screenshot({ path: path.join(shots, `report-${locale}-phone-charts.png`) });
      await page.setViewportSize({ width: printableWidth, height: 1100 });
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: path.join(shots, `report-${locale}-print.png`), fullPage: true });
      await page.emulateMedia({ media: "screen" });
    }
  }
});
