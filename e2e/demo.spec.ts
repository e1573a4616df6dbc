import { randomUUID } from "node:crypto";
import { expect, makeWorkspace, test } from "./fixtures";
import { getDb, transaction } from "@/db/client";
import { listDemoStudies } from "@/db/queries/demo";
import { findUserByEmail, membershipsOf } from "@/db/queries/accounts";
import { finishJob } from "@/db/queries/jobs";
import { findStudy } from "@/db/queries/studies";
import { jobs } from "@/db/schema";
import { openOrCreateDemo } from "@/lib/demo/explore-demo";
import { loadResults } from "@/lib/results/load-results";
import { publishDraft } from "@/lib/studies/publish";
import { makeHotelStudy } from "./study-design-helpers";
import { rowsOfStudy, twoDecimals } from "./demo-helpers";

test("Explore a demo from the empty studies list: dashboard, five gaps and report show numbers; Remove demo leaves no trace", async ({
  page,
  workspace,
  signedInAs,
}) => {
  test.setTimeout(90_000);
  await signedInAs(workspace.owner);
  await expect(page.getByRole("heading", { name: "Create your first study" })).toBeVisible();
  // The job runs in the background; its progress page opens the dashboard when it is done.
  const visited: string[] = [];
  page.on("framenavigated", (frame) => visited.push(frame.url()));
  await page.getByRole("button", { name: "Explore a demo" }).click();
  await expect(page).toHaveURL(/\/studies\/[^/]+\/results$/, { timeout: 30_000 });
  expect(
    visited.some((url) => /\/studies\/demo\?job=[0-9a-f-]+$/.test(url)),
    visited.join(" "),
  ).toBe(true);
  const studyId = page.url().split("/").at(-2)!;
  const study = (await findStudy(getDb(), workspace.id, studyId))!;
  expect(study.isDemo).toBe(true);
  const loaded = await loadResults(getDb(), study, {});
  if (loaded.status !== "ok") throw new Error(loaded.status);
  const { results } = loaded;

  // The dashboard: the demo's own figures, its charts, and the demo banner.
  await expect(page.getByTestId("demo-banner")).toContainText("This is a demo study with invented data.");
  await expect(page.getByTestId("kpi-n").locator(".kpi")).toHaveText("600");
  await expect(page.getByTestId("kpi-sq").locator(".kpi")).toHaveText(`+${twoDecimals(results.serviceQualityGap)}`);
  await expect(page.locator(".recharts-wrapper > svg.recharts-surface").first()).toBeVisible({ timeout: 15_000 });
  expect(await page.locator(".recharts-wrapper > svg.recharts-surface").count()).toBeGreaterThanOrEqual(3);

  // The five-gap view: every gap has a weighted total; no perspective is missing.
  await page.getByRole("navigation", { name: "Study sections" }).getByRole("link", { name: "Five gaps" }).click();
  await expect(page.getByRole("heading", { name: "Five gaps", level: 1 })).toBeVisible();
  for (const g of ["1", "2", "3", "4", "5"] as const) {
    await expect(page.getByTestId(`gap-row-${g}`).locator("td.num")).toHaveText(twoDecimals(results.gaps[g].total));
  }
  await expect(page.getByTestId("gaps-missing-perspectives")).toHaveCount(0);
  await expect(page.locator(".recharts-wrapper > svg.recharts-surface").first()).toBeVisible();

  // The report: the same headline and the criteria ranked.
  await page.getByRole("navigation", { name: "Study sections" }).getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("heading", { name: study.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId("kpi-sq").locator(".kpi")).toHaveText(`+${twoDecimals(results.serviceQualityGap)}`);
  await expect(page.getByTestId("criteria-table").locator("tbody tr")).toHaveCount(6);
  await expect(page.locator("svg.chart-svg")).toHaveCount(4); // the grid twice: wide, and narrow for phones

  // The follow-up page: the demo's alert rule opened cases on its largest recent shortfalls (open and contacted shown
  // by default, one with the guest's name and notes), and more guests to call back among the shortfalls without a case.
  await page.getByRole("navigation", { name: "Study sections" }).getByRole("link", { name: "Follow-up" }).click();
  await expect(page.getByTestId("case")).toHaveCount(5);
  await expect(page.getByTestId("case-contact").filter({ hasText: "Daniel Wong" })).toBeVisible();
  await expect(page.getByTestId("case-note").first()).toBeVisible();
  await page.getByRole("link", { name: "Largest shortfalls without a case" }).click();
  await expect(page.getByTestId("shortfall").first()).toBeVisible();

  // The list links to the demo instead of offering a second one.
  await page.goto("/studies");
  await expect(page.getByText("Your workspace has a demo study with invented data.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Explore a demo" })).toHaveCount(0);
  await page.getByRole("link", { name: "Open the demo" }).click();
  await expect(page).toHaveURL(`/studies/${studyId}/results`);

  expect((await rowsOfStudy(studyId)).studies).toBe(1);
  expect((await rowsOfStudy(studyId)).responses).toBeGreaterThan(600);
  await page.getByTestId("demo-banner").getByRole("button", { name: "Remove demo" }).click();
  await expect(page).toHaveURL(/\/studies\?demo=removed$/);
  await expect(page.getByText("The demo study and all its data have been removed.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Create your first study" })).toBeVisible();
  const left = await rowsOfStudy(studyId);
  expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
  expect(Object.keys(left)).toEqual(
    expect.arrayContaining([
      "studies",
      "versions",
      "links",
      "responses",
      "aggregate_buckets",
      "aggregate_keys",
      "comments (orphaned)",
      "cause_answers (orphaned)",
    ]),
  );
  expect(await listDemoStudies(getDb(), workspace.id)).toEqual([]);
  await page.goto(`/studies/${studyId}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

// A demo job held by no real worker (its lease lasts an hour), so the page
// can be looked at mid-way and then ended by hand.
const heldBy = "e2e-held";
async function heldDemoJob(workspaceId: string, progressDone: number): Promise<string> {
  const id = randomUUID();
  await transaction((tx) =>
    tx.insert(jobs).values({
      id,
      kind: "demo",
      workspaceId,
      studyId: null,
      state: "running",
      payload: { responses: 600, userId: null },
      createdBy: "e2e",
      progressDone,
      progressTotal: 600,
      attempts: 1,
      lockedBy: heldBy,
      lockedUntil: Date.now() + 3_600_000,
      createdAt: Date.now(),
      startedAt: Date.now(),
    }),
  );
  return id;
}

test("the demo's progress page: a bar that refreshes itself, the dashboard once the job succeeded, the list's message when it failed; the workspace's writers only", async ({
  page,
  workspace,
  signedInAs,
}) => {
  const running = await heldDemoJob(workspace.id, 120);
  await signedInAs(workspace.owner);
  await page.goto(`/studies/demo?job=${running}`);
  await expect(page.getByRole("heading", { name: "Creating the demo" })).toBeVisible();
  await expect(page.getByText("Creating the demo: 120 of 600 responses")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Creating the demo" })).toHaveAttribute("value", "120");
  // Without JavaScript the page refreshes itself every second while the job runs.
  expect(await (await page.request.get(`/studies/demo?job=${running}`)).text()).toContain('http-equiv="refresh" content="1"');
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: test.info().outputPath(`demo-progress-${width}.png`), fullPage: true });
  }

  // The job ends with its study: the page opens the demo's dashboard by itself.
  const { studyId } = await openOrCreateDemo(workspace.id, workspace.owner.userId, { responses: 40 });
  await transaction((tx) => finishJob(tx, running, heldBy, { state: "succeeded", result: { studyId }, now: Date.now() }));
  await expect(page).toHaveURL(`/studies/${studyId}/results`, { timeout: 10_000 });

  const failing = await heldDemoJob(workspace.id, 300);
  await page.goto(`/studies/demo?job=${failing}`);
  await expect(page.getByText("Creating the demo: 300 of 600 responses")).toBeVisible();
  await transaction((tx) => finishJob(tx, failing, heldBy, { state: "failed", problems: [], now: Date.now() }));
  await expect(page).toHaveURL(/\/studies\?demo=failed$/, { timeout: 10_000 });
  await expect(page.getByText("The demo could not be created, and nothing of it was saved. Please try again.")).toBeVisible();

  // Another workspace's job is not found; an analyst may not create a demo.
  const other = await makeWorkspace("Another hotel");
  await page.goto(`/studies/demo?job=${await heldDemoJob(other.id, 10)}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Creating the demo")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signedInAs(await workspace.member("analyst"));
  await page.goto(`/studies/demo?job=${running}`);
  await expect(page).toHaveURL(/\/forbidden$/);
});

