import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { openOrCreateDemo } from "@/lib/demo/explore-demo";
import { localeCookie } from "@/lib/i18n/locales";
import { makeHotelStudy } from "./study-design-helpers";

// Every page a signed-in manager sees, in English and in 繁體中文, has no
// serious or critical axe-core finding: charts (drawn in the browser or on
// the server) included, once they are drawn.

for (const locale of ["en", "zh-Hant"] as const) {
  test(`Every signed-in page has no serious or critical axe finding (${locale})`, async ({ page, workspace, signedInAs, baseURL }) => {
    test.setTimeout(240_000);
    const { studyId } = await openOrCreateDemo(workspace.id, workspace.owner.userId, { responses: 60 });
    const draft = await makeHotelStudy(workspace.id, { name: "Draft study" });
    await signedInAs(workspace.owner);
    await page.context().addCookies([{ name: localeCookie, value: locale, url: baseURL! }]);

    const demo = `/studies/${studyId}`;
    const pages = [
      "/studies",
      "/studies/new",
      demo,
      `${demo}/design`,
      `${demo}/edit`,
      `${demo}/preview`,
      `${demo}/distribute`,
      `${demo}/distribute/email`,
      `${demo}/import`,
      `${demo}/results`,
      `${demo}/gaps`,
      `${demo}/report`,
      `${demo}/follow-up`,
      `/studies/${draft.id}`,
      `/studies/${draft.id}/design`,
      "/contacts",
      "/contacts/import",
      "/settings",
      "/account",
    ];
    // Pages reached from others: a printable card of one of the demo's links.
    await page.goto(`${demo}/distribute`);
    const card = await page.locator('a[href*="/distribute/card/"]').first().getAttribute("href");
    if (card) pages.push(card);

    const findings: string[] = [];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      // The <title> may be streamed in after the content: axe checks it.
      await expect(page).toHaveTitle(/\S/);
      // Charts drawn in the browser: wait until each one has its <svg>.
      for (const box of await page.locator(".chart-box").all()) await expect(box.locator("svg").first()).toBeAttached({ timeout: 15_000 });
      const results = await new AxeBuilder({ page }).exclude("iframe.mail-frame").analyze();
      for (const v of results.violations.filter((v) => v.impact === "serious" || v.impact === "critical"))
        findings.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    }
    expect(findings).toEqual([]);
  });
}
