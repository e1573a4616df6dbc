import fs from "node:fs";
import iconv from "iconv-lite";
import type { Page } from "@playwright/test";
import { expect, makeWorkspace, test } from "./fixtures";
import { createFixtureStudy, expected, kpis } from "./dashboard-helpers";
import { badCsv, bigCsv, chooseFile, countStoredResponses, goodCsv, holdImports, jobOf, jobState } from "./import-helpers";
import { getDb } from "@/db/client";
import { countSubmitted } from "@/db/queries/responses";

// Importing responses from a CSV on the manager's import page. The upload
// becomes a background job that the e2e server's worker checks or imports;
// the job's page refreshes itself until the report is there.

const shots = "/tmp/shots-import";
fs.mkdirSync(shots, { recursive: true });
// A worker picks a job up within about a second; a loaded machine may take longer.
const report = { timeout: 30_000 };

async function shoot(page: Page, name: string) {
  for (const [device, width, height] of [
    ["desktop", 1280, 900],
    ["phone", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/${name}-${device}.png`, fullPage: true });
  }
}

test("a CSV with errors gets a row/column report and stores nothing", async ({ page, request, workspace, signedInAs }) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import with errors");
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}`);
  await page.getByRole("link", { name: "Import responses" }).click();
  await expect(page.getByRole("heading", { name: "Import responses", level: 1 })).toBeVisible();
  await expect(page.getByText("No files have been uploaded to this study yet.")).toBeVisible();

  await chooseFile(page, "paper-survey.csv", badCsv());
  // "Check and import" still refuses the whole file.
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page).toHaveURL(/\/import\?job=/);
  await expect(page.getByRole("heading", { name: "3 problems in paper-survey.csv. Nothing was imported." })).toBeVisible(report);
  const rows = page.getByRole("table", { name: "Problems by row and column" }).locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator("td")).toHaveText(["2", "expected_as_answered", "Ratings are whole numbers from 1 to 5."]);
  await expect(rows.nth(1).locator("td")).toHaveText(["3", "item", "“zz” is not an item of version 1."]);
  await expect(rows.nth(2).locator("td")).toHaveText(["4", "segment", "Unknown segment; this study has: Branch A, Branch B."]);
  expect(await countStoredResponses(studyId)).toBe(0);

  // Listed under the recent imports, with its outcome.
  const recent = page.getByRole("table", { name: "The study’s latest uploads, newest first" }).locator("tbody tr");
  await expect(recent).toHaveCount(1);
  await expect(recent.first()).toContainText("paper-survey.csv");
  await expect(recent.first()).toContainText("Import");
  await expect(recent.first()).toContainText("Problems");
  await expect(recent.first()).toContainText("3 problems");

  await shoot(page, "report-problems");
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
  await expect(page.getByRole("heading", { name: "No problems in paper-survey.csv." })).toBeVisible(report);
  await expect(page.getByText("Importing adds 3 new responses; 0 of the file’s responses are already in this study")).toBeVisible();
  await expect(page.locator(".import-summary")).toContainText("Version 1: 3");
  await expect(page.locator(".import-summary")).toContainText("Branch A: 2 · Branch B: 1");
  await expect(page.locator(".import-summary")).toContainText("Oct 1, 2026 to Oct 3, 2026");
  expect(await countStoredResponses(studyId)).toBe(0);
  await shoot(page, "report-checked");

  // The report has its own URL: leaving and coming back finds it again, and so does the list of recent imports.
  const reportUrl = page.url();
  await page.goto(`/studies/${studyId}`);
  await page.goto(`/studies/${studyId}/import`);
  await page.getByRole("link", { name: "paper-survey.csv" }).click();
  await expect(page).toHaveURL(reportUrl);
  await page.getByRole("button", { name: "Import 3 responses" }).click();
  // The import is a new job with its own page.
  await expect(page).not.toHaveURL(reportUrl);
  await expect(page.getByRole("heading", { name: "Imported 3 responses (0 already present)." })).toBeVisible(report);
  expect(await countSubmitted(getDb(), studyId)).toBe(3);
  await shoot(page, "report-imported");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "See the results" }).click();
  await expect(page.getByRole("heading", { name: "Results", level: 1 })).toBeVisible();
  expect(await kpis(page)).toEqual(expected.all);

  // The same file again: idempotent by response id.
  await page.goto(`/studies/${studyId}/import`);
  await chooseFile(page, "paper-survey.csv", goodCsv());
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByRole("heading", { name: "Imported 0 responses (3 already present)." })).toBeVisible(report);
  expect(await countSubmitted(getDb(), studyId)).toBe(3);
  await expect(page.getByRole("table", { name: "The study’s latest uploads, newest first" }).locator("tbody tr")).toHaveCount(3);
});

