import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { getDb, transaction } from "@/db/client";
import { listCampaigns } from "@/db/queries/campaigns";
import { contacts } from "@/db/schema";
import { newToken } from "@/lib/auth/tokens";
import { expect, makeWorkspace, test } from "./fixtures";
import { waitForMail } from "./mail-helpers";
import { signInIn } from "./study-design-helpers";
import { expectAccessible, makePublishedStudy } from "./survey-helpers";

// The manager's side of email campaigns against the built app and a real
// SMTP server (e2e/mail-catcher.ts): the invitation's wording, the
// Distribute page's form (with JavaScript and without), the campaign page
// following the mails and sending a reminder now, and who may see it.

const shots = process.env.CAMPAIGN_SHOTS_DIR;

/** Desktop and phone screenshots for a human to look at, only when CAMPAIGN_SHOTS_DIR is set. */
async function shoot(page: Page, name: string, locator?: string) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  const size = page.viewportSize();
  for (const [label, width] of [
    ["desktop", 1280],
    ["phone", 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    // Chromium paints a sandboxed frame only once it has been in view.
    for (const frame of await page.locator("iframe").all()) await frame.scrollIntoViewIfNeeded();
    const target = locator ? page.locator(locator) : null;
    if (target) await target.screenshot({ path: path.join(shots, `${name}-${label}.png`) });
    else await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage: true });
  }
  if (size) await page.setViewportSize(size);
}

type Person = { email: string; name?: string; segment: string; language?: "en" | "zh-Hant"; unsubscribed?: boolean };

async function addContacts(workspaceId: string, people: Person[]) {
  const now = Date.now();
  await transaction((tx) =>
    tx.insert(contacts).values(
      people.map((p) => ({
        id: randomUUID(),
        workspaceId,
        email: p.email,
        name: p.name ?? "",
        language: p.language ?? null,
        segment: p.segment,
        unsubscribeToken: newToken(),
        unsubscribedAt: p.unsubscribed ? now : null,
        updatedAt: now,
      })),
    ),
  );
}

const section = (page: Page) => page.getByRole("region", { name: "Email invitations" });