test("the demo is labelled for an analyst, who cannot remove it; Remove demo deletes only a demo", async ({ page, workspace, signedInAs }) => {
  const { studyId } = await openOrCreateDemo(workspace.id, workspace.owner.userId, { responses: 40 });
  const ordinary = await makeHotelStudy(workspace.id, { name: "Front desk, not a demo" });
  const analyst = await workspace.member("analyst");
  await signedInAs(analyst);
  await page.goto(`/studies/${studyId}/gaps`);
  await expect(page.getByTestId("demo-banner")).toContainText("This is a demo study with invented data.");
  await expect(page.getByRole("button", { name: "Remove demo" })).toHaveCount(0);
  // Analysts have no "Explore a demo" either, only the link to the existing one.
  await page.goto("/studies");
  await expect(page.getByRole("link", { name: "Open the demo" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Explore a demo" })).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signedInAs(workspace.owner);
  // A demo is removed, not archived; an ordinary study keeps its Archive button.
  await page.goto(`/studies/${ordinary.id}`);
  await expect(page.getByRole("button", { name: "Archive" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove demo" })).toHaveCount(0);
  await page.goto(`/studies/${studyId}`);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);

  // The action checks on the server: a tampered form naming an ordinary study deletes nothing.
  const remove = page.getByTestId("demo-banner").getByRole("button", { name: "Remove demo" });
  await page
    .getByTestId("demo-banner")
    .locator('input[name="studyId"]')
    .evaluate((el, id) => ((el as HTMLInputElement).value = id), ordinary.id);
  await remove.click();
  await expect(page).toHaveURL(/\/studies$/);
  expect(await findStudy(getDb(), workspace.id, ordinary.id)).toBeDefined();
  expect((await rowsOfStudy(studyId)).studies).toBe(1);

  await page.goto(`/studies/${studyId}`);
  await page.getByTestId("demo-banner").getByRole("button", { name: "Remove demo" }).click();
  await expect(page).toHaveURL(/\/studies\?demo=removed$/);
  expect((await rowsOfStudy(studyId)).studies).toBe(0);
  expect(await findStudy(getDb(), workspace.id, ordinary.id)).toBeDefined();
});

test("set-up created the demo: the first-run project leaves “Also create a demo study” ticked (its default)", async () => {
  // first-run.spec.ts runs set-up through the UI on the fresh server before this project.
  const user = await findUserByEmail(getDb(), "owner@harbour.test");
  expect(user, "the first-run project sets up owner@harbour.test").toBeDefined();
  const [membership] = await membershipsOf(getDb(), user!.id);
  const demos = await listDemoStudies(getDb(), membership.workspaceId);
  expect(demos).toHaveLength(1);
  const loaded = await loadResults(getDb(), (await findStudy(getDb(), membership.workspaceId, demos[0].id))!, {});
  expect(loaded.status === "ok" && loaded.results.n).toBe(600);
});

test("empty pages say what they will show and offer the next step", async ({ page, workspace, signedInAs }) => {
  const study = await makeHotelStudy(workspace.id, { name: "Front desk, just published" });
  await signedInAs(workspace.owner);

  // Before publishing: the five-gap view points to the questionnaire.
  await page.goto(`/studies/${study.id}/gaps`);
  await expect(page.getByText("Publish the questionnaire first")).toBeVisible();
  await page.getByRole("link", { name: "Open the questionnaire" }).click();
  await expect(page).toHaveURL(`/studies/${study.id}/design`);

  expect((await publishDraft(workspace.id, study.id, workspace.owner.userId)).ok).toBe(true);
  await page.goto(`/studies/${study.id}/results`);
  await expect(page.getByTestId("empty-results")).toContainText("No responses yet");
  await expect(page.getByTestId("empty-results").getByRole("link", { name: "Share the survey" })).toHaveAttribute(
    "href",
    `/studies/${study.id}/distribute`,
  );

  await page.goto(`/studies/${study.id}/gaps`);
  await expect(page.getByTestId("gaps-no-customers").getByRole("link", { name: "Share the survey" })).toHaveAttribute(
    "href",
    `/studies/${study.id}/distribute`,
  );
  await expect(page.getByTestId("gaps-missing-perspectives")).toContainText(
    "4 of the 4 perspectives have no answers yet, so Gap 1, Gap 2, Gap 3, and Gap 4 cannot be computed.",
  );
  await page.getByTestId("gaps-missing-perspectives").getByRole("link", { name: "Go to the perspective links" }).click();
  await expect(page).toHaveURL(/#perspectives-heading$/);

  await page.goto(`/studies/${study.id}/follow-up`);
  await expect(page.getByTestId("empty-results").getByRole("link", { name: "Share the survey" })).toBeVisible();
  await page.goto(`/studies/${study.id}/report`);
  await expect(page.getByTestId("empty-results").getByRole("link", { name: "Share the survey" })).toBeVisible();
});
