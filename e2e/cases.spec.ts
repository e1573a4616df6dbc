import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, makeWorkspace } from "./fixtures";
import { createFixtureStudy, expected, postFixtureResponses } from "./dashboard-helpers";
import { getDb, transaction } from "@/db/client";
import { findResponseByClientId } from "@/db/queries/responses";
import { insertResponseContact } from "@/db/queries/response-contacts";
import { caseNotes, cases, responseContacts } from "@/db/schema";

// The follow-up case list on the built app (issue 17). Cases come from real
// API submits through the study's alert rule (threshold 0.5: R2 +0.90 and
// R1 +0.60 open alert cases, R3 +0.15 does not) and from a manager's "Open a
// case". A manager works a case through; an analyst reads the list, and the
// same forms posted by the analyst are refused on the server.

const shots = "/tmp/shots-cases";
fs.mkdirSync(shots, { recursive: true });

/** A study with the three fixture responses submitted through an alert rule; R2 gave contact details on the consent step. */
async function studyWithAlerts(request: APIRequestContext, key: string) {
  const studyId = await createFixtureStudy(request, key);
  const rule = await request.put(`/api/v1/studies/${studyId}/alerts`, { headers: { authorization: `Bearer ${key}` }, data: { threshold: 0.5 } });
  expect(rule.status(), await rule.text()).toBe(200);
  await postFixtureResponses(request, key, studyId);
  const ids = await Promise.all(["r1", "r2", "r3"].map(async (r) => (await findResponseByClientId(getDb(), studyId, "customer", r))!.id));
  // The consent step's row, as the survey's last step stores it (its own flow is tested with the survey).
  await transaction((tx) =>
    insertResponseContact(tx, { responseId: ids[1], studyId, name: "Lin Mei", email: "lin.mei@example.test", phone: "+886 912 345 678" }),
  );
  return { studyId, ids };
}

const caseOf = (page: Page, gap: string) => page.getByTestId("case").filter({ hasText: gap });
const caseRow = async (responseId: string) => (await getDb().select().from(cases).where(eq(cases.responseId, responseId)))[0];

/** The hidden "$ACTION…" fields of a form (the bound action a forger would copy). */
async function actionFieldsOf(form: ReturnType<Page["locator"]>) {
  return form.evaluate((f) => Object.fromEntries([...f.querySelectorAll<HTMLInputElement>('input[name^="$"]')].map((i) => [i.name, i.value])));
}

