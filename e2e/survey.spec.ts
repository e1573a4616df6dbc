import { randomUUID } from "node:crypto";
import { getDb, transaction } from "@/db/client";
import { countSubmitted, listComments } from "@/db/queries/responses";
import { updateStudy } from "@/db/queries/studies";
import { newToken } from "@/lib/auth/tokens";
import { surveySteps } from "@/lib/survey/steps";
import { expect, test } from "./fixtures";
import {
  answerStep,
  answersOf,
  clearSurveyRateLimits,
  completeSurvey,
  currentStep,
  expectAccessible,
  expectedGroup,
  finishSurvey,
  footprint,
  makeInvite,
  makePublishedStudy,
  perceivedGroup,
  responsesOf,
  shot,
  stepBody,
} from "./survey-helpers";

// The customer's survey at /s/<token>: plain HTML forms that work with and
// without JavaScript, on a phone and a desktop; one response per survey
// however often it is sent; clear messages for links that take no answers.

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

test.beforeEach(() => clearSurveyRateLimits());

async function expectStored(studyId: string, options: { segment?: string; language?: string } = {}) {
  const rows = await responsesOf(studyId);
  expect(rows).toHaveLength(1);
  const [row] = rows;
  expect(row.status).toBe("submitted");
  if (options.segment !== undefined) expect(row.segment).toBe(options.segment);
  if (options.language) expect(row.language).toBe(options.language);
  const answers = await answersOf(studyId, row.id);
  return { row, answers };
}

