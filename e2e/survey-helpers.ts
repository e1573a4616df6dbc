import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { and, asc, count, eq, inArray, isNotNull, like, notLike } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { sumCustomerEntries } from "@/db/queries/aggregates";
import { clearRateLimit } from "@/db/queries/rate-limits";
import { listAnswers, listAnswersOfRows, type ResponseRow } from "@/db/queries/responses";
import { comments, links, rateLimits, responses } from "@/db/schema";
import { surveySteps } from "@/lib/survey/steps";
import type { FixtureStudy } from "@/lib/survey/fixture-study";

export { makeInvite, makePublishedStudy } from "@/lib/survey/fixture-study";

export const expectedGroup = "What I expected from an excellent provider";
export const perceivedGroup = "What I experienced here";

/** No serious or critical axe-core violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  // After a server action re-renders the page, the <title> can arrive a moment after the content (streamed metadata):
  // wait for it, or axe may look at a page between the two.
  await expect(page).toHaveTitle(/\S/);
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
export async function footprint(studyIds: string[]) {
  const db = getDb();
  const rows = await db
    .select({ id: responses.id, studyId: responses.studyId, status: responses.status, step: responses.step, answers: responses.answers })
    .from(responses)
    .where(inArray(responses.studyId, studyIds));
  let answers = 0;
  for (const row of rows) answers += (await listAnswersOfRows(db, row.studyId, [row]))[0].length;
  const ids = rows.map((r) => r.id);
  const [{ n: commentCount }] = await db
    .select({ n: count() })
    .from(comments)
    .where(inArray(comments.responseId, ids.length > 0 ? ids : [""]));
  let aggregates = 0;
  for (const studyId of studyIds) for (const e of await sumCustomerEntries(db, { studyId })) aggregates += e.n;
  const [{ n: usedInvites }] = await db
    .select({ n: count() })
    .from(links)
    .where(and(inArray(links.studyId, studyIds), isNotNull(links.usedAt)));
  return {
    responses: rows.length,
    submitted: rows.filter((r) => r.status === "submitted").length,
    steps: rows.reduce((sum, r) => sum + r.step, 0),
    answers,
    comments: commentCount,
    aggregates,
    usedInvites,
  };
}

/** The study's responses, oldest first. */
export async function responsesOf(studyId: string): Promise<ResponseRow[]> {
  return getDb().select().from(responses).where(eq(responses.studyId, studyId)).orderBy(asc(responses.startedAt));
}

/** A response's answers (unpacked), by item id. */
export async function answersOf(studyId: string, responseId: string) {
  return listAnswers(getDb(), studyId, responseId);
}

/** Addresses the rate-limit test claims (TEST-NET-2); every other survey address is cleared between tests. */
export const limitedAddress = "198.51.100.7";

/** Survey posts are rate-limited per address; tests (all from one address) each start with a clean slate. */
export async function clearSurveyRateLimits() {
  await transaction((tx) => tx.delete(rateLimits).where(and(like(rateLimits.key, "survey:%"), notLike(rateLimits.key, "survey:198.51.100.%"))));
}

/** Sets the counter of `key` to `hits` in the current minute's window (the limit tests' set-up), or clears it (`hits` null). */
export async function setRateLimitCounter(key: string, hits: number | null) {
  // Limits count in windows of a clock minute: a counter set just before
  // the minute turns is gone by the time the request after it arrives (a
  // failure seen at 08:18:59.985). Near the turn, wait for the new minute.
  const left = 60_000 - (Date.now() % 60_000);
  if (hits !== null && left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  const windowStart = Date.now() - (Date.now() % 60_000);
  await transaction(async (tx) => {
    if (hits === null) return clearRateLimit(tx, key);
    await tx
      .insert(rateLimits)
      .values({ key, windowStart, count: hits })
      .onConflictDoUpdate({ target: rateLimits.key, set: { windowStart, count: hits } });
  });
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