test("a CSV saved by Excel on Traditional Chinese Windows (Big5) is recognised and imported intact; the template has the study's columns", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import in Big5");
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}/import`);
  const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download a template/ }).click()]);
  const header = fs
    .readFileSync((await template.path())!, "utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n")[0]
    .split(",");
  expect(header.slice(0, 5)).toEqual(["response_id", "submitted_at", "version", "segment", "language"]);
  expect(header).toContain("s1.expected");

  await chooseFile(page, "excel-big5.csv", iconv.encode(goodCsv().replace(/^\uFEFF/, ""), "big5"));
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByRole("heading", { name: "Imported 3 responses (0 already present)." })).toBeVisible(report);
  await expect(page.locator(".import-summary")).toContainText("read as Big5");
  expect(await countSubmitted(getDb(), studyId)).toBe(3);
  const exported = await request.get(`/api/v1/studies/${studyId}/export?format=long`, {
    headers: { authorization: `Bearer ${await workspace.apiKey("analyst")}` },
  });
  expect(await exported.text()).toContain('太慢了, 等了""很久""');
});

test("a 12 MB file goes through the upload and is checked in full", async ({ page, request, workspace, signedInAs }) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import a large file");
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}/import`);
  const big = bigCsv(12);
  await chooseFile(page, "big.csv", big.text);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "No problems in big.csv." })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator(".import-summary")).toContainText(`Branch A: ${big.responses.toLocaleString("en-US")}`);
  expect(await countStoredResponses(studyId)).toBe(0);
});