test.describe("with JavaScript on", () => {
  test("a customer completes the survey on a phone: stacked ratings, no sideways scrolling, accessible", async ({ page }) => {
    await page.setViewportSize(phone);
    const fixture = await makePublishedStudy({ askImportance: true, segments: ["Harbour Street", "Airport"] });
    await page.goto(`/s/${fixture.token}`);
    await expect(page.getByRole("heading", { name: "How was your experience with Harbour Hotel?" })).toBeVisible();
    await expectAccessible(page);
    await shot(page, "survey-intro-phone");
    await completeSurvey(page, {
      segment: "Airport",
      onStep: async (index) => {
        if (index !== 1) return;
        const first = page.locator("fieldset.sv-item").first();
        const e = await first.getByRole("group", { name: expectedGroup }).boundingBox();
        const p = await first.getByRole("group", { name: perceivedGroup }).boundingBox();
        expect(p!.y).toBeGreaterThan(e!.y + e!.height - 1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
        const option = await first.locator(".sv-opt span").first().boundingBox();
        expect(option!.height).toBeGreaterThanOrEqual(44);
        await expectAccessible(page);
        await shot(page, "survey-step-phone");
      },
    });
    await expectAccessible(page);
    await shot(page, "survey-thanks-phone");
    const { row, answers } = await expectStored(fixture.studyId, { segment: "Airport", language: "en" });
    expect(row.versionId).toBe(fixture.versionId);
    const items = fixture.snapshot.criteria.flatMap((c) => c.items);
    expect(answers).toHaveLength(items.length);
    const firsts = new Set(fixture.snapshot.criteria.map((c) => c.items[0].id));
    for (const a of answers) {
      if (firsts.has(a.itemId)) expect([a.expected, a.perceived]).toEqual([null, null]);
      else expect([a.expected, a.perceived]).toEqual([6, 4]);
    }
    expect(Object.values(row.customerWeights!).reduce((s, v) => s + v, 0)).toBe(100);
    expect(await countSubmitted(getDb(), fixture.studyId)).toBe(1);
  });

  test("a customer completes the survey on a desktop: ratings side by side, live total, double click stores one", async ({ page }) => {
    await page.setViewportSize(desktop);
    const fixture = await makePublishedStudy({ askImportance: true });
    await page.goto(`/s/${fixture.token}`);
    await page.getByRole("button", { name: "Start" }).click();
    const first = page.locator("fieldset.sv-item").first();
    const e = await first.getByRole("group", { name: expectedGroup }).boundingBox();
    const p = await first.getByRole("group", { name: perceivedGroup }).boundingBox();
    expect(Math.abs(p!.y - e!.y)).toBeLessThan(2);
    expect(p!.x).toBeGreaterThan(e!.x + e!.width);
    // N/A sets the pair aside (JavaScript only improves this; the server decides anyway).
    await first.getByRole("checkbox", { name: /Not applicable/ }).check();
    await expect(first.getByRole("radio", { name: "1 (very low)" }).first()).toBeDisabled();
    await first.getByRole("checkbox", { name: /Not applicable/ }).uncheck();
    await expectAccessible(page);
    await shot(page, "survey-step-desktop");
    // Nothing answered: every item says what is missing; the page with its errors is accessible too.
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("alert")).toContainText(/\d+ answers need your attention/);
    await expect(first.locator(".sv-error")).toHaveText("Rate both columns, or tick “Not applicable”.");
    await expectAccessible(page);
    await shot(page, "survey-step-error-desktop");
    const { total } = await currentStep(page);
    for (let step = 1; step < total; step++) {
      await answerStep(page, { firstNotApplicable: true });
      await page.getByRole("button", { name: "Next" }).click();
      await expect(page.locator(".sv-progress p")).toHaveText(`Step ${step + 1} of ${total}`);
    }
    const inputs = page.locator("input[data-points]");
    await inputs.nth(0).fill("60");
    await expect(page.locator("#sv-total")).toHaveText("60");
    await inputs.nth(1).fill("40");
    await expect(page.locator("#sv-total")).toHaveText("100");
    await expectAccessible(page);
    await shot(page, "survey-importance-desktop");
    await page.getByRole("button", { name: "Send my answers" }).dblclick();
    await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    await shot(page, "survey-thanks-desktop");
    await expectStored(fixture.studyId);
    expect(await countSubmitted(getDb(), fixture.studyId)).toBe(1);
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a customer on a phone completes the survey, fixing what is missing beside the field", async ({ page }) => {
    await page.setViewportSize(phone);
    const fixture = await makePublishedStudy({ segments: ["North", "South"] });
    await page.goto(`/s/${fixture.token}`);
    // Start without choosing where: the same page comes back (422) with the error at the field.
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Start" }).click(),
    ]);
    expect(refused.status()).toBe(422);
    await expect(page.getByLabel("Where did you use the service?")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#sv-segment-error")).toHaveText("Choose one of the options.");
    expect(await responsesOf(fixture.studyId)).toHaveLength(0);
    await page.getByLabel("Where did you use the service?").selectOption("South");
    await page.getByRole("button", { name: "Start" }).click();
    await expect(page.locator(".sv-progress p")).toHaveText(/^Step 1 of \d+$/);

    // Item 2 rated on one side only: 422, the error beside item 2, every other choice kept, nothing written.
    const before = await footprint([fixture.studyId]);
    await answerStep(page, { leaveHalf: 1 });
    await page.getByLabel(/Anything you would like to add/).fill("Friendly staff");
    const [incomplete] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Next" }).click(),
    ]);
    expect(incomplete.status()).toBe(422);
    const item2 = page.locator("fieldset.sv-item").nth(1);
    await expect(item2.locator(".sv-error")).toHaveText("Also rate what you experienced here — or tick “Not applicable”.");
    await expect(page.getByRole("alert")).toContainText("One answer needs your attention.");
    await expect(
      page.locator("fieldset.sv-item").first().getByRole("group", { name: perceivedGroup }).getByRole("radio", { name: "4", exact: true }),
    ).toBeChecked();
    await expect(page.getByLabel(/Anything you would like to add/)).toHaveValue("Friendly staff");
    expect(await footprint([fixture.studyId])).toEqual(before);
    await shot(page, "survey-step-error-phone-nojs");
    await item2.getByRole("group", { name: perceivedGroup }).getByRole("radio", { name: "4", exact: true }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.locator(".sv-progress p")).toHaveText(/^Step 2 of \d+$/);
    await finishSurvey(page);
    const { answers } = await expectStored(fixture.studyId, { segment: "South" });
    expect(answers).toHaveLength(fixture.snapshot.criteria.flatMap((c) => c.items).length);
    const [stored] = await responsesOf(fixture.studyId);
    expect((await listComments(getDb(), stored.id)).map((c) => c.text)).toEqual(["Friendly staff"]);
  });

  test("a customer on a desktop completes the survey; a double submit, a retry and the back button store one response", async ({ page }) => {
    await page.setViewportSize(desktop);
    const fixture = await makePublishedStudy({ askImportance: true });
    await page.goto(`/s/${fixture.token}`);
    let replay: Record<string, string> | null = null;
    await completeSurvey(page, {
      submit: async (button) => {
        const rid = await page.locator('input[name="rid"]').inputValue();
        const last = surveySteps(fixture.snapshot).length - 1;
        const fields: Record<string, string> = { rid, v: fixture.versionId, step: String(last), lang: "en", intent: "next", website: "" };
        for (const input of await page.locator("input[data-points]").all()) fields[(await input.getAttribute("name"))!] = await input.inputValue();
        replay = fields;
        await button.dblclick();
      },
    });
    await expectStored(fixture.studyId);
    const after = await footprint([fixture.studyId]);
    // A retry after a timeout sends the same last page again: "thank you", nothing new.
    const retry = await page.request.post(`/s/${fixture.token}`, { form: replay!, maxRedirects: 0 });
    expect(retry.status()).toBe(303);
    expect(retry.headers()["location"]).toContain("thanks=1");
    // The back button returns to the thank-you page, not to a fresh survey.
    await page.goBack();
    await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    expect(await footprint([fixture.studyId])).toEqual(after);
    expect(after.submitted).toBe(1);
    expect(await countSubmitted(getDb(), fixture.studyId)).toBe(1);
  });
});

