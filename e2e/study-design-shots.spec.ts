import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { loadDraft } from "@/db/queries/studies";
import { removeItem, saveWeights } from "@/lib/studies/draft";
import { publishDraft } from "@/lib/studies/publish";
import { makeHotelStudy } from "./study-design-helpers";

// Screenshots of the study pages for a human to look at, not assertions:
// run with SHOTS_DIR=/tmp/shots-b to write them. Skipped otherwise on
// purpose: it checks nothing a test could fail on, and writing images on
// every run would only slow the suite. (The README's screenshots come from
// `npm run screenshots`, scripts/screenshots.ts.)
const dir = process.env.SHOTS_DIR;
test.skip(!dir, "review screenshots only: set SHOTS_DIR to write them (asserts nothing)");

const sizes = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

test("study pages at phone and desktop widths", async ({ page, workspace, signedInAs }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(dir!, { recursive: true });
  await signedInAs(workspace.owner);
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.goto("/studies");
    await page.screenshot({ path: path.join(dir!, `studies-empty-${size.name}.png`), fullPage: true });
  }

  const study = makeHotelStudy(workspace.id, { name: "Front desk, autumn 2026", segments: ["Taipei Station", "Xinyi"] });
  const draft = loadDraft(study.id);
  saveWeights(workspace.id, study.id, Object.fromEntries(draft.map((c, i) => [c.id, [30, 20, 15, 15, 10, 10][i]])));
  publishDraft(workspace.id, study.id, workspace.owner.userId);
  const other = makeHotelStudy(workspace.id, { name: "Restaurant lunch service", provider: "Lotus Garden", industry: "restaurant", languages: ["zh-Hant", "zh-Hans"] });
  removeItem(workspace.id, other.id, loadDraft(other.id)[1].items[0].id);

  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.goto("/studies");
    await page.screenshot({ path: path.join(dir!, `studies-list-${size.name}.png`), fullPage: true });
    await page.goto("/studies/new");
    await page.screenshot({ path: path.join(dir!, `new-study-${size.name}.png`), fullPage: true });
    await page.goto(`/studies/${study.id}`);
    await page.screenshot({ path: path.join(dir!, `overview-${size.name}.png`), fullPage: true });

    await page.goto(`/studies/${other.id}/design`);
    const weights = page.locator("#weights");
    await weights.getByRole("spinbutton").first().fill("30");
    await expect(weights.getByTestId("weight-sum")).toContainText("too many");
    await weights.scrollIntoViewIfNeeded();
    await weights.screenshot({ path: path.join(dir!, `weights-editor-${size.name}.png`) });
    await page.screenshot({ path: path.join(dir!, `design-top-${size.name}.png`) });
    const criterion = page.locator(".criterion-card").nth(1);
    await criterion.locator(".item-form textarea").first().fill("櫃檯人員親切地招呼我，並主動詢問需求。");
    await criterion.screenshot({ path: path.join(dir!, `question-editor-${size.name}.png`) });
    await page.locator("#publish").screenshot({ path: path.join(dir!, `publish-panel-${size.name}.png`) });
    await page.screenshot({ path: path.join(dir!, `design-full-${size.name}.png`), fullPage: true });

    await page.goto(`/studies/${other.id}/design`);
    await page.screenshot({ path: path.join(dir!, `design-head-${size.name}.png`) });
    await page.getByRole("button", { name: "繁體中文" }).click();
    await page.waitForURL(/\/studies/);
    await page.goto(`/studies/${other.id}/design`);
    await expect(page.getByRole("heading", { name: "問卷", exact: true })).toBeVisible();
    await page.locator("#weights").screenshot({ path: path.join(dir!, `weights-editor-zh-Hant-${size.name}.png`) });
    await page.locator(".criterion-card").first().screenshot({ path: path.join(dir!, `question-editor-zh-Hant-${size.name}.png`) });
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

    await page.goto(`/studies/${study.id}/preview?lang=zh-Hant`);
    await page.screenshot({ path: path.join(dir!, `preview-${size.name}.png`), fullPage: false });
    await page.locator(".pv-section").first().screenshot({ path: path.join(dir!, `preview-section-${size.name}.png`) });
  }
});