test("alert cases from real submits; a manager opens, assigns, notes, contacts, resolves and reopens; filters; the dashboard count follows", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  test.setTimeout(120_000);
  const key = await workspace.apiKey("manager");
  const { studyId, ids } = await studyWithAlerts(request, key);
  const manager = await workspace.member("manager");
  await signedInAs(manager);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByTestId("open-cases-count")).toHaveText("2 open cases");

  await page.getByRole("link", { name: "Go to the cases" }).click();
  await expect(page).toHaveURL(new RegExp(`/studies/${studyId}/follow-up$`));
  await expect(page.getByTestId("case")).toHaveCount(2);
  const r2 = caseOf(page, "+0.90");
  const r1 = caseOf(page, "+0.60");
  await expect(r2).toContainText("Opened by the alert rule");
  await expect(r2.getByTestId("case-contact")).toContainText("Lin Mei");
  await expect(r2.getByRole("link", { name: "lin.mei@example.test" })).toHaveAttribute("href", "mailto:lin.mei@example.test");
  await expect(r1).toContainText("Anonymous");
  await expect(r1).toContainText(expected.comment);
  await expect(r1).toContainText("Largest shortfalls: Speed +1.00");
  await expect(page.getByTestId("case-counts")).toContainText("Open 2");

  // R3 (+0.15) is below the threshold: it waits among the shortfalls without a case, and is opened by hand.
  await page.getByRole("link", { name: "Largest shortfalls without a case" }).click();
  await expect(page.getByTestId("shortfall")).toHaveCount(1);
  await expect(page.getByTestId("shortfall")).toContainText("+0.15");
  await page.getByRole("button", { name: "Open a case" }).click();
  await expect(page.getByTestId("case")).toHaveCount(3);
  await expect(caseOf(page, "+0.15")).toContainText("Opened by hand");
  expect((await caseRow(ids[2])).origin).toBe("manual");

  // Assign R2 to the manager, then two notes: a thread, newest last, with author and time.
  await r2.getByLabel("Assignee").selectOption({ label: manager.email });
  await r2.getByRole("button", { name: "Assign" }).click();
  await expect(r2.getByTestId("case-assignee")).toHaveText(manager.email);
  await r2.getByLabel("New note").fill("Called, no answer");
  await r2.getByRole("button", { name: "Add note" }).click();
  await expect(r2.getByTestId("case-note")).toHaveCount(1);
  await r2.getByLabel("New note").fill("Called back, offered a free night");
  await r2.getByRole("button", { name: "Add note" }).click();
  await expect(r2.getByTestId("case-note")).toHaveCount(2);
  await expect(r2.getByTestId("case-note").last()).toContainText("Called back, offered a free night");
  await expect(r2.getByTestId("case-note").first()).toContainText(manager.email);

  // Contacted, with a due date already past: overdue.
  await r2.getByRole("button", { name: "Mark contacted" }).click();
  await expect(r2.getByTestId("case-state")).toHaveText("Contacted");
  await r2.getByLabel("Due date").fill("2026-01-15");
  await r2.getByRole("button", { name: "Set due date" }).click();
  await expect(r2).toContainText("Due 2026-01-15");
  await expect(r2).toContainText("Overdue");
  await page.screenshot({ path: `${shots}/cases-desktop.png`, fullPage: true });

  // Filters live in the URL: mine, overdue, a segment, a state.
  await page.getByLabel("Assigned to").selectOption("me");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/assignee=me/);
  await expect(page.getByTestId("case")).toHaveCount(1);
  await page.goto(`/studies/${studyId}/follow-up?overdue=1`);
  await expect(page.getByTestId("case")).toHaveCount(1);
  await expect(page.getByTestId("case")).toContainText("+0.90");
  await page.goto(`/studies/${studyId}/follow-up?segment=Branch+A`);
  await expect(page.getByTestId("case")).toHaveCount(2);
  await expect(page.getByTestId("case-counts")).toContainText("Open 2");
  await expect(page.getByTestId("case-counts")).toContainText("Contacted 0");

  // Resolved: off the default list, on the resolved one; the dashboard counts the two still open.
  await page.goto(`/studies/${studyId}/follow-up`);
  await caseOf(page, "+0.90").getByRole("button", { name: "Mark resolved" }).click();
  await expect(page.getByTestId("case")).toHaveCount(2);
  await page.getByRole("link", { name: /Resolved\s*1/ }).click();
  await expect(page).toHaveURL(/state=resolved/);
  await expect(page.getByTestId("case")).toHaveCount(1);
  await expect(page.getByTestId("case-state")).toHaveText("Resolved");
  const resolved = await caseRow(ids[1]);
  expect(resolved.state).toBe("resolved");
  expect(resolved.resolvedAt).not.toBeNull();
  expect((await getDb().select().from(caseNotes).where(eq(caseNotes.caseId, resolved.id))).map((n) => n.authorId)).toEqual([
    manager.userId,
    manager.userId,
  ]);
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByTestId("open-cases-count")).toHaveText("2 open cases");

  // Reopen, from the resolved list.
  await page.goto(`/studies/${studyId}/follow-up?state=resolved`);
  await page.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByTestId("case")).toHaveCount(0);
  expect((await caseRow(ids[1])).state).toBe("open");
  await page.goto(`/studies/${studyId}/results`);
  await expect(page.getByTestId("open-cases-count")).toHaveText("3 open cases");
});

