import { expect, test } from "./fixtures";
import { getDb } from "@/db/client";
import { findStudy, loadDraft } from "@/db/queries/studies";
import { makeHotelStudy } from "./study-design-helpers";

test("criteria and questions are edited from the keyboard; settings and archiving work", async ({ page, workspace, signedInAs }) => {
  const study = await makeHotelStudy(workspace.id);
  await signedInAs(workspace.owner);
  await page.goto(`/studies/${study.id}/design`);
  const [first] = await loadDraft(getDb(), study.id);
  const card = page.locator(`#criterion-${first.id}`);

  // Move question 1 down with the keyboard: focus stays on a move button.
  const item = first.items[0];
  await page.locator(`#item-${item.id}`).getByRole("button", { name: "Move question 1 down" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await loadDraft(getDb(), study.id))[0].items[1].id).toBe(item.id);
  await expect(page.locator(`#item-${item.id}`).getByRole("button", { name: "Move question 2 down" })).toBeFocused();

  // Add a question of one's own (locked), then remove another.
  await card.getByText("Add a question").click();
  await card.getByLabel("New question for “Professionalism and Skills”, English").fill("Staff explained the bill clearly.");
  await card.getByLabel("New question for “Professionalism and Skills”, 繁體中文").fill("櫃檯人員清楚說明帳單內容。");
  await card.getByRole("button", { name: "Add question" }).click();
  await expect(card.getByText("Question added. It is locked, so regenerating keeps it.")).toBeVisible();
  await expect(card.locator(".criterion-meta .badge.count-ok")).toHaveText("5 of 4–5");
  const added = (await loadDraft(getDb(), study.id))[0].items.at(-1)!;
  expect(added).toMatchObject({ locked: true, text: { en: "Staff explained the bill clearly.", "zh-Hant": "櫃檯人員清楚說明帳單內容。" } });
  await card.getByRole("button", { name: "Remove question 1" }).click();
  await expect(card.locator(".criterion-meta .badge.count-ok")).toHaveText("4 of 4–5");

  // Move a question to another criterion.
  const mover = (await loadDraft(getDb(), study.id))[0].items[0];
  const moverForm = page.locator(`#item-${mover.id}`);
  await moverForm.getByLabel("Move question 1 to another criterion").selectOption({ label: "Recovery" });
  await moverForm.getByRole("button", { name: "Move", exact: true }).click();
  await expect.poll(async () => (await loadDraft(getDb(), study.id))[4].items.map((i) => i.id)).toContain(mover.id);
  await expect(page.locator(`#criterion-${(await loadDraft(getDb(), study.id))[4].id} .criterion-meta .badge.count-ok`)).toHaveText("5 of 4–5");
  await expect(card.locator(".criterion-meta .badge.count-bad")).toHaveText("3 of 4–5");

  // Rename a criterion, add one of one's own, remove it again.
  await card.getByText("Rename, describe, reorder or remove").click();
  await card.getByLabel("Name, English").fill("Know-how");
  await card.getByRole("button", { name: "Save criterion" }).click();
  await expect(page.getByRole("heading", { name: "Know-how", exact: true })).toBeVisible();
  expect((await loadDraft(getDb(), study.id))[0].name).toEqual({ en: "Know-how", "zh-Hant": "規範化和技能化" });
  const addCard = page.getByRole("region", { name: "Add a criterion" });
  await addCard.getByLabel("Name, English").fill("Breakfast");
  await addCard.getByRole("button", { name: "Add criterion" }).click();
  await expect(page.getByRole("heading", { name: "Breakfast", exact: true })).toBeVisible();
  expect((await loadDraft(getDb(), study.id)).at(-1)).toMatchObject({ key: "breakfast", weight: 0, items: [] });
  await expect(page.locator("#weights").getByLabel("Breakfast", { exact: true })).toHaveValue("0");
  await page.locator("#weights").getByRole("button", { name: "Split equally" }).click();
  await expect(page.locator("#weights").getByLabel("Breakfast", { exact: true })).toHaveValue("14.28");
  const breakfast = page.locator(`#criterion-${(await loadDraft(getDb(), study.id)).at(-1)!.id}`);
  await breakfast.getByText("Rename, describe, reorder or remove").click();
  await breakfast.getByText("Remove this criterion…").click();
  await breakfast.getByRole("button", { name: "Remove “Breakfast”" }).click();
  await expect(page.getByRole("heading", { name: "Breakfast", exact: true })).toHaveCount(0);
  expect(await loadDraft(getDb(), study.id)).toHaveLength(6);

  // Settings: a new provider name reaches every question; a new language is filled from the bank.
  await page.goto(`/studies/${study.id}/edit`);
  await page.getByLabel("Provider or service measured").fill("Bay Inn");
  await page.getByLabel("简体中文").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveURL(new RegExp(`/studies/${study.id}\\?saved=1$`));
  await expect(page.getByText("Settings saved.")).toBeVisible();
  const after = (await loadDraft(getDb(), study.id)).flatMap((c) => c.items);
  expect(after.every((i) => !JSON.stringify(i.text).includes("Harbour Hotel"))).toBe(true);
  expect(after.filter((i) => !i.locked).every((i) => i.text["zh-Hans"]?.includes("Bay Inn"))).toBe(true);

  // Archive: the study moves to the archived list, and back.
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText(/^Archived on/)).toBeVisible();
  await page.goto("/studies");
  await expect(page.getByRole("link", { name: "Front desk" })).toHaveCount(0);
  await page.getByRole("link", { name: "Archived (1)" }).click();
  await page.getByRole("link", { name: "Front desk" }).click();
  await page.getByRole("button", { name: "Unarchive" }).click();
  await expect(page.getByText(/^Archived on/)).toHaveCount(0);
  expect((await findStudy(getDb(), workspace.id, study.id))!.archivedAt).toBeNull();
});
