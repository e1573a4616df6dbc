import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { campaignRecipients, contacts } from "@/db/schema";
import { surveySteps } from "@/lib/survey/steps";
import { expect, makeWorkspace, test } from "./fixtures";
import { chooseFile } from "./import-helpers";
import { linkIn, mailsTo, waitForMail, type CaughtMail } from "./mail-helpers";
import { makePublishedStudy, stepBody } from "./survey-helpers";

// The whole loop against the built app and a real SMTP server
// (e2e/mail-catcher.ts): 50 contacts in two languages imported from a CSV,
// one campaign, exactly one mail each in their language whose link opens
// their survey; 10 answer; 3 unsubscribe (one on the page with JavaScript
// off, two by the one-click POST of RFC 8058); the reminder reaches exactly
// the other 37; a recipient the server refuses for good fails alone.

test.setTimeout(180_000);

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

test("invite 50 contacts by email, remind the ones who did not answer, honour unsubscribes", async ({ page, browser, request }) => {
  const workspace = await makeWorkspace("Harbour Hotel group");
  const fixture = await makePublishedStudy({ workspaceId: workspace.id, languages: ["en", "zh-Hant"] });
  const run = randomUUID().slice(0, 8);
  const people = Array.from({ length: 50 }, (_, i) => ({
    email: `guest${i}-${run}@example.test`,
    name: i % 2 === 0 ? `Guest ${i}` : `客人 ${i}`,
    language: i % 2 === 0 ? "en" : "zh-Hant",
    segment: i < 25 ? "Airport" : "Harbour",
  }));
  const refused = `reject-${run}@example.test`;
  const csv = [
    "email,name,language,segment",
    ...people.map((p) => `${p.email},${p.name},${p.language},${p.segment}`),
    `${refused},Nobody,en,Airport`,
  ].join("\n");

  // 1. The owner imports the contacts on the Contacts page.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(workspace.owner.email);
  await page.getByLabel("Password").fill(workspace.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);
  await page.goto("/contacts/import");
  await chooseFile(page, "guests.csv", csv, "CSV file");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText(/51 new contacts/)).toBeVisible();

  // 2. One campaign to all of them (the API; the Distribute page's form is tested in campaign-ui.spec.ts).
  const key = await workspace.apiKey("manager");
  const sent = await request.post(`/api/v1/studies/${fixture.studyId}/invitations`, { headers: auth(key), data: { to: "all" } });
  expect(sent.status()).toBe(202);
  const { campaign, recipients } = await sent.json();
  expect(recipients).toBe(51);
  const countsPath = `/api/v1/studies/${fixture.studyId}/invitations/${campaign}`;
  await expect.poll(async () => (await (await request.get(countsPath, { headers: auth(key) })).json()).queued, { timeout: 60_000 }).toBe(0);
  const afterInvites = await (await request.get(countsPath, { headers: auth(key) })).json();
  expect(afterInvites).toMatchObject({ recipients: 51, sent: 50, failed: 1, responded: 0 });

  // Exactly one mail each, in their language, with their own link.
  const invitations = new Map<string, CaughtMail>();
  for (const person of people) {
    const mails = await waitForMail(person.email);
    expect(mails, person.email).toHaveLength(1);
    const mail = mails[0];
    expect(mail.subject).toBe(person.language === "en" ? "Harbour Hotel: how did we do?" : "Harbour Hotel 想聽聽您的意見");
    expect(mail.text).toContain(person.name);
    invitations.set(person.email, mail);
  }
  expect(await mailsTo(refused)).toHaveLength(0);
  const [failedRow] = await getDb()
    .select({ state: campaignRecipients.state, error: campaignRecipients.error })
    .from(campaignRecipients)
    .innerJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(eq(contacts.email, refused));
  expect(failedRow.state).toBe("failed");
  expect(failedRow.error).toMatch(/550/);
  const surveyLinks = people.map((p) => linkIn(invitations.get(p.email)!, "http://127.0.0.1"));
  expect(new Set(surveyLinks.map((l) => new URL(l).pathname)).size).toBe(50);

  // The links open the survey in the mail's language.
  await page.goto(surveyLinks[1]);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
  await expect(page.getByText("Harbour Hotel").first()).toBeVisible();
  await page.goto(surveyLinks[0]);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("button", { name: "Start" })).toBeVisible();

  // 3. Ten customers answer through their links (posting each step as the survey form does).
  const steps = surveySteps(fixture.snapshot).length;
  for (const link of surveyLinks.slice(0, 10)) {
    const path = new URL(link).pathname;
    const customer = randomUUID();
    for (let i = 0; i < steps; i++) {
      const res = await request.post(path, { form: stepBody(fixture, customer, i), maxRedirects: 0 });
      expect(res.status(), `${path} step ${i}`).toBe(303);
    }
  }
  await expect.poll(async () => (await (await request.get(countsPath, { headers: auth(key) })).json()).responded).toBe(10);

  // 4. Three unsubscribe: one on the page with JavaScript off, two by the mail client's one-click POST.
  const unsubscribeOf = (email: string) => unsubscribeLink(invitations.get(email)!);
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const customerPage = await noScript.newPage();
  await customerPage.goto(unsubscribeOf(people[10].email));
  await customerPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(customerPage.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  await noScript.close();
  for (const person of [people[11], people[12]]) {
    const oneClick = await request.post(unsubscribeOf(person.email), {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      data: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status()).toBe(200);
  }
  await expect.poll(async () => (await (await request.get(countsPath, { headers: auth(key) })).json()).unsubscribed).toBe(3);

  // 5. A reminder now: exactly the 37 who neither answered nor unsubscribed.
  const reminded = await request.post(`${countsPath}/reminders`, { headers: auth(key) });
  expect(reminded.status()).toBe(202);
  expect((await reminded.json()).recipients).toBe(37);
  const stillOpen = people.slice(13);
  for (const person of stillOpen) {
    const mails = await waitForMail(person.email, { count: 2 });
    expect(mails, person.email).toHaveLength(2);
    expect(mails[1].subject).toMatch(person.language === "en" ? /^Reminder: / : /^提醒：/);
    // The reminder carries the same personal link.
    expect(linkIn(mails[1], "http://127.0.0.1")).toBe(linkIn(mails[0], "http://127.0.0.1"));
  }
  for (const person of people.slice(0, 13)) expect(await mailsTo(person.email), person.email).toHaveLength(1);
  await expect.poll(async () => (await (await request.get(countsPath, { headers: auth(key) })).json()).reminded, { timeout: 30_000 }).toBe(37);
});

/** The unsubscribe link at the foot of a campaign mail. */
function unsubscribeLink(mail: CaughtMail): string {
  const found = /http:\/\/127\.0\.0\.1:\d+\/u\/[A-Za-z0-9_-]+/.exec(mail.text ?? "");
  if (!found) throw new Error(`no unsubscribe link in "${mail.subject}"`);
  return found[0];
}
