import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test, type Account } from "./fixtures";
import { getDb } from "@/db/client";
import { findPublicLink } from "@/db/queries/links";
import { findStudy, listVersions, loadDraft } from "@/db/queries/studies";
import { makeInternalLink } from "@/lib/survey/fixture-study";
import { makeHotelStudy } from "./study-design-helpers";
import { expectedGroup, makePublishedStudy, perceivedGroup, responsesOf } from "./survey-helpers";

// Issue 18, "never lose or misstate what the manager meant": what is typed is
// what is published (or the publish says why not), destructive clicks ask
// first, the preview is the survey itself, and a language switch keeps the
// answers on the page. Each checked with JavaScript on and off where it is
// a form.

const shotsDir = path.resolve(process.env.E2E_DIR ?? "test-results", "shots-h5");

/** Phone and desktop screenshots of the page as it is now (around `focus`), for a person to look at. */
async function shots(page: Page, name: string, focus?: Locator) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const size = page.viewportSize();
  for (const [label, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    await page.setViewportSize(viewport);
    if (focus) await focus.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(shotsDir, `${name}-${label}.png`) });
  }
  if (size) await page.setViewportSize(size);
}

async function signedIn(browser: Browser, account: Account, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);
  return page;
}

const criteriaNames = [
  "Professionalism and Skills",
  "Attitudes and Behaviour",
  "Accessibility and Flexibility",
  "Reliability and Trustworthiness",
  "Recovery",
  "Reputation and Credibility",
];
const typed = [30, 10, 10, 30, 10, 10];

