import fs from "node:fs";
import { expect, makeWorkspace, test } from "./fixtures";
import { createFixtureStudy, expected, kpis } from "./dashboard-helpers";
import { badCsv, bigCsv, chooseFile, goodCsv } from "./import-helpers";
import { getDb } from "@/db/client";
import { countSubmitted } from "@/db/queries/responses";

// Importing responses from a CSV on the manager's import page.

const shots = "/tmp/shots-f";
fs.mkdirSync(shots, { recursive: true });

test("a CSV with errors gets a row/column report and stores nothing", async ({ page, request, workspace, signedInAs }) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import with errors");
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}`);
  await page.getByRole("link", { name: "Import responses" }).click();
  await expect(page.getByRole("heading", { name: "Import responses", level: 1 })).toBeVisible();

  await chooseFile(page, "paper-survey.csv", badCsv());
  // "Check and import" still refuses the whole file.
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page).toHaveURL(/\/import\?file=/);
  await expect(page.getByRole("heading", { name: "3 problems in paper-survey.csv. Nothing was imported." })).toBeVisible();
  const rows = page.getByRole("table", { name: "Problems by row and column" }).locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator("td")).toHaveText(["2", "expected_as_answered", "Ratings are whole numbers from 1 to 5."]);
  await expect(rows.nth(1).locator("td")).toHaveText(["3", "item", "“zz” is not an item of version 1."]);
  await expect(rows.nth(2).locator("td")).toHaveText(["4", "segment", "Unknown segment; this study has: Branch A, Branch B."]);
  expect(await countSubmitted(getDb(), studyId)).toBe(0);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}/import-problems-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/import-problems-phone.png`, fullPage: true });
});

test("a good CSV is checked, imported all at once, shows on the dashboard, and a second import adds nothing", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import from paper");
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}/distribute`);
  await page.getByRole("link", { name: "Import responses" }).click();

  await chooseFile(page, "paper-survey.csv", goodCsv());
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "No problems in paper-survey.csv." })).toBeVisible();
  await expect(page.getByText("Importing adds 3 new responses; 0 of the file’s responses are already in this study")).toBeVisible();
  await expect(page.locator(".import-summary")).toContainText("Version 1: 3");
  await expect(page.locator(".import-summary")).toContainText("Branch A: 2 · Branch B: 1");
  await expect(page.locator(".import-summary")).toContainText("Oct 1, 2026 to Oct 3, 2026");
  expect(await countSubmitted(getDb(), studyId)).toBe(0);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}/import-checked-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/import-checked-phone.png`, fullPage: true });

  // The report has its own URL: leaving and coming back finds it again.
  const reportUrl = page.url();
  await page.goto(`/studies/${studyId}`);
  await page.goto(reportUrl);
  await page.getByRole("button", { name: "Import 3 responses" }).click();
  await expect(page.getByRole("heading", { name: "Imported 3 responses (0 already present)." })).toBeVisible();
  expect(await countSubmitted(getDb(), studyId)).toBe(3);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "See the results" }).click();
  await expect(page.getByRole("heading", { name: "Results", level: 1 })).toBeVisible();
  expect(await kpis(page)).toEqual(expected.all);

  // The same file again: idempotent by response id.
  await page.goto(`/studies/${studyId}/import`);
  await chooseFile(page, "paper-survey.csv", goodCsv());
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByRole("heading", { name: "Imported 0 responses (3 already present)." })).toBeVisible();
  expect(await countSubmitted(getDb(), studyId)).toBe(3);
});

test("a 12 MB file goes through the upload and is checked in full", async ({ page, request, workspace, signedInAs }) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import a large file");
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}/import`);
  const big = bigCsv(12);
  await chooseFile(page, "big.csv", big.text);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "No problems in big.csv." })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator(".import-summary")).toContainText(`Branch A: ${big.responses.toLocaleString("en-US")}`);
  expect(await countSubmitted(getDb(), studyId)).toBe(0);
});

test("an analyst cannot import, and another workspace's manager cannot reach the study", async ({ page, request, workspace, signedInAs }) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import forbidden");
  await signedInAs(await workspace.member("analyst"));
  await page.goto(`/studies/${studyId}/import`);
  await expect(page).toHaveURL(/\/forbidden$/);

  // A forged upload, as a form post would send it.
  const forged = await page.request.post(`/studies/${studyId}/import/upload`, {
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(goodCsv()) }, intent: "import", sign: "e-p" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(303);
  expect(forged.headers().location).toBe("/forbidden");
  expect(await countSubmitted(getDb(), studyId)).toBe(0);

  const other = await makeWorkspace("Other team");
  await page.context().clearCookies();
  await signedInAs(await other.member("manager"));
  const foreign = await page.request.post(`/studies/${studyId}/import/upload`, {
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(goodCsv()) }, intent: "import", sign: "e-p" },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(404);
  expect((await page.goto(`/studies/${studyId}/import`))?.status()).toBe(404);
  expect(await countSubmitted(getDb(), studyId)).toBe(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("upload, check and import work as plain forms", async ({ page, request, workspace, signedInAs }) => {
    const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import without JS");
    await signedInAs(await workspace.member("manager"));
    await page.goto(`/studies/${studyId}/import`);
    await chooseFile(page, "paper.csv", goodCsv());
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByRole("heading", { name: "No problems in paper.csv." })).toBeVisible();
    await page.getByRole("button", { name: "Import 3 responses" }).click();
    await expect(page.getByRole("heading", { name: "Imported 3 responses (0 already present)." })).toBeVisible();
    expect(await countSubmitted(getDb(), studyId)).toBe(3);
  });
});