test("a customer who closes the tab continues where they stopped", async ({ page, context }) => {
  const fixture = await makePublishedStudy();
  await page.goto(`/s/${fixture.token}`);
  await page.getByRole("button", { name: "Start" }).click();
  await answerStep(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.locator(".sv-progress p")).toHaveText(/^Step 2 of/);
  await answerStep(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.locator(".sv-progress p")).toHaveText(/^Step 3 of/);
  await page.close();

  const again = await context.newPage();
  await again.goto(`/s/${fixture.token}`);
  await expect(again.locator(".sv-progress p")).toHaveText(/^Step 3 of/);
  await expect(again.getByText("Welcome back! Your earlier answers are saved")).toBeVisible();
  await again.getByRole("button", { name: "Back" }).click();
  await expect(again.locator(".sv-progress p")).toHaveText(/^Step 2 of/);
  const first = again.locator("fieldset.sv-item").first();
  await expect(first.getByRole("group", { name: expectedGroup }).getByRole("radio", { name: "6", exact: true })).toBeChecked();
  await expect(first.getByRole("group", { name: perceivedGroup }).getByRole("radio", { name: "4", exact: true })).toBeChecked();
  await again.getByRole("button", { name: "Next" }).click();
  await finishSurvey(again);
  await expectStored(fixture.studyId);
  // The same device, the bare link again: a new customer starts afresh (a shared tablet).
  await again.goto(`/s/${fixture.token}`);
  await expect(again.getByRole("button", { name: "Start" })).toBeVisible();
});

