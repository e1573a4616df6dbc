import { expect, test } from "./fixtures";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";

test("signed-out visitors are sent to sign in; the API answers 401", async ({ page, request }) => {
  for (const path of ["/studies", "/settings"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in/);
  }
  const api = await request.get("/api/v1/studies/anything");
  expect(api.status()).toBe(401);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
});

test("an analyst cannot reach owner pages, and a direct POST to an owner action changes nothing", async ({
  page,
  browser,
  workspace,
  signedInAs,
}) => {
  const analyst = await workspace.member("analyst");
  const manager = await workspace.member("manager");

  // The owner's page holds the action ids a forger would copy.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto("/sign-in");
  await ownerPage.getByLabel("Email").fill(workspace.owner.email);
  await ownerPage.getByLabel("Password").fill(workspace.owner.password);
  await ownerPage.getByRole("button", { name: "Sign in" }).click();
  await expect(ownerPage).toHaveURL(/\/studies/);
  await ownerPage.goto("/settings");
  const removeForm = ownerPage
    .locator("form")
    .filter({ has: ownerPage.getByRole("button", { name: "Remove" }) })
    .first();
  const actionField = removeForm.locator('input[name^="$ACTION_ID_"]');
  const actionName = await actionField.getAttribute("name");
  expect(actionName).toBeTruthy();
  await ownerContext.close();

  await signedInAs(analyst);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  const members = () => listMembers(getDb(), workspace.id);
  const before = (await members()).length;
  const forged = await page.request.post("/settings", {
    multipart: { [actionName!]: "", userId: manager.userId },
    maxRedirects: 0,
  });
  expect([303, 307, 403]).toContain(forged.status());
  expect(forged.headers()["location"] ?? forged.headers()["x-action-redirect"] ?? "").toContain("/forbidden");
  expect((await members()).length).toBe(before);
  expect((await members()).some((m) => m.userId === manager.userId)).toBe(true);
});

test("an owner adds a member and creates an API key shown once", async ({ page, workspace, signedInAs }) => {
  await signedInAs(workspace.owner);
  await page.goto("/settings");
  await page.getByLabel("Email", { exact: true }).fill("new.analyst@example.test");
  await page.getByLabel("Initial password").fill("another long password");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText("Member added.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "new.analyst@example.test", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("new-api-key").textContent();
  expect(key).toMatch(/^gm_/);
  const health = await page.request.get("/api/health");
  expect(health.ok()).toBe(true);
});
