import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, SignInPage, test } from "./fixtures";
import { linkIn, mailsTo, waitForMail } from "./mail-helpers";

// Account self-service against the real SMTP server of e2e/mail-catcher.ts:
// "Forgot password?" mails a link that works once (without JavaScript), the
// same answer for an unknown email, an owner's reset of a member, the
// account page's password change, and Settings' test mail.

const answer = "If an account exists for that address, we sent it a link to choose a new password.";

async function askForLink(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  return page.getByText(answer);
}

async function setNewPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Set the new password" }).click();
}

async function signedOutPage(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  return { page: await context.newPage(), close: () => context.close() };
}

test("forgot password without JavaScript: the mailed link works once, then the new password signs in and the old one does not", async ({
  browser,
  workspace,
  baseURL,
}) => {
  const member = await workspace.member("manager");
  const { page, close } = await signedOutPage(browser, false);

  await expect(await askForLink(page, member.email.toUpperCase())).toBeVisible();
  const [mail] = await waitForMail(member.email);
  expect(mail.subject).toBe("Reset your Gapwise password");
  const link = linkIn(mail, `${baseURL}/reset-password/`);
  expect(mail.html).toContain(`href="${link}"`);
  expect(mail.html).not.toMatch(/<img|<script/i);

  // The two passwords must match, and follow the sign-up rules.
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("different");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();

  await setNewPassword(page, link, "a brand new password");
  await expect(page).toHaveURL(/\/sign-in\?reset=done$/);
  await expect(page.getByText("Your password was changed and every session signed out.")).toBeVisible();

  // Once only.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  await page.goto(`${baseURL}/reset-password/${"x".repeat(32)}`);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();

  const signIn = new SignInPage(page);
  await signIn.signIn({ email: member.email, password: member.password });
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  await signIn.signIn({ email: member.email, password: "a brand new password" });
  await expect(page).toHaveURL(/\/studies$/);
  await close();
});

test("forgot password gives an unknown email the same answer, and mails it nothing", async ({ browser, workspace }) => {
  const member = await workspace.member("analyst");
  const unknown = `nobody-${randomUUID()}@example.test`;
  const { page, close } = await signedOutPage(browser);
  const forUnknown = await askForLink(page, unknown);
  await expect(forUnknown).toBeVisible();
  const unknownAnswer = await page.locator(".alert").innerText();
  const forKnown = await askForLink(page, member.email);
  await expect(forKnown).toBeVisible();
  expect(await page.locator(".alert").innerText()).toBe(unknownAnswer);
  // The outbox goes in order: once the later mail is in, an earlier one would be too.
  await waitForMail(member.email);
  expect(await mailsTo(unknown)).toHaveLength(0);
  await close();
});

test("an owner resets a member's password: the member gets the mail, its link sets the password", async ({
  page,
  browser,
  workspace,
  signedInAs,
  baseURL,
}) => {
  const member = await workspace.member("analyst");
  await signedInAs(workspace.owner);
  await page.goto("/settings");
  // No reset for oneself.
  await expect(page.getByRole("button", { name: `Reset password for ${workspace.owner.email}` })).toHaveCount(0);
  await page.getByRole("button", { name: `Reset password for ${member.email}` }).click();
  await expect(page.getByText(`A link to choose a new password was mailed to ${member.email}.`)).toBeVisible();
  await expect(page.getByTestId("reset-link")).toHaveCount(0);

  const [mail] = await waitForMail(member.email);
  expect(mail.text).toContain("An owner of your workspace asked for a new password");
  const link = linkIn(mail, `${baseURL}/reset-password/`);
  const other = await signedOutPage(browser);
  await setNewPassword(other.page, link, "set by the member");
  await expect(other.page).toHaveURL(/\/sign-in\?reset=done$/);
  await new SignInPage(other.page).signIn({ email: member.email, password: "set by the member" });
  await expect(other.page).toHaveURL(/\/studies$/);
  await other.close();
});

test("changing one's password on the account page keeps this session and signs out the others", async ({ browser, page, workspace, signedInAs }) => {
  const member = await workspace.member("analyst");
  const elsewhere = await signedOutPage(browser);
  await new SignInPage(elsewhere.page).signIn(member);
  await expect(elsewhere.page).toHaveURL(/\/studies$/);

  await signedInAs(member);
  await page.getByRole("link", { name: new RegExp(member.email) }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Analyst", { exact: true })).toBeVisible();

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("my next password");
  await page.getByLabel("Repeat the new password").fill("my next password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();

  await page.getByLabel("Current password").fill(member.password);
  await page.getByLabel("New password", { exact: true }).fill("my next password");
  await page.getByLabel("Repeat the new password").fill("my next password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. One other session was signed out.")).toBeVisible();

  await page.goto("/studies");
  await expect(page).toHaveURL(/\/studies$/);
  await elsewhere.page.goto("/studies");
  await expect(elsewhere.page).toHaveURL(/\/sign-in/);
  await elsewhere.close();
});

test("Settings shows the mail set-up and sends a test mail to the owner now", async ({ page, workspace, signedInAs }) => {
  await signedInAs(workspace.owner);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Mail" });
  await expect(section.getByText("Mail is set up.")).toBeVisible();
  await expect(section.getByText("survey@gapwise.test")).toBeVisible();
  await section.getByRole("button", { name: "Send test mail" }).click();
  await expect(section.getByText(`The mail server accepted the test mail to ${workspace.owner.email}.`)).toBeVisible();
  // Sent while the owner waited: already there.
  const mails = await mailsTo(workspace.owner.email);
  expect(mails.map((m) => m.subject)).toEqual(["Gapwise test mail"]);
});
