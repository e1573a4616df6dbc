import { test as base, expect, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { transaction } from "@/db/client";
import { addMembership, createUser } from "@/db/queries/accounts";
import type { Role } from "@/db/schema";
import { createApiKey, createOwner } from "@/lib/accounts/accounts";
import { hashPassword } from "@/lib/auth/password";

// Tests write straight into the same throwaway database the server uses
// (DATABASE_URL is set by playwright.config.ts, on either engine), so each test makes its own
// workspace and members in milliseconds instead of clicking through set-up.

export type Account = { email: string; password: string; userId: string; workspaceId: string; role: Role };

export type Workspace = {
  id: string;
  owner: Account;
  /** Adds a member with `role` to this workspace. */
  member(role: Role): Promise<Account>;
  /** A fresh API key of this workspace. */
  apiKey(role: "manager" | "analyst"): Promise<string>;
};

const password = "correct horse battery";

export async function makeWorkspace(name = "E2E workspace"): Promise<Workspace> {
  const email = `owner-${randomUUID()}@example.test`;
  const created = await createOwner({ email, password, workspace: name });
  const owner: Account = { email, password, userId: created.userId, workspaceId: created.workspaceId, role: "owner" };
  return {
    id: created.workspaceId,
    owner,
    async member(role) {
      const memberEmail = `${role}-${randomUUID()}@example.test`;
      const passwordHash = await hashPassword(password);
      const userId = await transaction(async (tx) => {
        const user = await createUser(tx, { email: memberEmail, passwordHash });
        await addMembership(tx, created.workspaceId, user.id, role);
        return user.id;
      });
      return { email: memberEmail, password, userId, workspaceId: created.workspaceId, role };
    },
    async apiKey(role) {
      return (await createApiKey(created.workspaceId, role, "e2e")).key;
    },
  };
}

export class SignInPage {
  constructor(private readonly page: Page) {}
  async goto() {
    await this.page.goto("/sign-in");
  }
  async signIn(account: { email: string; password: string }) {
    await this.goto();
    await this.page.getByLabel("Email").fill(account.email);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}

type Fixtures = { workspace: Workspace; signInPage: SignInPage; signedInAs: (account: Account) => Promise<void> };

export const test = base.extend<Fixtures>({
  workspace: async ({}, use) => {
    await use(await makeWorkspace());
  },
  signInPage: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
  signedInAs: async ({ page }, use) => {
    await use(async (account) => {
      const signInPage = new SignInPage(page);
      await signInPage.signIn(account);
      await expect(page).toHaveURL(/\/studies/);
    });
  },
});

export { expect };