test("an invite is continued from another browser, answered once, then says it was used", async ({ page, browser }) => {
  const fixture = await makePublishedStudy({ segments: ["North", "South"] });
  const invite = await makeInvite(fixture.studyId, "North");
  await page.goto(`/s/${invite}`);
  // The invite carries the segment: nothing to choose.
  await expect(page.getByLabel("Where did you use the service?")).toHaveCount(0);
  await page.getByRole("button", { name: "Start" }).click();
  await answerStep(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.locator(".sv-progress p")).toHaveText(/^Step 2 of/);

  const other = await browser.newContext();
  const laptop = await other.newPage();
  await laptop.goto(`/s/${invite}`);
  await expect(laptop.locator(".sv-progress p")).toHaveText(/^Step 2 of/);
  await finishSurvey(laptop);
  await other.close();
  await expectStored(fixture.studyId, { segment: "North" });
  expect((await footprint([fixture.studyId])).usedInvites).toBe(1);

  // The first browser comes back to its page and sends it: the invite is used, nothing is added.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const stranger = await browser.newContext();
  const late = await stranger.newPage();
  await late.goto(`/s/${invite}`);
  await expect(late.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await expectAccessible(late);
  await shot(late, "survey-used");
  await stranger.close();
  expect(await countSubmitted(getDb(), fixture.studyId)).toBe(1);
});

test("closed, not yet open, full and unknown links each show their own message", async ({ page, request }) => {
  const now = Date.now();
  const closed = await makePublishedStudy({ closesAt: now - 60_000 });
  await page.goto(`/s/${closed.token}`);
  await expect(page.getByRole("heading", { name: "This survey is closed" })).toBeVisible();
  await expect(page.getByText("Harbour Hotel is no longer collecting answers")).toBeVisible();
  await expectAccessible(page);
  await shot(page, "survey-closed");

  const early = await makePublishedStudy({ opensAt: Date.UTC(2099, 0, 15, 9, 0) });
  await page.goto(`/s/${early.token}`);
  await expect(page.getByRole("heading", { name: "This survey has not opened yet" })).toBeVisible();
  await expect(page.getByText("It opens on January 15, 2099 at 9:00 AM UTC")).toBeVisible();

  const full = await makePublishedStudy({ responseLimit: 1 });
  await page.goto(`/s/${full.token}`);
  await completeSurvey(page);
  await page.goto(`/s/${full.token}`);
  await expect(page.getByRole("heading", { name: "This survey has all the answers it needs" })).toBeVisible();

  const unknown = await request.get(`/s/${newToken()}`);
  expect(unknown.status()).toBe(404);
  expect(await unknown.text()).toContain("This survey link does not exist");
  await page.goto(`/s/${newToken()}`);
  await expect(page.getByRole("heading", { name: "This survey link does not exist" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "survey-unknown");

  // A step sent after the survey closed: the closed message, nothing stored.
  const closing = await makePublishedStudy();
  const rid = randomUUID();
  expect((await request.post(`/s/${closing.token}`, { form: stepBody(closing, rid, 0), maxRedirects: 0 })).status()).toBe(303);
  await transaction((tx) => updateStudy(tx, closing.workspaceId, closing.studyId, { closesAt: Date.now() - 1000 }));
  const late = await request.post(`/s/${closing.token}`, { form: stepBody(closing, rid, 1), maxRedirects: 0 });
  expect(late.status()).toBe(409);
  expect(await late.text()).toContain("This survey is closed");
  expect((await footprint([closing.studyId])).answers).toBe(0);
});

test("the customer's language: Accept-Language first, then their choice, kept across steps", async ({ browser }) => {
  const fixture = await makePublishedStudy({ languages: ["en", "zh-Hant"] });
  const context = await browser.newContext({ locale: "zh-TW" });
  const page = await context.newPage();
  await page.goto(`/s/${fixture.token}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
  await expect(page.getByRole("heading", { name: "您在 Harbour Hotel 的體驗如何？" })).toBeVisible();
  // On a page with a form the other language is a button that sends the page (keeping what it holds); the current one is marked.
  const languages = page.getByRole("navigation", { name: "語言" });
  await expect(languages.getByRole("button")).toHaveText(["English"]);
  await expect(languages.getByRole("link", { name: "繁體中文" })).toHaveAttribute("aria-current", "true");
  await page.setViewportSize(phone);
  await shot(page, "survey-intro-zh-Hant-phone");
  await languages.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "How was your experience with Harbour Hotel?" })).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.locator(".sv-progress p")).toHaveText(/^Step 1 of/);
  await expect(page.getByRole("group", { name: expectedGroup }).first()).toBeVisible();
  await context.close();
  expect((await responsesOf(fixture.studyId))[0].language).toBe("en");
  // Simplified Chinese is not a language of this study: English (its first) is shown.
  const other = await browser.newContext({ locale: "zh-CN" });
  const cn = await other.newPage();
  await cn.goto(`/s/${fixture.token}`);
  await expect(cn.locator("html")).toHaveAttribute("lang", "en");
  await other.close();
});
