import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { loadDraft } from "@/db/queries/studies";
import { createStudy } from "@/lib/studies/create-study";
import { studyCreateSchema, type StudyCreateInput } from "@/lib/validation/study";
import type { Account } from "./fixtures";

/** A hotel study made straight in the test database (en + 繁體中文, fixed seed). */
export async function makeHotelStudy(workspaceId: string, input: Partial<StudyCreateInput> = {}) {
  const parsed = studyCreateSchema.parse({
    name: "Front desk",
    provider: "Harbour Hotel",
    industry: "hotel",
    languages: ["en", "zh-Hant"],
    seed: 7,
    ...input,
  });
  return createStudy(workspaceId, parsed);
}

/** Item ids, texts, flags and weights of the draft: what a refused action must leave untouched. */
export async function draftFingerprint(studyId: string): Promise<string> {
  return JSON.stringify(
    (await loadDraft(getDb(), studyId)).map((c) => ({ id: c.id, weight: c.weight, items: c.items.map((i) => [i.id, i.text, i.locked, i.reverse]) })),
  );
}

export async function signInIn(browser: Browser, account: Account): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);
  return page;
}

/**
 * Every hidden input of a form as rendered for a manager: the server-action
 * reference Next puts there is what a forger would copy.
 */
export async function hiddenFields(form: Locator): Promise<Record<string, string>> {
  const fields = await form.evaluate((el) =>
    Array.from(el.querySelectorAll<HTMLInputElement>('input[type="hidden"]')).map((input) => [input.name, input.value]),
  );
  expect(fields.some(([name]) => name.startsWith("$ACTION"))).toBe(true);
  return Object.fromEntries(fields);
}