test("a manager words the invitation, sends it to a segment, follows the campaign and reminds", async ({ page, workspace, signedInAs }) => {
  test.setTimeout(120_000);
  const run = randomUUID().slice(0, 8);
  const fixture = await makePublishedStudy({ workspaceId: workspace.id, languages: ["en", "zh-Hant"] });
  const lin = `lin-${run}@example.test`;
  const mei = `mei-${run}@example.test`;
  await addContacts(workspace.id, [
    { email: lin, name: "Lin Wei", segment: "Airport", language: "en" },
    { email: mei, name: "林美", segment: "Airport", language: "zh-Hant" },
    { email: `gone-${run}@example.test`, segment: "Airport", unsubscribed: true },
    { email: `harbour-${run}@example.test`, segment: "Harbour" },
  ]);
  const manager = await workspace.member("manager");
  await signedInAs(manager);

  // The wording: the English subject of this study, saved and previewed.
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  await expect(section(page).getByText("3 contacts can be mailed; 1 who unsubscribed is left out.")).toBeVisible();
  await section(page).getByRole("link", { name: "Edit the invitation email" }).click();
  await expect(page.getByRole("heading", { name: "Invitation email", level: 1 })).toBeVisible();
  const english = page.getByRole("group", { name: "English" });
  await expect(english.getByLabel("Subject")).toHaveAttribute("placeholder", "Harbour Hotel: how did we do?");
  // The browser keeps each part within its limit (the server checks again: mail-template-form.test.ts).
  await expect(english.getByLabel("Subject")).toHaveAttribute("maxlength", "150");
  await expect(english.getByLabel("Button text")).toHaveAttribute("maxlength", "40");
  const subject = `A quick word from Harbour Hotel ${run}`;
  await english.getByLabel("Subject").fill(subject);
  await english.getByLabel("Button text").fill("Tell us");
  await page.getByRole("button", { name: "Save wording" }).click();
  await expect(page.getByText("Saved. New invitations and reminders use this wording.")).toBeVisible();
  await expect(page.getByTestId("preview-subject")).toHaveText(subject);
  await expect(page.getByTestId("preview-text")).toContainText("Tell us:");
  await expect(page.frameLocator("iframe.mail-frame").getByRole("link", { name: "Tell us" })).toBeVisible();
  await page.getByRole("link", { name: "繁體中文" }).click();
  await expect(page.getByTestId("preview-subject")).toHaveText("Harbour Hotel 想聽聽您的意見");
  // The preview frame is the mail itself, sandboxed without scripts: axe cannot enter it (and would wait for it).
  await expect(page).toHaveTitle(/\S/); // streamed in after the content at times
  const axe = await new AxeBuilder({ page }).exclude("iframe.mail-frame").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shoot(page, "email-wording");

  // The form: one segment, reminders on by default, sent now.
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  const form = section(page);
  await form.getByLabel("Segment", { exact: true }).selectOption("Airport");
  await expect(form.getByRole("radio", { name: "One segment" })).toBeChecked();
  await expect(form.getByRole("checkbox", { name: "Remind those who have not answered" })).toBeChecked();
  await shoot(page, "distribute-email-section", "section[aria-labelledby=email-invitations-heading]");
  await form.getByRole("button", { name: "Send to 2 contacts" }).click();

  // The campaign page: the notice, then the counts as the mails go.
  await expect(page).toHaveURL(new RegExp(`/studies/${fixture.studyId}/distribute/campaigns/[^/?]+\\?created=2`));
  await expect(page.getByTestId("campaign-notice")).toContainText("Invitations queued for 2 contacts.");
  await expect(page.getByTestId("campaign-notice")).toContainText("Not mailed: 1 unsubscribed");
  await expect(page.getByTestId("count-sent")).toHaveText("2", { timeout: 30_000 });
  await expect(page.getByTestId("count-queued")).toHaveText("0");
  await expect(page.getByTestId("count-recipients")).toHaveText("2");
  const [linMail] = await waitForMail(lin);
  expect(linMail.subject).toBe(subject);
  expect(linMail.text).toContain("Tell us:");
  const [meiMail] = await waitForMail(mei);
  expect(meiMail.subject).toBe("Harbour Hotel 想聽聽您的意見");
  const rows = page
    .getByRole("table")
    .filter({ has: page.getByRole("columnheader", { name: "Reminders" }) })
    .getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: lin })).toContainText("Sent");
  await expect(rows.filter({ hasText: mei })).toContainText("林美");
  await expect(page.getByTestId("next-reminder")).toContainText("(reminder 1 of 2)");
  await expect(page.getByText("Every 3 days, at most 2 times")).toBeVisible();

  // A reminder now: queued for both, arrives with the same subject after "Reminder:".
  await expect(page.getByText("Goes to the 2 recipients who have neither answered nor unsubscribed.")).toBeVisible();
  await page.getByRole("button", { name: "Send a reminder now" }).click();
  await expect(page.getByText("A reminder is on its way to 2 recipients.")).toBeVisible();
  const linMails = await waitForMail(lin, { count: 2 });
  expect(linMails[1].subject).toBe(`Reminder: ${subject}`);
  await expect(page.getByTestId("count-reminded")).toHaveText("2", { timeout: 30_000 });
  await expectAccessible(page);
  await shoot(page, "campaign-page");

  // The Distribute page lists it with its counts.
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  const listed = section(page).getByRole("table").getByRole("row").filter({ hasText: "Segment Airport" });
  await expect(listed.getByRole("cell")).toHaveText([/UTC/, "Segment Airport", /UTC/, "2", "2", "0", "0", "2", "0", "Open"]);
  await shoot(page, "distribute-campaign-list", "section[aria-labelledby=email-invitations-heading]");
});

