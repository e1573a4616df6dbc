import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { contactsOfResponses } from "@/db/queries/response-contacts";
import { cases, emails, responses } from "@/db/schema";
import type { FixtureStudy } from "@/lib/survey/fixture-study";
import { expect, makeWorkspace, test, type Account } from "./fixtures";
import { linkIn, mailsTo, waitForMail } from "./mail-helpers";
import { makePublishedStudy, shot } from "./survey-helpers";

// Closing the loop against the built app, a real browser and the real SMTP
// server (e2e/mail-catcher.ts): a manager sets the study's alert rule on the
// Distribute page, naming a member; a customer with JavaScript off answers
// with a large gap and agrees to be contacted — the alert mail reaches that
// member (and no one else) with a link to the follow-up list; a mild answer
// opens nothing and mails no one. The API's PUT …/alerts: validation, unknown
// members, and who may set it.

test.setTimeout(120_000);

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** Every item rated so the criterion's gap is `gap` (E − P after reverse scoring). */
async function rateEveryItem(page: Page, study: FixtureStudy, expected: number, perceived: number) {
  const items = page.locator("fieldset.sv-item");
  await expect(items.first()).toBeVisible();
  const ids = await items.evaluateAll((nodes) => nodes.map((n) => n.id.slice("item-".length)));
  const reverse = new Map(study.snapshot.criteria.flatMap((c) => c.items).map((i) => [i.id, i.reverse]));
  for (const id of ids) {
    // A reverse-scored statement counts as 8 − x: rate it the other way round for the same gap.
    const [e, p] = reverse.get(id) ? [8 - expected, 8 - perceived] : [expected, perceived];
    const item = page.locator(`#item-${id}`);
    await item.getByRole("group", { name: "What I expected from an excellent provider" }).locator(`input[value="${e}"]`).check();
    await item.getByRole("group", { name: "What I experienced here" }).locator(`input[value="${p}"]`).check();
  }
}