test("a waiting import shows its progress and can be cancelled, storing nothing; so can a running one", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import cancelled");
  const manager = await workspace.member("manager");
  const hold = await holdImports(workspace.id, studyId, manager.userId);
  try {
    await signedInAs(manager);
    await page.goto(`/studies/${studyId}/import`);
    await chooseFile(page, "paper-survey.csv", goodCsv());
    await page.getByRole("button", { name: "Check and import" }).click();
    await expect(page.getByRole("heading", { name: "Waiting to import paper-survey.csv" })).toBeVisible();
    await expect(page.getByRole("progressbar", { name: "Waiting to import paper-survey.csv" })).toBeVisible();
    // No second upload while this one waits.
    await expect(page.getByLabel("CSV or XLSX file", { exact: true })).toHaveCount(0);
    const job = jobOf(page);
    await shoot(page, "progress-waiting");

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Cancel the import" }).click();
    await expect(page.getByRole("heading", { name: "The import of paper-survey.csv was cancelled. Nothing was imported." })).toBeVisible();
    expect(await jobState(job)).toBe("cancelled");

    // The held import "runs": its page shows how far it got, and Cancel asks it to stop.
    await page.goto(`/studies/${studyId}/import?job=${hold.id}`);
    await expect(page.getByRole("heading", { name: "Importing held.csv" })).toBeVisible();
    await expect(page.locator(".import-progress")).toContainText("1,200 of about 5,000 rows");
    await expect(page.getByRole("progressbar", { name: "Importing held.csv" })).toHaveAttribute("value", "1200");
    await shoot(page, "progress-running");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Cancel the import" }).click();
    await expect(page.getByRole("heading", { name: "Cancelling held.csv" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel the import" })).toHaveCount(0);
    expect(await hold.cancelRequested()).toBe(true);
  } finally {
    await hold.release();
  }
  expect(await countStoredResponses(studyId)).toBe(0);
  // Both are listed as cancelled.
  await page.goto(`/studies/${studyId}/import`);
  const recent = page.getByRole("table", { name: "The study’s latest uploads, newest first" }).locator("tbody tr");
  await expect(recent).toHaveCount(2);
  await expect(recent.nth(0)).toContainText("Cancelled");
  await expect(recent.nth(1)).toContainText("Cancelled");
});

test("an analyst cannot import, and another workspace's manager reaches neither the study nor its imports", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import forbidden");
  const otherStudyOfA = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import elsewhere");
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}/import`);
  await chooseFile(page, "secret-survey.csv", goodCsv());
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("heading", { name: "No problems in secret-survey.csv." })).toBeVisible(report);
  const job = jobOf(page);
  // A job is shown on its own study's page only.
  await page.goto(`/studies/${otherStudyOfA}/import?job=${job}`);
  await expect(page.locator(".alert.error")).toContainText("There is no such import for this study");
  await expect(page.getByText("secret-survey.csv")).toHaveCount(0);

  await page.context().clearCookies();
  await signedInAs(await workspace.member("analyst"));
  await page.goto(`/studies/${studyId}/import`);
  await expect(page).toHaveURL(/\/forbidden$/);

  // A forged upload, as a form post would send it.
  const forged = await page.request.post(`/studies/${studyId}/import/upload?intent=import`, {
    multipart: { sign: "e-p", file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(goodCsv()) } },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(303);
  expect(forged.headers().location).toBe("/forbidden");
  expect(await countStoredResponses(studyId)).toBe(0);

  const other = await makeWorkspace("Other team");
  const otherManager = await other.member("manager");
  const theirStudy = await createFixtureStudy(request, await other.apiKey("manager"), "Their own study");
  await page.context().clearCookies();
  await signedInAs(otherManager);
  const foreign = await page.request.post(`/studies/${studyId}/import/upload?intent=import`, {
    multipart: { sign: "e-p", file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(goodCsv()) } },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(404);
  expect((await page.goto(`/studies/${studyId}/import`))?.status()).toBe(404);
  expect((await page.goto(`/studies/${studyId}/import?job=${job}`))?.status()).toBe(404);
  // Workspace A's job id on their own study's page: unknown, and nothing of it shows.
  await page.goto(`/studies/${theirStudy}/import?job=${job}`);
  await expect(page.locator(".alert.error")).toContainText("There is no such import for this study");
  await expect(page.getByText("secret-survey.csv")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Import \d+ responses/ })).toHaveCount(0);
  expect(await countStoredResponses(studyId)).toBe(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("upload, check and import work as plain forms, and the waiting page refreshes itself to the report", async ({
    page,
    request,
    workspace,
    signedInAs,
  }) => {
    const studyId = await createFixtureStudy(request, await workspace.apiKey("manager"), "Import without JS");
    const manager = await workspace.member("manager");
    const hold = await holdImports(workspace.id, studyId, manager.userId);
    try {
      await signedInAs(manager);
      await page.goto(`/studies/${studyId}/import`);
      await chooseFile(page, "paper.csv", goodCsv());
      await page.getByRole("button", { name: "Check file" }).click();
      await expect(page.getByRole("heading", { name: "Waiting to check paper.csv" })).toBeVisible();
      await expect(page.locator('meta[http-equiv="refresh"]')).toHaveAttribute("content", "2");
    } finally {
      await hold.release();
    }
    // Only the meta refresh can bring the report: no script runs on this page.
    await expect(page.getByRole("heading", { name: "No problems in paper.csv." })).toBeVisible(report);
    await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
    await page.getByRole("button", { name: "Import 3 responses" }).click();
    await expect(page.getByRole("heading", { name: "Imported 3 responses (0 already present)." })).toBeVisible(report);
    expect(await countSubmitted(getDb(), studyId)).toBe(3);
  });
});
