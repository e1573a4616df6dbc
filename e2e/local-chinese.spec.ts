import { expect, type Page } from "@playwright/test";
import { getDb, transaction } from "@/db/client";
import { setWorkspaceTimeZone } from "@/db/queries/accounts";
import { findStudyById, loadDraft } from "@/db/queries/studies";
import { localeCookie } from "@/lib/i18n/locales";
import { publishDraft } from "@/lib/studies/publish";
import { makePublishedStudy, shot } from "./survey-helpers";
import { makeWorkspace, test } from "./fixtures";

// Issue 18, "Chinese that reads native, times that read local": customers
// read criterion titles written for them, in their own script's glyphs, and
// opening times in the workspace's zone; managers enter times in that zone.

const languages = ["en", "zh-Hant", "zh-Hans"] as const;

/** The families of the computed font-family of `selector`, in order. */
async function fontFamilies(page: Page, selector: string): Promise<string[]> {
  const value = await page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).fontFamily);
  return value.split(",").map((f) => f.trim().replace(/^"|"$/g, ""));
}

function expectScriptFirst(families: string[], first: "SC" | "TC") {
  const second = first === "SC" ? "TC" : "SC";
  for (const family of ["PingFang", "Noto Sans CJK"]) {
    expect(families.indexOf(`${family} ${first}`), `${family} ${first} in ${families.join(", ")}`).toBeGreaterThan(-1);
    expect(families.indexOf(`${family} ${first}`)).toBeLessThan(families.indexOf(`${family} ${second}`));
  }
}

test("the survey shows customers the title written for them, in their script's fonts", async ({ page }) => {
  const study = await makePublishedStudy({ languages: [...languages] });
  const first = study.snapshot.criteria[0];
  expect(first.key).toBe("professionalism");

  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ]) {
    await page.setViewportSize({ width, height });
    // A new customer each time (the survey resumes a response started in this browser).
    await page.context().clearCookies();
    await page.goto(`/s/${study.token}?lang=zh-Hant`);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
    await expect(page.getByRole("heading", { level: 1, name: "您在 Harbour Hotel 的體驗如何？" })).toBeVisible();
    await shot(page, `zh-Hant-intro-${width}`);
    await page.getByRole("button", { name: "開始填答" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "專業能力" })).toBeVisible();
    await expect(page.getByText("員工是否具備足夠的專業知識與技能，能妥善解決您的問題。")).toBeVisible();
    // The method's name and definition are the manager's words: not on the survey.
    await expect(page.getByText("規範化和技能化")).toHaveCount(0);
    await expect(page.getByText(first.description["zh-Hant"]!)).toHaveCount(0);
    expectScriptFirst(await fontFamilies(page, "body"), "TC");
    await shot(page, `zh-Hant-criterion-${width}`);

    await page.context().clearCookies();
    await page.goto(`/s/${study.token}?lang=zh-Hans`);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hans");
    await shot(page, `zh-Hans-intro-${width}`);
    await page.getByRole("button", { name: "开始作答" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "专业能力" })).toBeVisible();
    await expect(page.getByText("规范化和技能化")).toHaveCount(0);
    // A 简体中文 page is drawn with mainland glyph shapes: SC fonts before TC.
    expectScriptFirst(await fontFamilies(page, "body"), "SC");
    expectScriptFirst(await fontFamilies(page, "h1"), "SC");
    // The language switch's "繁體中文" is drawn with Taiwan's fonts.
    expectScriptFirst(await fontFamilies(page, '[lang="zh-Hant"]'), "TC");
    await shot(page, `zh-Hans-criterion-${width}`);
  }
});

test("a manager's own customer title reaches the survey after publishing; the designer keeps the method's name", async ({
  page,
  workspace,
  signedInAs,
}) => {
  const study = await makePublishedStudy({ languages: ["en", "zh-Hant"], workspaceId: workspace.id });
  const [criterion] = await loadDraft(getDb(), study.studyId);
  expect(criterion.key).toBe("professionalism");
  await signedInAs(workspace.owner);
  await page.goto(`/studies/${study.studyId}/design`);
  const card = page.locator(`#criterion-${criterion.id}`);
  await expect(card.getByRole("heading", { name: "Professionalism and Skills", exact: true })).toBeVisible();
  await expect(card.getByText("Customers read: “Skill and know-how”")).toBeVisible();
  await card.locator("summary").first().click();
  const title = card.locator(`#criterion-form-${criterion.id}-customerTitle-zh-Hant`);
  // Empty: the default shows greyed.
  await expect(title).toHaveValue("");
  await expect(title).toHaveAttribute("placeholder", "專業能力");
  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await card.locator(".customer-wording").scrollIntoViewIfNeeded();
    await shot(page, `designer-customer-wording-${width}`);
  }
  await title.fill("服務人員的專業");
  await card.getByRole("button", { name: "Save criterion" }).click();
  await expect(card.getByText("Criterion saved.")).toBeVisible();
  const saved = (await loadDraft(getDb(), study.studyId)).find((c) => c.id === criterion.id)!;
  expect(saved.customerTitle).toEqual({ "zh-Hant": "服務人員的專業" });
  expect(saved.name).toEqual(criterion.name);
  // The manager's page keeps the method's name.
  await expect(card.getByRole("heading", { name: "Professionalism and Skills", exact: true })).toBeVisible();

  expect((await publishDraft(workspace.id, study.studyId, null)).ok).toBe(true);
  await page.goto(`/s/${study.token}?lang=zh-Hant`);
  await page.getByRole("button", { name: "開始填答" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "服務人員的專業" })).toBeVisible();
  await expect(page.getByText("規範化和技能化")).toHaveCount(0);
});

