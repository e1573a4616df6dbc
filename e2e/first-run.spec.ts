import { expect, test } from "@playwright/test";
import { SignInPage } from "./fixtures";

test("first run: set up the workspace, sign out, sign in; set-up is then closed", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up your workspace" })).toBeVisible();
  // What the product is for, before anything is asked.
  await expect(page.getByTestId("setup-purpose")).toContainText("Gapwise measures how far your service falls short of what your customers expect");

  // The server validates too: a short password is refused beside its field.
  await page.getByLabel("Organisation or team").fill("Harbour Hotel");
  await page.getByLabel("Email").fill("owner@harbour.test");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  // The error says it: the hint with the same rule is not shown beside it.
  await expect(page.getByText("At least 10 characters.", { exact: true })).toHaveCount(0);

  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/studies$/);
  await expect(page.getByText("owner@harbour.test")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // A second visit to set-up is refused.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in\?setup=done$/);
  await expect(page.getByText("This installation is already set up.")).toBeVisible();

  const signIn = new SignInPage(page);
  await signIn.signIn({ email: "owner@harbour.test", password: "wrong password!" });
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();
  await signIn.signIn({ email: "nobody@harbour.test", password: "a long enough password" });
  // Unknown account: the very same message, so accounts cannot be discovered.
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();

  await signIn.signIn({ email: "owner@harbour.test", password: "a long enough password" });
  await expect(page).toHaveURL(/\/studies$/);
});
