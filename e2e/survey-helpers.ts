import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { getConnection } from "@/db/client";
import { surveySteps } from "@/lib/survey/steps";
import type { FixtureStudy } from "@/lib/survey/fixture-study";

export { makeInvite, makePublishedStudy } from "@/lib/survey/fixture-study";

export const expectedGroup = "What I expected from an excellent provider";
export const perceivedGroup = "What I experienced here";

/** No serious or critical axe-core violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Screenshots for a human to look at, only when SURVEY_SHOTS_DIR is set. */
export async function shot(page: Page, name: string) {
  const dir = process.env.SURVEY_SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

export async function currentStep(page: Page): Promise<{ current: number; total: number }> {
  const text = (await page.locator(".sv-progress p").textContent()) ?? "";
  const match = /Step (\d+) of (\d+)/.exec(text);
  if (!match) throw new Error(`no progress on the page: ${text}`);
  return { current: Number(match[1]), total: Number(match[2]) };
}

/**
 * Rates every item of the step 6 (expected) and 4 (experienced); the first
 * item N/A when asked; item `leaveHalf` (0-based) rated on the expected side only.
 */
export async function answerStep(page: Page, options: { firstNotApplicable?: boolean; leaveHalf?: number } = {}) {
  const items = page.locator("fieldset.sv-item");
  // Right after "Start" the welcome page may still be showing: counting its
  // (no) statements would answer nothing and send an empty step.
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    if (options.firstNotApplicable && i === 0) {
      await item.getByRole("checkbox", { name: /Not applicable/ }).check();
      continue;
    }
    await item.getByRole("group", { name: expectedGroup }).getByRole("radio", { name: "6", exact: true }).check();
    if (options.leaveHalf === i) continue;
    await item.getByRole("group", { name: perceivedGroup }).getByRole("radio", { name: "4", exact: true }).check();
  }
}

/** Splits 100 points: 50 to the first criterion, the rest evenly (whole numbers summing to 100). */
export async function answerImportance(page: Page) {
  const inputs = page.locator("input[data-points]");
  const count = await inputs.count();
  const rest = 50;
  for (let i = 0; i < count; i++) {
    const share = i === 0 ? 50 : Math.floor(rest / (count - 1)) + (i <= rest % (count - 1) ? 1 : 0);
    await inputs.nth(i).fill(String(share));
  }
}

type SurveyOptions = { segment?: string; onStep?: (index: number) => Promise<void>; submit?: (button: Locator) => Promise<void> };

/** From the welcome page to the thank-you page, checking the progress moves at every step. */
export async function completeSurvey(page: Page, options: SurveyOptions = {}) {
  if (options.segment) await page.getByLabel("Where did you use the service?").selectOption(options.segment);
  await page.getByRole("button", { name: "Start" }).click();
  await finishSurvey(page, options);
}

/** From the step on screen to the thank-you page. */
export async function finishSurvey(page: Page, options: SurveyOptions = {}) {
  for (;;) {
    const { current, total } = await currentStep(page);
    await options.onStep?.(current);
    const importance = page.getByRole("heading", { name: "What matters most to you?" });
    if (await importance.isVisible()) await answerImportance(page);
    else await answerStep(page, { firstNotApplicable: true });
    if (current === total) {
      const button = page.getByRole("button", { name: "Send my answers" });
      await (options.submit ? options.submit(button) : button.click());
      break;
    }
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.locator(".sv-progress p")).toHaveText(`Step ${current + 1} of ${total}`);
  }
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
}

/** Row counts of everything a customer submission writes, for the given studies. */
export function footprint(studyIds: string[]) {
  const { sqlite } = getConnection();
  const marks = studyIds.map(() => "?").join(",");
  const one = (sql: string) => (sqlite.prepare(sql).get(...studyIds) as { n: number }).n;
  return {
    responses: one(`SELECT count(*) AS n FROM responses WHERE study_id IN (${marks})`),
    submitted: one(`SELECT count(*) AS n FROM responses WHERE status = 'submitted' AND study_id IN (${marks})`),
    steps: one(`SELECT coalesce(sum(step), 0) AS n FROM responses WHERE study_id IN (${marks})`),
    answers: one(`SELECT count(*) AS n FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.study_id IN (${marks})`),
    comments: one(`SELECT count(*) AS n FROM comments c JOIN responses r ON r.id = c.response_id WHERE r.study_id IN (${marks})`),
    aggregates: one(`SELECT coalesce(sum(n), 0) AS n FROM aggregates WHERE study_id IN (${marks})`),
    usedInvites: one(`SELECT count(*) AS n FROM links WHERE used_at IS NOT NULL AND study_id IN (${marks})`),
  };
}

export function responsesOf(studyId: string) {
  return getConnection()
    .sqlite.prepare("SELECT * FROM responses WHERE study_id = ? ORDER BY started_at")
    .all(studyId) as { id: string; status: string; segment: string; language: string; version_id: string; step: number; link_id: string | null; customer_weights: string | null }[];
}

export function answersOf(responseId: string) {
  return getConnection().sqlite.prepare("SELECT * FROM answers WHERE response_id = ?").all(responseId) as {
    item_id: string;
    expected: number | null;
    perceived: number | null;
  }[];
}

/** Addresses the rate-limit test claims (TEST-NET-2); every other survey address is cleared between tests. */
export const limitedAddress = "198.51.100.7";

/** Survey posts are rate-limited per address; tests (all from one address) each start with a clean slate. */
export function clearSurveyRateLimits() {
  getConnection().sqlite.prepare("DELETE FROM rate_limits WHERE key LIKE 'survey:%' AND key NOT LIKE 'survey:198.51.100.%'").run();
}

/** The form fields of a valid post of step `index`, as a browser would send them (for replays and forgeries). */
export function stepBody(fixture: FixtureStudy, rid: string, index: number, extra: Record<string, string> = {}): Record<string, string> {
  const step = surveySteps(fixture.snapshot)[index];
  const fields: Record<string, string> = { rid, v: fixture.versionId, step: String(index), lang: "en", intent: "next", website: "" };
  if (step.kind === "criterion") for (const item of step.criterion.items) Object.assign(fields, { [`e.${item.id}`]: "5", [`p.${item.id}`]: "3" });
  if (step.kind === "importance") {
    const n = fixture.snapshot.criteria.length;
    fixture.snapshot.criteria.forEach((c, i) => (fields[`w.${c.id}`] = String(i === 0 ? 100 - 10 * (n - 1) : 10)));
  }
  return { ...fields, ...extra };
}