for (const javaScriptEnabled of [true, false]) {
  test(`weights typed but not saved go out with "Publish version 1" (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    workspace,
  }) => {
    const study = await makeHotelStudy(workspace.id);
    const page = await signedIn(browser, workspace.owner, javaScriptEnabled);
    await page.goto(`/studies/${study.id}/design`);
    const weights = page.locator("#weights");
    for (const [i, name] of criteriaNames.entries()) await weights.getByLabel(name, { exact: true }).fill(String(typed[i]));
    const panel = page.locator("#publish");
    if (javaScriptEnabled) {
      // The panel and the banner say what will happen to the typed weights.
      await expect(weights.getByText("Unsaved changes")).toBeVisible();
      await expect(panel.getByTestId("publish-ready")).toHaveText("✓ Ready to publish. The weights you typed are saved with it.");
      await expect(page.getByTestId("unsaved-weights")).toBeVisible();
      await shots(page, "design-unsaved-weights");
      await shots(page, "design-publish-panel", panel);
    }
    await panel.getByRole("button", { name: "Publish version 1" }).click();
    await expect(page.getByTestId("published")).toContainText("Version 1 published.");
    const [v1] = await listVersions(getDb(), study.id);
    expect(v1.snapshot.criteria.map((c) => c.weight)).toEqual(typed);
    expect((await loadDraft(getDb(), study.id)).map((c) => c.weight)).toEqual(typed);
    // The banner is true: the draft (and what the inputs show) is version 1.
    await expect(page.getByTestId("draft-status")).toContainText("The draft equals version 1.");
    await expect(weights.getByLabel("Recovery", { exact: true })).toHaveValue("10");
    await expect(page.getByTestId("unsaved-weights")).toHaveCount(0);
    // Nothing new: no invitation to publish a copy of version 1.
    await page.goto(`/studies/${study.id}/design`);
    await expect(panel.getByTestId("publish-nothing-new")).toContainText("Nothing to publish: the draft equals version 1.");
    await expect(panel.getByRole("button", { name: "Publish version 2" })).toHaveCount(0);
    await page.context().close();
  });
}

test("weights that cannot be saved hold the version back, and the panel never says ready beside them", async ({ page, workspace, signedInAs }) => {
  const study = await makeHotelStudy(workspace.id);
  await signedInAs(workspace.owner);
  await page.goto(`/studies/${study.id}/design`);
  const panel = page.locator("#publish");
  await expect(panel.getByTestId("publish-ready")).toHaveText("✓ Ready to publish.");
  await page.locator("#weights").getByLabel("Recovery", { exact: true }).fill("6.66");
  await expect(panel.getByTestId("publish-ready")).toHaveCount(0);
  await expect(panel.getByTestId("publish-weights-problem")).toHaveText(
    "Not ready: the weights above cannot be saved as typed (the points must add up to exactly 100).",
  );
  await panel.getByRole("button", { name: "Publish version 1" }).click();
  await expect(panel.getByTestId("publish-refused")).toHaveText(
    "Not published: the weights you typed cannot be saved (the points must add up to exactly 100). Nothing was published.",
  );
  await expect(page.locator("#weights").getByText("Not published: the points must add up to exactly 100.")).toBeVisible();
  expect(await listVersions(getDb(), study.id)).toEqual([]);
  expect((await loadDraft(getDb(), study.id)).map((c) => c.weight)).not.toContain(6.66);
});

test("replacing the public link asks first, spelling out what stops working (JavaScript off)", async ({ browser, workspace }) => {
  const fixture = await makePublishedStudy({ workspaceId: workspace.id, languages: ["en", "zh-Hant"] });
  const page = await signedIn(browser, workspace.owner, false);
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  await page.getByText("Replace link…").click();
  // One click opened the confirmation; nothing changed.
  expect((await findPublicLink(getDb(), fixture.studyId))?.token).toBe(fixture.token);
  await expect(page.getByText("Every printed QR code, receipt and table card with the current link leads nowhere")).toBeVisible();
  await expect(page.getByText("The current link stops working at once")).toBeVisible();
  await shots(page, "distribute-replace-confirm", page.locator("#public-heading"));
  await page.getByRole("button", { name: "Yes, replace the link" }).click();
  await expect(page.getByLabel("Survey link", { exact: true })).not.toHaveValue(new RegExp(fixture.token));
  const replaced = await findPublicLink(getDb(), fixture.studyId);
  expect(replaced?.token).not.toBe(fixture.token);
  const old = await page.request.get(`/s/${fixture.token}`);
  expect(await old.text()).toContain("This survey link is no longer active");
  await page.context().close();
});

test("Close now (confirmed first) stops the survey at once; Reopen starts it again (JavaScript off)", async ({ browser, workspace }) => {
  const fixture = await makePublishedStudy({ workspaceId: workspace.id });
  const page = await signedIn(browser, workspace.owner, false);
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  await expect(page.getByTestId("survey-state")).toHaveText("Open for answers");
  await page.getByText("Close now…").click();
  expect((await findStudy(getDb(), workspace.id, fixture.studyId))?.closesAt).toBeNull();
  await expect(page.getByText("Customers halfway through cannot finish.")).toBeVisible();
  await page.getByRole("button", { name: "Yes, close the survey now" }).click();
  await expect(page.getByTestId("survey-state")).toHaveText("Closed");
  expect((await findStudy(getDb(), workspace.id, fixture.studyId))?.closesAt).toBeLessThanOrEqual(Date.now());
  const closed = await page.request.get(`/s/${fixture.token}`);
  expect(await closed.text()).toContain("This survey is closed");
  await shots(page, "distribute-closed", page.getByTestId("reopen"));
  await page.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByTestId("survey-state")).toHaveText("Open for answers");
  expect((await findStudy(getDb(), workspace.id, fixture.studyId))?.closesAt).toBeNull();
  await page.context().close();
});

test("the preview is the survey: the same legends, scale ends and headings as the live link, in each language", async ({
  page,
  workspace,
  signedInAs,
}) => {
  const fixture = await makePublishedStudy({ workspaceId: workspace.id, languages: ["en", "zh-Hant"] });
  await signedInAs(workspace.owner);
  // The first criterion's page: in the preview, the second page (after the welcome page).
  const texts = async (root: ReturnType<Page["locator"]>, headingIndex: number) => ({
    legends: await root.locator(".sv-item").first().locator(".sv-scale legend").allTextContents(),
    ends: await root.locator(".sv-item").first().locator(".sv-ends").first().innerText(),
    heading: await root.locator("h1").nth(headingIndex).innerText(),
    statement: await root.locator(".sv-item legend").first().innerText(),
    na: await root.locator(".sv-na").first().innerText(),
  });
  for (const [lang, legend] of [
    ["en", expectedGroup],
    ["zh-Hant", "我對優秀業者的期望"],
  ] as const) {
    await page.goto(`/studies/${fixture.studyId}/preview?lang=${lang}`);
    const preview = await texts(page.getByTestId("survey-preview"), 1);
    await shots(page, `preview-${lang}`);
    await shots(page, `preview-${lang}-criterion`, page.locator(".sv-preview-page").nth(1));

    const survey = await page.context().newPage();
    await survey.goto(`/s/${fixture.token}?lang=${lang}`);
    await survey.locator(".sv-actions button").first().click();
    await expect(survey.locator(".sv-progress")).toBeVisible();
    const live = await texts(survey.locator("main"), 0);
    expect(preview).toEqual(live);
    expect(preview.legends[0]).toBe(legend);
    await survey.close();
  }
});

test("switching the survey's language keeps the answers ticked on the page, and a resume keeps both (JavaScript off)", async ({ browser }) => {
  const fixture = await makePublishedStudy({ languages: ["en", "zh-Hant"] });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/s/${fixture.token}?lang=en`);
  await page.getByRole("button", { name: "Start" }).click();
  const items = page.locator("fieldset.sv-item");
  await items.nth(0).getByRole("group", { name: expectedGroup }).getByRole("radio", { name: "6", exact: true }).check();
  await items.nth(0).getByRole("group", { name: perceivedGroup }).getByRole("radio", { name: "4", exact: true }).check();
  // Half a pair: kept on the page too.
  await items.nth(1).getByRole("group", { name: expectedGroup }).getByRole("radio", { name: "5", exact: true }).check();
  await page.getByLabel(/Anything you would like to add about/).fill("Slow check-in.");
  await page.locator(".sv-lang").getByRole("button", { name: "繁體中文" }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
  await expect(page.locator(".sv-progress p")).toContainText("1");
  const checked = async () => ({
    e0: await items.nth(0).locator('.sv-scale.e input[value="6"]').isChecked(),
    p0: await items.nth(0).locator('.sv-scale.p input[value="4"]').isChecked(),
    e1: await items.nth(1).locator('.sv-scale.e input[value="5"]').isChecked(),
  });
  expect(await checked()).toEqual({ e0: true, p0: true, e1: true });
  await expect(page.locator("textarea[name=comment]")).toHaveValue("Slow check-in.");
  await shots(page, "survey-switched-zh-Hant");
  // The switch stays a switch: back to English keeps them too.
  await page.locator(".sv-lang").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(await checked()).toEqual({ e0: true, p0: true, e1: true });
  await page.locator(".sv-lang").getByRole("button", { name: "繁體中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");

  // Saved as a draft: the complete pair and the language survive leaving and coming back.
  const [response] = await responsesOf(fixture.studyId);
  expect(response).toMatchObject({ status: "in_progress", language: "zh-Hant", step: 1 });
  const again = await context.newPage();
  await again.goto(`/s/${fixture.token}`);
  await expect(again.locator("html")).toHaveAttribute("lang", "zh-Hant");
  const resumed = again.locator("fieldset.sv-item");
  await expect(resumed.nth(0).locator('.sv-scale.e input[value="6"]')).toBeChecked();
  await expect(resumed.nth(0).locator('.sv-scale.p input[value="4"]')).toBeChecked();
  await context.close();
});

test("the language switch stays on pages that take no answers: not found, closed, limit reached", async ({ page }) => {
  const unknown = await page.goto("/s/no-such-link-0000000000000000");
  expect(unknown?.status()).toBe(404);
  await expect(page.locator(".sv-lang a")).toHaveText(["English", "繁體中文", "简体中文"]);
  await page.locator(".sv-lang").getByRole("link", { name: "繁體中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");

  const closed = await makePublishedStudy({ languages: ["en", "zh-Hant"], closesAt: Date.now() - 60_000 });
  await page.goto(`/s/${closed.token}?lang=en`);
  await expect(page.locator(".sv-lang a")).toHaveText(["English", "繁體中文"]);

  // A page posted just as the survey closed: the refusal page keeps the switch too.
  const closing = await makePublishedStudy({ languages: ["en", "zh-Hant"] });
  await page.goto(`/s/${closing.token}?lang=en`);
  const { updateStudy } = await import("@/db/queries/studies");
  const { transaction } = await import("@/db/client");
  await transaction((tx) => updateStudy(tx, closing.workspaceId, closing.studyId, { responseLimit: 0 }));
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This survey has all the answers it needs");
  await expect(page.locator(".sv-lang a")).toHaveText(["English", "繁體中文"]);
});

test("smaller things: the full survey link with a copy button, staff links on Distribute, staff legends inside their cards", async ({
  browser,
  workspace,
}) => {
  const fixture = await makePublishedStudy({ workspaceId: workspace.id });
  const staffToken = await makeInternalLink(fixture.studyId, "management");
  const page = await signedIn(browser, workspace.owner);
  const origin = new URL(page.url()).origin;
  await page.goto(`/studies/${fixture.studyId}`);
  await expect(page.getByTestId("overview-survey-link")).toHaveText(`${origin}/s/${fixture.token}`);
  await expect(page.getByRole("button", { name: "Copy link" })).toBeVisible();
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  await expect(page.locator(`input[value="${origin}/i/${staffToken}"]`)).toBeVisible();
  await shots(page, "distribute-staff-links", page.locator("#staff-links-heading"));
  await page.context().close();

  // Without JavaScript there is nothing a copy button could do: none is shown, the link is there to select.
  const noJs = await signedIn(browser, workspace.owner, false);
  await noJs.goto(`/studies/${fixture.studyId}`);
  await expect(noJs.getByTestId("overview-survey-link")).toHaveText(`${origin}/s/${fixture.token}`);
  await expect(noJs.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  await noJs.context().close();

  const staff = await browser.newPage();
  await staff.goto(`/i/${staffToken}`);
  const fieldset = staff.locator("fieldset.rating").first();
  const [box, legend, border] = await Promise.all([
    fieldset.boundingBox(),
    fieldset.locator("legend").boundingBox(),
    fieldset.evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth)),
  ]);
  // The legend sits below the card's top border, not across it.
  expect(legend!.y).toBeGreaterThanOrEqual(box!.y + border);
  await shots(staff, "staff-survey");
  await staff.close();
});