test("customers see a study's opening time in the workspace's time zone, never in UTC", async ({ page }) => {
  const workspace = await makeWorkspace("Taipei workspace");
  await transaction((tx) => setWorkspaceTimeZone(tx, workspace.id, "Asia/Taipei"));
  // 01:00 UTC is 09:00 in Taipei.
  const opensAt = Date.UTC(2031, 0, 15, 1, 0);
  const study = await makePublishedStudy({ languages: ["zh-Hant", "en"], workspaceId: workspace.id, opensAt });
  await page.goto(`/s/${study.token}?lang=zh-Hant`);
  const local = new Intl.DateTimeFormat("zh-Hant", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Taipei" }).format(opensAt);
  expect(local).toContain("上午9:00");
  await expect(page.getByText(`問卷將於 ${local}（台灣時間）開放`)).toBeVisible();
  await expect(page.getByText(/UTC/)).toHaveCount(0);
  await page.goto(`/s/${study.token}?lang=en`);
  await expect(page.getByText("It opens on January 15, 2031 at 9:00 AM Taiwan Time.")).toBeVisible();
});

test("an owner sets the workspace's time zone; the schedule is entered and shown in it", async ({ page, workspace, signedInAs }) => {
  const study = await makePublishedStudy({ workspaceId: workspace.id });
  await signedInAs(workspace.owner);
  await page.goto("/settings");
  const zone = page.getByLabel("Workspace time zone");
  await expect(zone).toHaveValue("UTC");
  await zone.selectOption("America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Time zone saved.")).toBeVisible();

  await page.goto(`/studies/${study.studyId}/distribute`);
  // 9:00 in New York on 1 July (daylight time, UTC−4) is 13:00 UTC.
  await page.getByLabel("Opens (America/New_York)").fill("2031-07-01T09:00");
  await page.getByRole("region", { name: "When and how many" }).getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  expect((await findStudyById(getDb(), study.studyId))!.opensAt).toBe(Date.UTC(2031, 6, 1, 13, 0));
  await page.reload();
  await expect(page.getByLabel("Opens (America/New_York)")).toHaveValue("2031-07-01T09:00");
  await expect(page.getByText(/Jul 1, 2031, 9:00\sAM EDT/).first()).toBeVisible();
});

test("app pages carry their language and order the fonts by it", async ({ page, baseURL }) => {
  for (const [locale, first] of [
    ["zh-Hans", "SC"],
    ["zh-Hant", "TC"],
  ] as const) {
    await page.context().addCookies([{ name: localeCookie, value: locale, url: baseURL! }]);
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    expectScriptFirst(await fontFamilies(page, "body"), first);
  }
});

test("a bad time zone is refused and changes nothing", async ({ page, workspace, signedInAs }) => {
  await signedInAs(workspace.owner);
  await page.goto("/settings");
  // A forged value the list never offers.
  await page.getByLabel("Workspace time zone").evaluate((select: HTMLSelectElement) => {
    select.options[0].value = "Mars/Olympus_Mons";
    select.selectedIndex = 0;
  });
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Choose a time zone from the list.")).toBeVisible();
  const { getWorkspace } = await import("@/db/queries/accounts");
  expect((await getWorkspace(getDb(), workspace.id))!.timeZone).toBe("UTC");
});

test("the provider's 繁體中文 name set in the settings reaches the zh-Hant survey; English keeps the main name", async ({
  page,
  workspace,
  signedInAs,
}) => {
  const study = await makePublishedStudy({ languages: ["en", "zh-Hant"], workspaceId: workspace.id });
  await signedInAs(workspace.owner);
  await page.goto(`/studies/${study.studyId}/edit`);
  const own = page.getByLabel("Provider name in 繁體中文");
  await expect(own).toHaveValue("");
  // Only the study's languages get a field.
  await expect(page.getByLabel("Provider name in 简体中文")).toHaveCount(0);
  await own.fill("海港飯店");
  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await own.scrollIntoViewIfNeeded();
    await shot(page, `settings-provider-names-${width}`);
  }
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  expect((await findStudyById(getDb(), study.studyId))?.providerNames).toEqual({ "zh-Hant": "海港飯店" });
  const items = (await loadDraft(getDb(), study.studyId)).flatMap((c) => c.items);
  expect(items.some((i) => i.text["zh-Hant"]?.includes("海港飯店"))).toBe(true);
  expect(items.some((i) => i.text["zh-Hant"]?.includes("Harbour Hotel"))).toBe(false);

  expect((await publishDraft(workspace.id, study.studyId, null)).ok).toBe(true);
  await page.context().clearCookies();
  await page.goto(`/s/${study.token}?lang=zh-Hant`);
  await expect(page.getByRole("heading", { level: 1, name: "您在海港飯店的體驗如何？" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Harbour Hotel");
  await page.getByRole("button", { name: "開始填答" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "專業能力" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Harbour Hotel");

  await page.context().clearCookies();
  await page.goto(`/s/${study.token}?lang=en`);
  await expect(page.getByRole("heading", { level: 1, name: "How was your experience with Harbour Hotel?" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("海港飯店");
});