test("without JavaScript: refusals in the form with their reason, then a scheduled campaign", async ({ browser, workspace }) => {
  test.setTimeout(90_000);
  const run = randomUUID().slice(0, 8);
  const fixture = await makePublishedStudy({ workspaceId: workspace.id });
  const guest = `guest-${run}@example.test`;
  await addContacts(workspace.id, [{ email: guest, segment: "" }]);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(workspace.owner.email);
  await page.getByLabel("Password").fill(workspace.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  const form = section(page);
  // No segments: that choice is off and says why.
  await expect(form.getByRole("radio", { name: "One segment" })).toBeDisabled();
  await expect(form.getByText("None of your contacts has a segment.")).toBeVisible();

  // Addresses that are not addresses: named beside the field.
  await form.getByRole("radio", { name: "Chosen contacts" }).check();
  await form.getByLabel("Email addresses of chosen contacts").fill(`${guest}\nnot-an-address`);
  await form.getByRole("button", { name: "Send invitations" }).click();
  await expect(section(page).getByText("This is not an email address: not-an-address")).toBeVisible();
  await expect(section(page).getByLabel("Email addresses of chosen contacts")).toHaveValue(`${guest}\nnot-an-address`);

  // Nobody to invite (no such contact): refused with the counts, nothing made.
  await section(page).getByLabel("Email addresses of chosen contacts").fill(`stranger-${run}@example.test`);
  await section(page).getByRole("button", { name: "Send invitations" }).click();
  await expect(section(page).getByRole("alert")).toHaveText(
    "Nobody to invite, so nothing was sent: 0 unsubscribed, 0 already answered, 0 with a retired invitation, 1 not among your contacts.",
  );
  expect(await listCampaigns(getDb(), fixture.studyId)).toEqual([]);

  // A time that has passed, then one tomorrow: scheduled.
  await section(page).getByLabel("Email addresses of chosen contacts").fill(`${guest}, stranger-${run}@example.test`);
  await section(page).getByRole("radio", { name: "At a date and time (UTC)" }).check();
  await section(page).getByLabel("Send at, in UTC").fill("2020-01-01T09:00");
  await section(page).getByRole("button", { name: "Send invitations" }).click();
  await expect(section(page).getByText("That time has passed. Choose a later time, or Now.")).toBeVisible();
  const tomorrow = new Date(Date.now() + 24 * 60 * 60_000).toISOString().slice(0, 16);
  await section(page).getByLabel("Send at, in UTC").fill(tomorrow);
  await section(page).getByRole("button", { name: "Send invitations" }).click();
  await expect(page).toHaveURL(/\/distribute\/campaigns\/[^/?]+\?created=1/);
  await expect(page.getByTestId("campaign-notice")).toContainText("1 invitation will go out at");
  await expect(page.getByTestId("campaign-notice")).toContainText(`Not among your contacts: stranger-${run}@example.test`);
  await expect(page.getByTestId("count-queued")).toHaveText("1");
  await expect(page.getByText("Scheduled", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("The invitations have not gone out yet; reminders can follow once they have.")).toBeVisible();
  // Scheduled for tomorrow: nothing refreshes the page meanwhile.
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
  await context.close();
});

test("the campaign page is for owners and managers of its study: an analyst is forbidden, others get a 404", async ({
  page,
  browser,
  workspace,
  request,
}) => {
  const run = randomUUID().slice(0, 8);
  const fixture = await makePublishedStudy({ workspaceId: workspace.id });
  const other = await makePublishedStudy({ workspaceId: workspace.id });
  await addContacts(workspace.id, [{ email: `solo-${run}@example.test`, segment: "" }]);
  const key = await workspace.apiKey("manager");
  const sent = await request.post(`/api/v1/studies/${fixture.studyId}/invitations`, {
    headers: { authorization: `Bearer ${key}` },
    data: { to: "all" },
  });
  expect(sent.status()).toBe(202);
  const { campaign } = await sent.json();
  const campaignPath = `/studies/${fixture.studyId}/distribute/campaigns/${campaign}`;

  const analyst = await signInIn(browser, await workspace.member("analyst"));
  await analyst.goto(campaignPath);
  await expect(analyst).toHaveURL(/\/forbidden$/);
  await analyst.goto(`/studies/${fixture.studyId}/distribute/email`);
  await expect(analyst).toHaveURL(/\/forbidden$/);

  const stranger = await signInIn(browser, (await makeWorkspace("Another group")).owner);
  const response = await stranger.goto(campaignPath);
  expect(response?.status()).toBe(404);

  const owner = await signInIn(browser, workspace.owner);
  expect((await owner.goto(campaignPath))?.status()).toBe(200);
  await expect(owner.getByRole("heading", { name: "Email campaign: All contacts", level: 1 })).toBeVisible();
  await expect(owner.locator(".page-head p")).toContainText("through the API");
  // The same campaign under another study of the workspace, or an id that is no campaign: not found.
  expect((await owner.goto(`/studies/${other.studyId}/distribute/campaigns/${campaign}`))?.status()).toBe(404);
  expect((await owner.goto(`/studies/${fixture.studyId}/distribute/campaigns/nothing-here`))?.status()).toBe(404);
  await page.close();
});
