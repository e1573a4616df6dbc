import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "./fixtures";
import { makeWorkspace } from "./fixtures";
import { createFixtureStudy, expected, kpis, parseCsv, postFixtureResponses, seedRealisticStudy, waitForCharts } from "./dashboard-helpers";

const shots = "/tmp/shots-d";
fs.mkdirSync(shots, { recursive: true });

test("API responses show on the dashboard with the right numbers; charts render; filters change numbers and URL", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const key = await workspace.apiKey("manager");
  const studyId = await createFixtureStudy(request, key);
  await postFixtureResponses(request, key, studyId);
  const analyst = await workspace.member("analyst");
  await signedInAs(analyst);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByRole("heading", { name: "Results", level: 1 })).toBeVisible();
  expect(await kpis(page)).toEqual(expected.all);
  await expect(page.getByTestId("low-n")).toContainText("Only 3 responses");
  await expect(page.getByText("Weights of version 1 apply")).toBeVisible();
  // Gap bars, radar, importance–performance grid, trend.
  await waitForCharts(page, 4);

  const criteria = page.getByTestId("criteria-table");
  await expect(criteria.locator("tbody tr").first()).toHaveAttribute("data-criterion", "speed");
  await expect(criteria.locator('tr[data-criterion="speed"]')).toContainText("Shortfall");
  await expect(criteria.locator('tr[data-criterion="care"]')).toContainText("Met");
  await expect(page.getByTestId("item-table").locator('tr[data-item="s1"]')).toContainText(expected.s1Gap);
  await expect(page.getByTestId("ipa-table")).toContainText("Higher importance, lower performance");
  await expect(page.getByTestId("ipa-equal")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/dashboard-desktop.png`, fullPage: true });

  // Server-side sort: works as a plain link.
  await page.getByRole("link", { name: "Sort by Gap", exact: true }).click();
  await expect(page).toHaveURL(/sort=gap&dir=asc/);
  await expect(page.getByTestId("item-table").locator("tbody tr").first()).toHaveAttribute("data-item", "c1");

  // The filter is a GET form: the URL carries it and the numbers follow.
  await page.getByLabel("Segment").selectOption("Branch B");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/segment=Branch\+B/);
  expect(await kpis(page)).toEqual(expected.branchB);
  await page.reload();
  expect(await kpis(page)).toEqual(expected.branchB);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/studies/${studyId}/results`);
  await waitForCharts(page, 4);
  await page.screenshot({ path: `${shots}/dashboard-phone.png`, fullPage: true });
});

test("CSV and XLSX downloads open and hold the right rows; the API export needs a key of this workspace", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const key = await workspace.apiKey("manager");
  const studyId = await createFixtureStudy(request, key, "導出測試");
  await postFixtureResponses(request, key, studyId);
  await signedInAs(await workspace.member("analyst"));
  await page.goto(`/studies/${studyId}/results`);

  const download = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
  };

  const long = await download("Responses, long CSV");
  expect(long.name).toMatch(/\.csv$/);
  expect([...long.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(long.bytes.subarray(3).toString("utf8"));
  expect(header.slice(0, 11)).toEqual([
    "response_id",
    "submitted_at",
    "version",
    "segment",
    "language",
    "criterion",
    "item",
    "expected",
    "perceived",
    "gap",
    "comment",
  ]);
  expect(rows).toHaveLength(3 * 8);
  const comment = header.indexOf("comment");
  // The criterion's comment once per response, not on each of its items' rows.
  expect(rows.filter((r) => r[comment] === expected.comment)).toHaveLength(1);
  const s4 = rows.find((r) => r[header.indexOf("item")] === "s4" && r[header.indexOf("expected_as_answered")] === "2")!;
  expect([s4[header.indexOf("expected")], s4[header.indexOf("perceived")], s4[header.indexOf("gap")]]).toEqual(["4", "3", "1"]);

  const wide = await download("Responses, wide CSV");
  const wideRows = parseCsv(wide.bytes.subarray(3).toString("utf8"));
  expect(wideRows).toHaveLength(4);
  expect(wideRows[0]).toContain("s1.expected");
  // s4 is reverse-scored: its columns are marked.
  expect(wideRows[0]).toContain("s4_R.expected");

  const codebook = await download("Codebook CSV");
  const [codebookHeader, ...codebookRows] = parseCsv(codebook.bytes.subarray(3).toString("utf8"));
  const s4Entry = codebookRows.find((r) => r[codebookHeader.indexOf("item")] === "s4")!;
  expect(s4Entry[codebookHeader.indexOf("reverse_scored")]).toBe("true");
  expect(s4Entry[codebookHeader.indexOf("wide_columns")]).toBe("s4_R.expected s4_R.perceived");

  const gaps = await download("Five gaps CSV");
  const [gapsHeader, ...gapsRows] = parseCsv(gaps.bytes.subarray(3).toString("utf8"));
  expect(gapsHeader.slice(0, 4)).toEqual(["gap", "criterion", "name", "value"]);
  expect(gapsRows.filter((r) => r[0] === "5" && r[1] === "all")).toHaveLength(1);

  const xlsx = await download("Workbook (XLSX)");
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Criteria", "Items", "Five gaps", "Codebook", "Responses"]);
  expect(workbook.getWorksheet("Responses")!.actualRowCount).toBe(4);
  expect(workbook.getWorksheet("Items")!.actualRowCount).toBe(9);

  const summary = await download("Summary CSV");
  const summaryRows = parseCsv(summary.bytes.subarray(3).toString("utf8"));
  expect(summaryRows[1][0]).toBe("overall");
  expect(Number(summaryRows[1][summaryRows[0].indexOf("gap_mean")])).toBeCloseTo(0.55, 9);

  // REST export: analyst key reads; no key is 401; another workspace's key is 404.
  const analystKey = await workspace.apiKey("analyst");
  const api = await request.get(`/api/v1/studies/${studyId}/export?format=wide&segment=Branch%20A`, {
    headers: { authorization: `Bearer ${analystKey}` },
  });
  expect(api.status()).toBe(200);
  expect(parseCsv((await api.text()).replace(/^\uFEFF/, ""))).toHaveLength(3);
  expect((await request.get(`/api/v1/studies/${studyId}/export?format=long`)).status()).toBe(401);
  const other = await makeWorkspace("Other");
  const foreign = await request.get(`/api/v1/studies/${studyId}/export?format=long`, {
    headers: { authorization: `Bearer ${await other.apiKey("manager")}` },
  });
  expect(foreign.status()).toBe(404);
  const bad = await request.get(`/api/v1/studies/${studyId}/export?format=pdf`, { headers: { authorization: `Bearer ${analystKey}` } });
  expect(bad.status()).toBe(400);
});

