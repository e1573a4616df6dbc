import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openOrCreateDemo } from "@/lib/demo/explore-demo";
import { createFixtureStudy, postFixtureResponses } from "./dashboard-helpers";

// Issue 18, "one coherent answer to what do I fix first": GET /results,
// the dashboard and the report name the same focus, in the same order; the
// criterion with the largest gap (the demo's Recovery) is in it although the
// importance–performance grid places it at lower importance; gaps 1–4 carry
// their intervals and the small staff groups are flagged.

const shots = process.env.E2E_SHOTS ?? "/tmp/shots-focus";
fs.mkdirSync(shots, { recursive: true });

const focusOnPage = (page: Page) => page.getByTestId("focus").getByTestId("focus-entry");

async function focusKeys(page: Page): Promise<string[]> {
  return focusOnPage(page).evaluateAll((entries) => entries.map((e) => e.getAttribute("data-criterion") ?? ""));
}

test("the dashboard and the report show GET /results' focus; Recovery, the largest gap, is in it with its items, comments and cause", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  test.setTimeout(120_000);
  const { studyId } = await openOrCreateDemo(workspace.id, workspace.owner.userId);
  const key = await workspace.apiKey("analyst");
  const api = await request.get(`/api/v1/studies/${studyId}/results`, { headers: { authorization: `Bearer ${key}` } });
  expect(api.status()).toBe(200);
  const results = (await api.json()) as {
    focus: string[];
    criteria: { key: string; gap: { mean: number } }[];
    importancePerformance: { criteria: { key: string; quadrant: string }[] };
    gaps: Record<string, { tests: Record<string, { ci: [number, number] | null }> }>;
  };
  const largest = [...results.criteria].sort((a, b) => b.gap.mean - a.gap.mean)[0].key;
  expect(largest).toBe("recovery");
  expect(results.focus).toContain("recovery");
  // The case of the issue: the grid calls it lower importance, the focus still has it.
  expect(results.importancePerformance.criteria.find((c) => c.key === "recovery")?.quadrant).toBe("low-priority");
  // Gaps 1–4 return their Welch intervals, unrounded.
  const ci = results.gaps["1"].tests.recovery.ci!;
  expect(ci[0]).toBeLessThan(ci[1]);
  expect(String(ci[0]).split(".")[1]?.length ?? 0).toBeGreaterThan(2);

  await signedInAs(workspace.owner);
  for (const viewport of [
    { width: 1280, height: 900, name: "desktop" },
    { width: 390, height: 844, name: "phone" },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(`/studies/${studyId}/results`);
    await expect(page.getByRole("heading", { name: "What to fix first" })).toBeVisible();
    expect(await focusKeys(page)).toEqual(results.focus);
    const recovery = focusOnPage(page).and(page.locator('[data-criterion="recovery"]'));
    await expect(recovery).toContainText(/the largest gap of all criteria/i);
    await expect(recovery.locator("h4", { hasText: "Worst items" }).locator("xpath=following-sibling::ul/li")).toHaveCount(3);
    const comments = await recovery.locator(".focus-comments li").allTextContents();
    expect(comments.length).toBeGreaterThanOrEqual(1);
    expect(new Set(comments).size).toBe(comments.length);
    await expect(recovery.getByTestId("focus-explanation")).toContainText("Gap 1");
    await expect(recovery.getByTestId("focus-explanation")).toContainText("Likely cause: Upward communication");
    await expect(recovery.getByTestId("focus-low-quadrant")).toContainText("Lower importance, lower performance");
    // The grid is the second view: it flags the shortfall it places at lower importance, and no quadrant says "low priority".
    await expect(page.getByTestId("ipa-low-shortfall")).toContainText("Recovery");
    await expect(page.getByTestId("ipa-table")).not.toContainText("Low priority");
    await page.getByTestId("focus").scrollIntoViewIfNeeded();
    await page.getByTestId("focus").screenshot({ path: `${shots}/dashboard-focus-${viewport.name}.png` });
    await page.locator('section[aria-labelledby="ipa-heading"]').screenshot({ path: `${shots}/dashboard-ipa-${viewport.name}.png` });

    await page.goto(`/studies/${studyId}/report`);
    expect(await focusKeys(page)).toEqual(results.focus);
    await expect(focusOnPage(page).and(page.locator('[data-criterion="recovery"]'))).toContainText("Gap 1");

    await page.goto(`/studies/${studyId}/gaps`);
    await expect(page.getByTestId("small-groups")).toContainText("Standard (2 answers)");
    await expect(page.getByTestId("gap-row-2")).toContainText("few answers");
    // Each gap of each criterion shows its interval (rounded in the UI).
    const [low, high] = results.gaps["1"].tests.recovery.ci!;
    await expect(page.getByTestId("gap-1-recovery")).toContainText(`[${low.toFixed(2)}, ${high.toFixed(2)}]`);
    await expect(page.getByTestId("chain-recovery")).toContainText("Largest drop");
    await page.screenshot({ path: `${shots}/gaps-${viewport.name}.png`, fullPage: true });
    await page.locator('section[aria-labelledby="bars-heading"] .table-wrap').screenshot({ path: `${shots}/gaps-table-${viewport.name}.png` });
    await page.getByTestId("chain-recovery").screenshot({ path: `${shots}/gaps-chain-${viewport.name}.png` });
  }

  // The same in 繁體中文.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.context().addCookies([{ name: "locale", value: "zh-Hant", url: page.url() }]);
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByRole("heading", { name: "優先改善什麼" })).toBeVisible();
  expect(await focusKeys(page)).toEqual(results.focus);
  await page.getByTestId("focus").screenshot({ path: `${shots}/dashboard-focus-phone-zh.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/studies/${studyId}/gaps`);
  await expect(page.getByTestId("small-groups")).toBeVisible();
  await page.screenshot({ path: `${shots}/gaps-desktop-zh.png`, fullPage: true });
});

test("without staff answers the chain reads E → P as a drop, and the focus says there is no staff data yet", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const key = await workspace.apiKey("manager");
  const studyId = await createFixtureStudy(request, key);
  await postFixtureResponses(request, key, studyId);
  const api = await request.get(`/api/v1/studies/${studyId}/results`, { headers: { authorization: `Bearer ${key}` } });
  const results = (await api.json()) as { focus: string[] };
  expect(results.focus).toEqual(["speed"]);

  await signedInAs(workspace.owner);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/studies/${studyId}/results`);
  expect(await focusKeys(page)).toEqual(["speed"]);
  await expect(page.getByTestId("focus-explanation")).toContainText("No staff data yet");
  await page.goto(`/studies/${studyId}/report`);
  expect(await focusKeys(page)).toEqual(["speed"]);

  await page.goto(`/studies/${studyId}/gaps`);
  // Speed: E 4.58 → P 3.56 over 3 customers, nobody on the provider's side yet.
  const chain = page.getByTestId("chain-speed");
  await expect(chain).toContainText("Largest drop: E → P (1.03).");
  await expect(chain).toContainText("No answers yet for M, S, D");
  await expect(chain).not.toContainText("Not enough data");
});