/** A customer with JavaScript off answers every question, then the consent step with `consent`. */
async function answerWithoutScript(
  browser: Browser,
  study: FixtureStudy,
  ratings: { expected: number; perceived: number },
  consent: (page: Page) => Promise<void>,
  shotName?: string,
): Promise<void> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/s/${study.token}`);
  await page.getByRole("button", { name: "Start" }).click();
  for (let i = 0; i < study.snapshot.criteria.length; i++) {
    await rateEveryItem(page, study, ratings.expected, ratings.perceived);
    await page.getByRole("button", { name: "Next" }).click();
  }
  await expect(page.getByRole("heading", { name: "May we contact you about your answers?" })).toBeVisible();
  await consent(page);
  if (shotName) {
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, `${shotName}-390`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, `${shotName}-1280`);
  }
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await context.close();
}

async function signIn(page: Page, account: Account) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);
}

const alertMailsOf = async (workspaceId: string) =>
  getDb()
    .select({ to: emails.toAddress })
    .from(emails)
    .where(and(eq(emails.workspaceId, workspaceId), eq(emails.kind, "alert")));

test("a large gap with consent opens a case and mails the chosen member; a mild answer mails no one", async ({ page, browser }) => {
  const workspace = await makeWorkspace("Harbour Hotel group");
  const manager = await workspace.member("manager");
  const analyst = await workspace.member("analyst");
  const study = await makePublishedStudy({ workspaceId: workspace.id });

  // 1. The manager turns the consent step on and sets the rule on the Distribute page, naming the analyst.
  await signIn(page, manager);
  await page.goto(`/studies/${study.studyId}/distribute`);
  const section = page.getByRole("region", { name: "Follow-up and alerts" });
  await expect(section).toBeVisible();
  // A threshold that is no number: the error beside the field, nothing saved.
  await section.getByLabel("Alert when a customer's weighted gap is at least").fill("lots");
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("Enter a number such as 1.5.")).toBeVisible();
  const key = await workspace.apiKey("analyst");
  const unsaved = await page.request.get(`/api/v1/studies/${study.studyId}/alerts`, { headers: auth(key) });
  expect(await unsaved.json()).toEqual({ threshold: null, notify: [], criterion: null, criterionThreshold: null });

  await section.getByLabel("End the survey with “May we contact you about your answers?”").check();
  await section.getByLabel("Alert when a customer's weighted gap is at least").fill("3");
  await section.getByRole("checkbox", { name: new RegExp(analyst.email.replace(/[.+]/g, "\\$&")) }).check();
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("Saved.")).toBeVisible();
  const saved = await page.request.get(`/api/v1/studies/${study.studyId}/alerts`, { headers: auth(key) });
  expect(await saved.json()).toEqual({ threshold: 3, notify: [analyst.email], criterion: null, criterionThreshold: null });
  if (process.env.SURVEY_SHOTS_DIR) {
    for (const [width, height] of [
      [390, 844],
      [1280, 900],
    ]) {
      await page.setViewportSize({ width, height });
      await section.screenshot({ path: `${process.env.SURVEY_SHOTS_DIR}/alerts-section-${width}.png` });
    }
  }

  // 2. A customer without JavaScript: every gap 6, and yes, with a name and an email address.
  await answerWithoutScript(
    browser,
    study,
    { expected: 7, perceived: 1 },
    async (customer) => {
      // Yes without a way to reach them: asked again, nothing sent.
      await customer.getByLabel("Yes, you may contact me").check();
      await customer.getByLabel("Name").fill("Mei Lin");
      await customer.getByRole("button", { name: "Send my answers" }).click();
      await expect(customer.getByText("To be contacted, give an email address or a phone number.").first()).toBeVisible();
      await expect(customer.getByLabel("Name")).toHaveValue("Mei Lin");
      await customer.getByLabel("Email").fill("mei.lin@example.test");
    },
    "consent-step",
  );

  // The alert mail reaches the analyst through the SMTP server, with the follow-up list's link; nobody else gets one.
  const [mail] = await waitForMail(analyst.email);
  expect(mail.subject).toBe("Alert: a customer of Front desk needs a follow-up");
  expect(mail.text).toContain("Their weighted gap is 6.00 (the alert is set at 3.00).");
  expect(mail.text).not.toContain("Mei Lin");
  const link = linkIn(mail, "http://127.0.0.1");
  expect(new URL(link).pathname).toBe(`/studies/${study.studyId}/follow-up`);
  expect(await mailsTo(manager.email)).toHaveLength(0);
  expect(await mailsTo(workspace.owner.email)).toHaveLength(0);
  // The link opens the follow-up list for a member who signs in.
  await page.goto(link);
  await expect(page).toHaveURL(new RegExp(`/studies/${study.studyId}/follow-up`));

  // One open case, on the response that carries the consent step's details.
  const [big] = await getDb().select({ id: responses.id, gap: responses.gap }).from(responses).where(eq(responses.studyId, study.studyId));
  expect(big.gap).toBeCloseTo(6, 9);
  const opened = await getDb().select().from(cases).where(eq(cases.studyId, study.studyId));
  expect(opened).toMatchObject([{ responseId: big.id, origin: "alert", state: "open" }]);
  expect((await contactsOfResponses(getDb(), [big.id])).get(big.id)).toEqual({ name: "Mei Lin", email: "mei.lin@example.test", phone: "" });

  // 3. A mild answer (gap 1) and a no: no case, no mail queued.
  await answerWithoutScript(browser, study, { expected: 6, perceived: 5 }, async (customer) => {
    await customer.getByLabel("No, thank you").check();
  });
  const all = await getDb().select({ id: responses.id }).from(responses).where(eq(responses.studyId, study.studyId));
  expect(all).toHaveLength(2);
  expect(await getDb().select().from(cases).where(eq(cases.studyId, study.studyId))).toHaveLength(1);
  // Queued in the submit's own transaction, so the outbox tells at once: still the one alert.
  expect(await alertMailsOf(workspace.id)).toEqual([{ to: analyst.email }]);
  const mild = all.find((r) => r.id !== big.id)!;
  expect((await contactsOfResponses(getDb(), [mild.id])).size).toBe(0);
});

test("PUT /api/v1/studies/{id}/alerts: a manager key sets it, bad input changes nothing, an analyst key may only read", async ({ request }) => {
  const workspace = await makeWorkspace();
  const manager = await workspace.member("manager");
  const other = await makeWorkspace("Someone else");
  const study = await makePublishedStudy({ workspaceId: workspace.id });
  const managerKey = await workspace.apiKey("manager");
  const analystKey = await workspace.apiKey("analyst");
  const path = `/api/v1/studies/${study.studyId}/alerts`;
  const put = (key: string, data: unknown) => request.put(path, { headers: auth(key), data });
  const current = async () => (await request.get(path, { headers: auth(analystKey) })).json();
  const off = { threshold: null, notify: [], criterion: null, criterionThreshold: null };

  // An analyst key: 403, nothing set.
  const byAnalyst = await put(analystKey, { threshold: 1.5, notify: [manager.email] });
  expect(byAnalyst.status()).toBe(403);
  expect(await current()).toEqual(off);

  // Somebody who is not a member (another workspace's owner): 422 naming them.
  const stranger = await put(managerKey, { threshold: 1.5, notify: [manager.email, other.owner.email] });
  expect(stranger.status()).toBe(422);
  const problem = await stranger.json();
  expect(problem.detail).toContain(other.owner.email);
  expect(problem.detail).not.toContain(manager.email);
  expect(problem.errors).toEqual([{ path: "notify", message: `${other.owner.email} is not a member of this workspace.` }]);
  expect(await current()).toEqual(off);

  // A criterion the study does not have: 422; shapes that are wrong: 400 with the paths.
  expect((await put(managerKey, { threshold: 1, criterion: "no-such-criterion", criterionThreshold: 2 })).status()).toBe(422);
  const malformed = await put(managerKey, { threshold: -1, criterion: "recovery", notify: ["not an email"] });
  expect(malformed.status()).toBe(400);
  expect(((await malformed.json()).errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["criterionThreshold", "notify.0", "threshold"]);
  expect(await current()).toEqual(off);

  // A manager key: 200 with the rule, which GET then returns (addresses in lower case).
  const criterion = study.snapshot.criteria[0].key;
  const set = await put(managerKey, { threshold: 1.5, notify: [manager.email.toUpperCase()], criterion, criterionThreshold: 2 });
  expect(set.status()).toBe(200);
  const rule = { threshold: 1.5, notify: [manager.email], criterion, criterionThreshold: 2 };
  expect(await set.json()).toEqual(rule);
  expect(await current()).toEqual(rule);
  // Another workspace's key does not see the study.
  expect((await request.get(path, { headers: auth(await other.apiKey("manager")) })).status()).toBe(404);
});