test("empty and unknown states; a signed-out visitor and another workspace's member see nothing", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const key = await workspace.apiKey("manager");
  const studyId = await createFixtureStudy(request, key);

  await page.goto(`/studies/${studyId}/results`);
  await expect(page).toHaveURL(/\/sign-in/);
  const signedOut = await request.get(`/studies/${studyId}/export?format=long`, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(303);
  expect(signedOut.headers()["location"]).toContain("/sign-in");

  await signedInAs(workspace.owner);
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByRole("heading", { name: "No responses yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Share the survey" })).toHaveAttribute("href", `/studies/${studyId}/distribute`);
  await page.goto(`/studies/${studyId}/results?from=2026-13-40`);
  await expect(page.getByTestId("filter-errors")).toContainText("Use a date like 2026-11-30.");

  const stranger = await makeWorkspace("Stranger");
  await page.context().clearCookies();
  await signedInAs(stranger.owner);
  for (const section of ["results", "report", "follow-up"]) {
    const response = await page.goto(`/studies/${studyId}/${section}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Front desk 2026 Q4")).toHaveCount(0);
  }
  const foreign = await page.request.get(`/studies/${studyId}/export?format=xlsx`);
  expect(foreign.status()).toBe(404);
});

test("a realistic study: six criteria on the radar, trend per day, phone and Chinese views", async ({ page, workspace, signedInAs }) => {
  const studyId = await seedRealisticStudy(workspace.id, 160);
  await signedInAs(workspace.owner);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByTestId("kpi-n").locator(".kpi")).toHaveText("160");
  await expect(page.getByTestId("low-n")).toHaveCount(0);
  await waitForCharts(page, 4);
  await expect(page.locator(".recharts-radar")).toHaveCount(2);
  await expect(page.getByTestId("ipa-equal")).toBeVisible();
  await expect(page.getByTestId("criteria-table").locator("tbody tr")).toHaveCount(6);
  await page.screenshot({ path: `${shots}/realistic-desktop.png`, fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await waitForCharts(page, 4);
  await page.screenshot({ path: `${shots}/realistic-phone-top.png` });
  await page.locator("#criteria-heading").scrollIntoViewIfNeeded();
  await page.locator("section", { has: page.locator("#criteria-heading") }).screenshot({ path: `${shots}/realistic-phone-criteria.png` });
  await page.locator("#items").screenshot({ path: `${shots}/realistic-phone-items.png` });
  await page.goto(`/studies/${studyId}/follow-up`);
  await page.screenshot({ path: `${shots}/follow-up-phone.png`, fullPage: true });

  await page.context().addCookies([{ name: "locale", value: "zh-Hant", url: page.url() }]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByRole("heading", { name: "分析結果", level: 1 })).toBeVisible();
  await waitForCharts(page, 4);
  await page.screenshot({ path: `${shots}/realistic-zh-Hant.png`, fullPage: true });
});