test("a change made on a stale page changes nothing and says so; bad input is refused with its reason", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const key = await workspace.apiKey("manager");
  const { studyId, ids } = await studyWithAlerts(request, key);
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}/follow-up`);
  const second = await page.context().newPage();
  await second.goto(`/studies/${studyId}/follow-up`);
  await caseOf(page, "+0.90").getByRole("button", { name: "Mark resolved" }).click();
  await expect(page.getByTestId("case")).toHaveCount(1);
  // The other tab still shows it open: its "Mark contacted" is conditional on "open", and refused.
  await caseOf(second, "+0.90").getByRole("button", { name: "Mark contacted" }).click();
  await expect(second.getByTestId("case-error")).toContainText("Someone changed this case in the meantime");
  expect((await caseRow(ids[1])).state).toBe("resolved");

  // A forged note of 2,001 characters, and a move the rules do not allow: refused, nothing stored.
  const noteForm = caseOf(page, "+0.60")
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Add note" }) });
  const fields = await actionFieldsOf(noteForm);
  const caseId = (await caseRow(ids[0])).id;
  for (const [extra, error] of [
    [{ intent: "note", caseId, text: "x".repeat(2001) }, "noteTooLong"],
    [{ intent: "move", caseId, from: "resolved", to: "contacted" }, "badMove"],
    [{ intent: "due", caseId, due: "2026-02-30" }, "invalidDate"],
  ] as const) {
    const response = await page.request.post(`/studies/${studyId}/follow-up`, { multipart: { ...fields, ...extra }, maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers()["location"]).toContain(`error=${error}`);
  }
  expect(await getDb().select().from(caseNotes).where(eq(caseNotes.caseId, caseId))).toHaveLength(0);
  expect(await caseRow(ids[0])).toMatchObject({ state: "open", dueAt: null });
  await page.goto(`/studies/${studyId}/follow-up?error=noteTooLong`);
  await expect(page.getByTestId("case-error")).toHaveText("The note is too long (at most 2,000 characters).");
});

test("an analyst reads the cases without contact details; the change forms posted by an analyst are refused on the server", async ({
  page,
  browser,
  request,
  workspace,
  signedInAs,
}) => {
  const key = await workspace.apiKey("manager");
  const { studyId, ids } = await studyWithAlerts(request, key);

  // The manager's page holds the forms (and action ids) a forger would copy.
  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  const manager = await workspace.member("manager");
  await managerPage.goto("/sign-in");
  await managerPage.getByLabel("Email").fill(manager.email);
  await managerPage.getByLabel("Password").fill(manager.password);
  await managerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(managerPage).toHaveURL(/\/studies/);
  await managerPage.goto(`/studies/${studyId}/follow-up`);
  const card = caseOf(managerPage, "+0.90");
  const moveFields = await actionFieldsOf(card.locator("form").filter({ has: managerPage.getByRole("button", { name: "Mark contacted" }) }));
  const noteFields = await actionFieldsOf(card.locator("form").filter({ has: managerPage.getByRole("button", { name: "Add note" }) }));
  // Inside a closed <details>: found by text, not role (hidden elements have none).
  const removeFields = await actionFieldsOf(card.locator("form").filter({ has: managerPage.locator("button", { hasText: "Remove details" }) }));
  await managerPage.goto(`/studies/${studyId}/follow-up?view=shortfalls`);
  const openFields = await actionFieldsOf(managerPage.locator("form").filter({ has: managerPage.getByRole("button", { name: "Open a case" }) }));
  await managerContext.close();

  const analyst = await workspace.member("analyst");
  await signedInAs(analyst);
  await page.goto(`/studies/${studyId}/follow-up`);
  await expect(page.getByTestId("case")).toHaveCount(2);
  await expect(page.getByText("Your role can read the cases but not change them.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark contacted" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add note" })).toHaveCount(0);
  // Personal data: the analyst learns that details exist, not what they are.
  await expect(caseOf(page, "+0.90").getByTestId("contact-on-file")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Lin Mei");
  await expect(page.locator("body")).not.toContainText("lin.mei@example.test");
  await page.goto(`/studies/${studyId}/follow-up?view=shortfalls`);
  await expect(page.getByTestId("shortfall")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Open a case" })).toHaveCount(0);

  const r2Case = (await caseRow(ids[1])).id;
  const before = JSON.stringify([
    await caseRow(ids[1]),
    await getDb().select().from(caseNotes),
    await getDb().select().from(responseContacts).where(eq(responseContacts.studyId, studyId)),
  ]);
  for (const multipart of [
    { ...moveFields, intent: "move", caseId: r2Case, from: "open", to: "contacted" },
    { ...noteFields, intent: "note", caseId: r2Case, text: "forged" },
    { ...removeFields, caseId: r2Case, confirm: "yes" },
    { ...openFields, responseId: ids[2] },
  ]) {
    const forged = await page.request.post(`/studies/${studyId}/follow-up`, { multipart, maxRedirects: 0 });
    expect(forged.status()).toBe(303);
    expect(forged.headers()["location"]).toContain("/forbidden");
  }
  const after = JSON.stringify([
    await caseRow(ids[1]),
    await getDb().select().from(caseNotes),
    await getDb().select().from(responseContacts).where(eq(responseContacts.studyId, studyId)),
  ]);
  expect(after).toBe(before);
  expect(await caseRow(ids[2])).toBeUndefined();
});

test("a manager removes a customer's details on request, after confirming; the ratings and the case stay", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const key = await workspace.apiKey("manager");
  const { studyId, ids } = await studyWithAlerts(request, key);
  await signedInAs(await workspace.member("manager"));
  await page.goto(`/studies/${studyId}/follow-up`);
  const card = caseOf(page, "+0.90");
  await card.getByText("Remove this customer's details…").click();
  // Without the box ticked the browser refuses; posted anyway, the server refuses too.
  const form = card.locator("form").filter({ has: page.getByRole("button", { name: "Remove details" }) });
  const refused = await page.request.post(`/studies/${studyId}/follow-up`, {
    multipart: { ...(await actionFieldsOf(form)), caseId: (await caseRow(ids[1])).id },
    maxRedirects: 0,
  });
  expect(refused.headers()["location"]).toContain("error=notConfirmed");
  expect(await getDb().select().from(responseContacts).where(eq(responseContacts.responseId, ids[1]))).toHaveLength(1);

  await card.getByLabel("Yes, delete this customer's contact details").check();
  await card.getByRole("button", { name: "Remove details" }).click();
  await expect(caseOf(page, "+0.90")).toContainText("Anonymous");
  await expect(page.locator("body")).not.toContainText("Lin Mei");
  expect(await getDb().select().from(responseContacts).where(eq(responseContacts.responseId, ids[1]))).toHaveLength(0);
  expect(await findResponseByClientId(getDb(), studyId, "customer", "r2")).toMatchObject({ id: ids[1], status: "submitted" });
  expect((await caseRow(ids[1])).state).toBe("open");
});

test("the cases API: contact details only for a manager key, 422 on an unknown state, 404 for another workspace", async ({ request, workspace }) => {
  const key = await workspace.apiKey("manager");
  const { studyId, ids } = await studyWithAlerts(request, key);
  const get = (k: string, query = "") => request.get(`/api/v1/studies/${studyId}/cases${query}`, { headers: { authorization: `Bearer ${k}` } });

  const asManager = await get(key, "?state=open");
  expect(asManager.status()).toBe(200);
  const body = (await asManager.json()) as { cases: { response: string; gap: number; contact: unknown; state: string; segment: string }[] };
  expect(body.cases.map((c) => c.response).sort()).toEqual([ids[0], ids[1]].sort());
  const r2 = body.cases.find((c) => c.response === ids[1])!;
  expect(r2).toMatchObject({
    state: "open",
    segment: "Branch B",
    contact: { name: "Lin Mei", email: "lin.mei@example.test", phone: "+886 912 345 678" },
  });
  expect(r2.gap).toBeCloseTo(0.9, 9);
  expect(body.cases.find((c) => c.response === ids[0])!.contact).toBeNull();

  const asAnalyst = (await (await get(await workspace.apiKey("analyst"))).json()) as { cases: { contact: unknown }[] };
  expect(asAnalyst.cases).toHaveLength(2);
  expect(asAnalyst.cases.every((c) => c.contact === null)).toBe(true);

  expect((await (await get(key, "?state=resolved")).json()).cases).toEqual([]);
  const bad = await get(key, "?state=closed");
  expect(bad.status()).toBe(422);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  const other = await makeWorkspace("Other");
  expect((await get(await other.apiKey("manager"))).status()).toBe(404);
});

test("phone and Chinese layouts of the case list", async ({ page, request, workspace, signedInAs }) => {
  const key = await workspace.apiKey("manager");
  const { studyId } = await studyWithAlerts(request, key);
  await signedInAs(workspace.owner);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/studies/${studyId}/follow-up`);
  await expect(page.getByTestId("case")).toHaveCount(2);
  // One column of cards: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${shots}/cases-phone.png`, fullPage: true });
  await page.goto(`/studies/${studyId}/follow-up?view=shortfalls`);
  await page.screenshot({ path: `${shots}/shortfalls-phone.png`, fullPage: true });

  for (const [locale, title, open] of [
    ["zh-Hant", "後續追蹤", "標為已聯絡"],
    ["zh-Hans", "后续跟进", "标为已联系"],
  ] as const) {
    await page.context().addCookies([{ name: "locale", value: locale, url: page.url() }]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/studies/${studyId}/follow-up`);
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: open }).first()).toBeVisible();
    await page.screenshot({ path: `${shots}/cases-${locale}.png`, fullPage: true });
  }
});
