import { expect, makeWorkspace, test } from "./fixtures";
import { getDb } from "@/db/client";
import { findStudy, listVersions, loadDraft } from "@/db/queries/studies";
import { removeItem, updateItemContent, saveWeights } from "@/lib/studies/draft";
import { draftFingerprint, hiddenFields, makeHotelStudy, signInIn } from "./study-design-helpers";

const criteriaNames = [
  "Professionalism and Skills",
  "Attitudes and Behaviour",
  "Accessibility and Flexibility",
  "Reliability and Trustworthiness",
  "Recovery",
  "Reputation and Credibility",
];

test("a manager creates a hotel study in 繁體中文 and English, weighs, generates, edits, previews and publishes two versions", async ({
  page,
  workspace,
  signedInAs,
}) => {
  const manager = await workspace.member("manager");
  await signedInAs(manager);

  await page.goto("/studies");
  await expect(page.getByRole("heading", { name: "Create your first study" })).toBeVisible();
  await page.getByRole("link", { name: "New study" }).click();
  await page.getByLabel("Study name").fill("Front desk, autumn");
  await page.getByLabel("Provider or service measured").fill("Harbour Hotel");
  await page.getByLabel("Industry").selectOption("hotel");
  await expect(page.getByLabel("English")).toBeChecked();
  await page.getByLabel("繁體中文").check();
  await page.getByRole("button", { name: "Create study" }).click();
  await expect(page).toHaveURL(/\/studies\/[\w-]+\/design\?created=1$/);
  const studyId = /studies\/([\w-]+)\/design/.exec(page.url())![1];
  expect(await findStudy(getDb(), workspace.id, studyId)).toMatchObject({
    provider: "Harbour Hotel",
    industry: "hotel",
    languages: ["en", "zh-Hant"],
    scale: 7,
    framework: "gronroos",
  });

  // Weights: a split of 90 is refused with a clear message; 100 is saved.
  const weights = page.locator("#weights");
  for (const name of criteriaNames) await expect(weights.getByText(name, { exact: true })).toBeVisible();
  await expect(weights.getByText(/contact staff care about them/)).toBeVisible();
  const ninety = [30, 20, 15, 15, 10, 0];
  for (const [i, name] of criteriaNames.entries()) await weights.getByLabel(name, { exact: true }).fill(String(ninety[i]));
  await expect(weights.getByTestId("weight-sum")).toHaveText("Sum: 90 of 100 — 10 points left to assign");
  await weights.getByRole("button", { name: "Save weights" }).click();
  await expect(weights.getByText("Not saved: the points must add up to exactly 100.")).toBeVisible();
  expect((await loadDraft(getDb(), studyId)).map((c) => c.weight)).toEqual([16.67, 16.67, 16.67, 16.67, 16.66, 16.66]);
  await weights.getByLabel("Reputation and Credibility", { exact: true }).fill("10");
  await expect(weights.getByTestId("weight-sum")).toHaveText("✓ Sum: 100 of 100 — ready");
  await weights.getByRole("button", { name: "Save weights" }).click();
  await expect(weights.getByText("Weights saved.")).toBeVisible();
  expect((await loadDraft(getDb(), studyId)).map((c) => c.weight)).toEqual([30, 20, 15, 15, 10, 10]);

  // Generate: a new proposal from the next seed, 4 questions per criterion, the provider named in both languages.
  const seed = (await findStudy(getDb(), workspace.id, studyId))!.seed;
  await page.getByRole("button", { name: "Regenerate all (keeps locked items)" }).click();
  await expect(page.getByText("New questions proposed; 0 locked kept.")).toBeVisible();
  expect((await findStudy(getDb(), workspace.id, studyId))!.seed).toBe(seed + 1);
  const generated = await loadDraft(getDb(), studyId);
  for (const criterion of generated) {
    expect(criterion.items).toHaveLength(4);
    for (const item of criterion.items) {
      expect(item.text.en).toContain("Harbour Hotel");
      expect(item.text["zh-Hant"]).toContain("Harbour Hotel");
    }
  }
  await expect(page.getByText("4 of 4–5").first()).toBeVisible();

  // Edit one question: it is saved and locked, and regenerating its criterion keeps it.
  const edited = generated[0].items[0];
  const editedText = "The room at Harbour Hotel was ready the moment I arrived.";
  const itemForm = page.locator(`#item-${edited.id}`);
  await itemForm.getByLabel("Question 1, English").fill(editedText);
  await expect(itemForm.getByText("Unsaved changes")).toBeVisible();
  await itemForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(itemForm.getByText("Saved.")).toBeVisible();
  expect((await loadDraft(getDb(), studyId))[0].items[0]).toMatchObject({ id: edited.id, locked: true, text: { en: editedText } });
  await expect(itemForm.getByText("Locked", { exact: true })).toBeVisible();
  await page.locator(`#criterion-${generated[0].id}`).getByRole("button", { name: "Regenerate this criterion" }).click();
  await expect(page.getByText("New questions proposed; 1 locked kept.")).toBeVisible();
  const regenerated = (await loadDraft(getDb(), studyId))[0].items;
  expect(regenerated[0]).toMatchObject({ id: edited.id, text: { en: editedText } });
  expect(regenerated).toHaveLength(4);

  // Preview in both languages, laid out as the customer sees it.
  await page.getByRole("link", { name: "Preview", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/studies/${studyId}/preview$`));
  await expect(page.getByText(editedText)).toBeVisible();
  // The survey's own pages: the welcome page and one per criterion.
  await expect(page.locator(".sv-preview-page")).toHaveCount(7);
  const firstItem = page.locator(".sv-item").first();
  await expect(firstItem.getByRole("group", { name: "What I expected from an excellent provider" }).getByRole("radio")).toHaveCount(7);
  await expect(firstItem.getByRole("group", { name: "What I experienced here" }).getByRole("radio")).toHaveCount(7);
  await page.getByRole("link", { name: "繁體中文" }).last().click();
  await expect(page).toHaveURL(/lang=zh-Hant/);
  await expect(page.getByText(regenerated[1].text["zh-Hant"]!)).toBeVisible();
  await expect(page.getByText("我對優秀業者的期望").first()).toBeVisible();
  // The preview is the survey: customers read the criterion's customer title, not the method's name.
  await expect(page.getByRole("heading", { name: "專業能力" })).toBeVisible();

  // Publish version 1.
  await page.goto(`/studies/${studyId}/design`);
  await expect(page.getByTestId("draft-status")).toContainText("Draft — not published yet.");
  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByTestId("published")).toContainText("Version 1 published.");
  const surveyLink = await page.getByTestId("published").locator("a code").textContent();
  // Absolute, on the origin the manager is using (PUBLIC_URL is unset here).
  expect(surveyLink).toMatch(new RegExp(`^${new URL(page.url()).origin}/s/[\\w-]+$`));
  await expect(page.getByTestId("draft-status")).toContainText("The draft equals version 1.");
  const [v1] = await listVersions(getDb(), studyId);
  expect(v1).toMatchObject({ number: 1, publishedBy: manager.userId });
  expect(v1.snapshot.criteria[0].items[0]).toMatchObject({ id: edited.id, text: { en: editedText } });
  const v1Snapshot = structuredClone(v1.snapshot);

  // Edit again: the draft differs; publishing makes version 2 and leaves version 1 as it was.
  const second = (await loadDraft(getDb(), studyId))[1].items[0];
  const secondForm = page.locator(`#item-${second.id}`);
  await secondForm.getByLabel("Question 1, English").fill("Staff at Harbour Hotel greeted me warmly.");
  await secondForm.getByLabel("Reverse-scored (negatively worded)").check();
  await secondForm.getByRole("button", { name: "Save", exact: true }).click();
  await expect(secondForm.getByText("Saved.")).toBeVisible();
  await expect(page.getByTestId("draft-status")).toContainText("The draft differs from version 1.");
  await page.getByRole("button", { name: "Publish version 2" }).click();
  await expect(page.getByTestId("published")).toContainText("Version 2 published.");
  await expect(page.getByTestId("published").locator("a code")).toHaveText(surveyLink!);

  const versions = await listVersions(getDb(), studyId);
  expect(versions.map((v) => v.number)).toEqual([1, 2]);
  expect(versions[0].snapshot).toEqual(v1Snapshot);
  const ids = (n: number) => versions[n].snapshot.criteria.flatMap((c) => c.items.map((i) => i.id));
  expect(ids(1)).toEqual(ids(0));
  expect(versions[1].snapshot.criteria[1].items[0]).toMatchObject({
    id: second.id,
    reverse: true,
    text: { en: "Staff at Harbour Hotel greeted me warmly." },
  });
  expect(versions[0].snapshot.criteria[1].items[0]).toMatchObject({ id: second.id, reverse: false });

  // The overview lists both versions with who published them.
  await page.getByRole("link", { name: "Overview" }).click();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("v2");
  await expect(rows.nth(1)).toContainText(manager.email);
  await page.goto("/studies");
  await expect(page.getByRole("link", { name: "Front desk, autumn" })).toBeVisible();
  await expect(page.getByText("Version 2", { exact: true })).toBeVisible();
});

test("publishing is refused with every reason listed, and changes nothing", async ({ page, workspace, signedInAs }) => {
  const study = await makeHotelStudy(workspace.id);
  const draft = await loadDraft(getDb(), study.id);
  await removeItem(workspace.id, study.id, draft[0].items[0].id);
  await updateItemContent(workspace.id, study.id, draft[2].items[1].id, { text: { en: "English only." }, reverse: false, locked: true });
  await signedInAs(workspace.owner);
  await page.goto(`/studies/${study.id}/design`);
  const weights = page.locator("#weights");
  await weights.getByLabel("Recovery", { exact: true }).fill("6.66");
  await weights.getByRole("button", { name: "Save weights" }).click();
  await expect(weights.getByText("Not saved: the points must add up to exactly 100.")).toBeVisible();
  // The server holds the same rule as the form: a sum of 90 cannot be saved behind the form's back either.
  expect(await saveWeights(workspace.id, study.id, Object.fromEntries(draft.map((c, i) => [c.id, i === 0 ? 90 : 0])))).toEqual({
    ok: false,
    code: "weightsSum",
  });

  const panel = page.locator("#publish");
  await expect(panel.getByRole("listitem")).toHaveText([
    "“Professionalism and Skills” has 3 questions; it needs at least 4.",
    "Question 2 of “Accessibility and Flexibility” has no 繁體中文 text.",
  ]);
  await expect(page.locator(`#criterion-${draft[0].id} .badge.count-bad`)).toHaveText("3 of 4–5");
  // The unsaved 6.66 is not what is published: the page is opened afresh with the saved weights.
  await page.reload();
  await panel.getByRole("button", { name: "Publish version 1" }).click();
  await expect(panel.getByText("Not published: 2 problems to fix first.")).toBeVisible();
  expect(await listVersions(getDb(), study.id)).toEqual([]);
});

test("the weights form works with JavaScript off", async ({ browser, workspace }) => {
  const study = await makeHotelStudy(workspace.id);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(workspace.owner.email);
  await page.getByLabel("Password").fill(workspace.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.goto(`/studies/${study.id}/design`);
  const weights = page.locator("#weights");
  for (const [i, name] of criteriaNames.entries()) await weights.getByLabel(name, { exact: true }).fill(String([40, 20, 10, 10, 10, 0][i]));
  await weights.getByRole("button", { name: "Save weights" }).click();
  await expect(page.locator("#weights").getByText("Not saved: the points must add up to exactly 100.")).toBeVisible();
  await expect(page.locator("#weights").getByTestId("weight-sum")).toHaveText("Sum: 90 of 100 — 10 points left to assign");
  await expect(page.locator("#weights").getByLabel("Professionalism and Skills", { exact: true })).toHaveValue("40");
  await page.locator("#weights").getByLabel("Reputation and Credibility", { exact: true }).fill("10");
  await page.locator("#weights").getByRole("button", { name: "Save weights" }).click();
  await expect(page.locator("#weights").getByText("Weights saved.")).toBeVisible();
  expect((await loadDraft(getDb(), study.id)).map((c) => c.weight)).toEqual([40, 20, 10, 10, 10, 10]);
  await context.close();
});

test("an analyst can read the overview, design and preview, but a forged design action changes nothing", async ({
  page,
  browser,
  workspace,
  signedInAs,
}) => {
  const study = await makeHotelStudy(workspace.id);
  const analyst = await workspace.member("analyst");

  // The manager's page holds the action references a forger would copy.
  const managerPage = await signInIn(browser, await workspace.member("manager"));
  await managerPage.goto(`/studies/${study.id}/design`);
  const regenerateForm = managerPage
    .locator("form")
    .filter({ has: managerPage.getByRole("button", { name: "Regenerate all (keeps locked items)" }) });
  const regenerate = await hiddenFields(regenerateForm);
  const weightsForm = managerPage.locator("#weights form");
  const weightFields = await hiddenFields(weightsForm);
  const firstItem = (await loadDraft(getDb(), study.id))[0].items[0];
  const itemFields = await hiddenFields(managerPage.locator(`#item-${firstItem.id}`));
  await managerPage.context().close();

  await signedInAs(analyst);
  await page.goto(`/studies/${study.id}`);
  await expect(page.getByRole("heading", { name: "Front desk" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit settings" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
  await page.getByRole("link", { name: "Questionnaire", exact: true }).click();
  await expect(page.getByText(firstItem.text.en!)).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Save|Publish|Regenerate|Remove/ })).toHaveCount(0);
  await page.goto(`/studies/${study.id}/preview?lang=zh-Hant`);
  await expect(page.getByText(firstItem.text["zh-Hant"]!)).toBeVisible();
  // Another workspace's study does not exist for this member.
  const foreign = await makeHotelStudy((await makeWorkspace("Elsewhere")).id);
  for (const path of ["", "/design", "/preview"]) {
    const response = await page.goto(`/studies/${foreign.id}${path}`);
    expect(response?.status()).toBe(404);
  }
  for (const path of ["/studies/new", `/studies/${study.id}/edit`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
  }

  const before = await draftFingerprint(study.id);
  const seed = (await findStudy(getDb(), workspace.id, study.id))!.seed;
  const ids = (await loadDraft(getDb(), study.id)).map((c) => c.id);
  const forgeries = [
    regenerate,
    { ...weightFields, ...Object.fromEntries(ids.map((id, i) => [`weight:${id}`, i === 0 ? "100" : "0"])), intent: "save" },
    { ...itemFields, "text.en": "Forged", "text.zh-Hant": "偽造", intent: "save" },
    { ...itemFields, intent: "remove" },
  ];
  for (const fields of forgeries) {
    const forged = await page.request.post(`/studies/${study.id}/design`, { multipart: fields, maxRedirects: 0 });
    expect([303, 307, 403]).toContain(forged.status());
    expect(forged.headers()["location"] ?? forged.headers()["x-action-redirect"] ?? "").toContain("/forbidden");
  }
  expect(await draftFingerprint(study.id)).toBe(before);
  expect((await findStudy(getDb(), workspace.id, study.id))!.seed).toBe(seed);
  expect(await listVersions(getDb(), study.id)).toEqual([]);
});
