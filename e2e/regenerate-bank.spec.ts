import { expect, test } from "./fixtures";
import { getDb } from "@/db/client";
import { loadDraft } from "@/db/queries/studies";
import { localeCookie } from "@/lib/i18n/locales";
import { makeHotelStudy } from "./study-design-helpers";

// Issue 18: "Regenerate this criterion" gave the same four bank questions
// reordered. Now each click shows questions not on screen and not shown
// before, until the bank has none left, and then the designer says so.
test("regenerating a criterion shows new questions each time, then says the bank has run out", async ({ page, workspace, signedInAs }) => {
  const manager = await workspace.member("manager");
  await signedInAs(manager);
  const study = await makeHotelStudy(workspace.id);
  const first = async () => (await loadDraft(getDb(), study.id))[0];
  const criterion = await first();
  const shown = new Set(criterion.items.map((i) => i.text.en));

  await page.goto(`/studies/${study.id}/design`);
  const card = page.locator(`#criterion-${criterion.id}`);
  let rounds = 0;
  for (;;) {
    const before = (await first()).items.map((i) => i.text.en ?? "");
    await card.getByRole("button", { name: "Regenerate this criterion" }).click();
    await expect.poll(async () => (await first()).items.map((i) => i.text.en).join("|")).not.toBe(before.join("|"));
    rounds++;
    const now = (await first()).items.map((i) => i.text.en ?? "");
    expect(now).toHaveLength(4);
    // What the manager sees is what was drawn, and nothing that was just on screen comes back.
    const boxes = card.locator("form.item-form textarea[name='text.en']");
    await expect(boxes).toHaveCount(4);
    for (const [i, text] of now.entries()) await expect(boxes.nth(i)).toHaveValue(text);
    expect(now.filter((text) => before.includes(text))).toEqual([]);
    if (now.some((text) => shown.has(text))) {
      await expect(
        card.getByText(
          /^The question bank has no new questions left for this criterion: (only \d of these (is|are) new|all of these were shown before)/,
        ),
      ).toBeVisible();
      break;
    }
    await expect(card.getByText("New questions proposed; 0 locked kept.")).toBeVisible();
    for (const text of now) shown.add(text);
    expect(rounds).toBeLessThan(15);
  }
  // Ten hotel questions and the generic ones: four rounds of new questions at least.
  expect(rounds).toBeGreaterThanOrEqual(5);
  expect(shown.size).toBeGreaterThanOrEqual(4 * 4);

  // The same message in 繁體中文.
  await page.context().addCookies([{ name: localeCookie, value: "zh-Hant", url: page.url() }]);
  await page.reload();
  await card.getByRole("button", { name: "重新產生這項準則的題目" }).click();
  await expect(card.getByText(/^題庫裡這項準則已沒有新題目了/)).toBeVisible();
});
