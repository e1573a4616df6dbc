import type { Browser, Locator, Page } from "@playwright/test";
import { getDb } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { listBranchLinks } from "@/db/queries/links";
import { makeInternalLink } from "@/lib/survey/fixture-study";
import { expect, test, type Account } from "./fixtures";
import { clearSurveyRateLimits, completeSurvey, expectAccessible, makePublishedStudy, responsesOf } from "./survey-helpers";

// Links per branch on the Distribute page: a manager adds one for a new
// branch (Airport) and one for a listed segment, a customer answers through
// the Airport link without JavaScript and is counted for Airport, the
// manager retires it after a confirmation step and the link closes. The
// manager's own page runs without JavaScript too. An analyst's forged
// add or retire changes nothing.

const shots = process.env.BRANCH_SHOTS_DIR ?? "/tmp/shots-branches";

test.beforeEach(() => clearSurveyRateLimits());

/** A browser of its own, signed in as `account`, with or without JavaScript. */
async function signedIn(browser: Browser, account: Account, javaScriptEnabled: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);
  return page;
}

/** A branch's entry in the list of live branch links. */
const branchItem = (page: Page, segment: string): Locator =>
  page.locator("li.branch-link").filter({ has: page.getByRole("heading", { name: segment, exact: true }) });

/** The page printed to PDF as its CSS asks: how many sheets, and the first one's size in whole millimetres. */
async function sheetsOf(page: Page): Promise<{ count: number; mm: number[] }> {
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
  return {
    count: Number(/\/Count (\d+)/.exec(pdf)?.[1]),
    mm: box ? [box[1], box[2]].map((pt) => Math.round((Number(pt) * 25.4) / 72)) : [],
  };
}

/** The hidden "$…" fields a form carries: the server-action reference a forger would copy. */
const actionFieldsOf = (form: Locator) =>
  form.evaluate((el) => Object.fromEntries([...el.querySelectorAll<HTMLInputElement>('input[name^="$"]')].map((i) => [i.name, i.value])));

test("a manager adds branch links with QR codes, a customer answers through one, and retiring it closes it", async ({ browser, workspace }) => {
  test.setTimeout(120_000);
  const fixture = await makePublishedStudy({ workspaceId: workspace.id, segments: ["Harbour", "Downtown"], languages: ["en", "zh-Hant"] });
  const staffToken = await makeInternalLink(fixture.studyId, "delivery");
  const page = await signedIn(browser, workspace.owner, false);
  await page.goto(`/studies/${fixture.studyId}/distribute`);
  const section = page.getByRole("region", { name: "Links per branch" });
  await expect(section.getByText("No branch links yet.")).toBeVisible();

  // Nothing chosen, nothing typed: refused beside the field, nothing made.
  await section.getByRole("button", { name: "Add branch link" }).click();
  await expect(page.getByText("Choose a branch or type a new one.")).toBeVisible();
  expect(await listBranchLinks(getDb(), fixture.studyId)).toEqual([]);

  // A new branch, typed: it gets a link and joins the study's segments.
  await page.getByLabel("Or type a new branch").fill("  Airport ");
  await page.getByRole("button", { name: "Add branch link" }).click();
  await expect(page.getByText("Link for Airport added. Airport is now one of the study's segments.")).toBeVisible();
  expect((await findStudy(getDb(), workspace.id, fixture.studyId))!.segments).toEqual(["Harbour", "Downtown", "Airport"]);
  // A listed one, chosen; Airport is no longer offered (it has its link).
  await expect(page.getByLabel("Branch", { exact: true }).locator("option")).toHaveText(["Choose a branch…", "Harbour", "Downtown"]);
  await page.getByLabel("Branch", { exact: true }).selectOption("Harbour");
  await page.getByRole("button", { name: "Add branch link" }).click();
  await expect(page.getByText("Link for Harbour added.")).toBeVisible();
  // The same branch again, typed in another case: refused, still one link.
  await page.getByLabel("Or type a new branch").fill("airport");
  await page.getByRole("button", { name: "Add branch link" }).click();
  await expect(page.getByText("Airport already has a live link (listed below). Retire it first to make a new one.")).toBeVisible();
  expect((await listBranchLinks(getDb(), fixture.studyId)).map((l) => l.segment)).toEqual(["Airport", "Harbour"]);

  // Each branch link: its URL, its QR code inline and as downloads. The main link keeps its place.
  await expect(page.getByRole("textbox", { name: "Survey link", exact: true })).toHaveValue(new RegExp(`/s/${fixture.token}$`));
  const airport = branchItem(page, "Airport");
  const airportUrl = await airport.getByRole("textbox", { name: "Link for Airport" }).inputValue();
  const airportPath = new URL(airportUrl).pathname;
  expect(airportPath).toMatch(/^\/s\/[A-Za-z0-9_-]{32}$/);
  expect(airportPath).not.toBe(`/s/${fixture.token}`);
  await expect(airport.getByRole("img", { name: "QR code for Airport" }).locator("svg")).toBeVisible();
  await expect(airport.getByTestId("branch-responses")).toHaveText("No responses yet");
  const airportId = (await listBranchLinks(getDb(), fixture.studyId)).find((l) => l.segment === "Airport")!.id;
  const png = await page.request.get(`/studies/${fixture.studyId}/distribute/qr?link=${airportId}&format=png`);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect(png.headers()["content-disposition"]).toContain("filename*=UTF-8''survey-qr-Airport.png");
  expect([...(await png.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  const svg = await page.request.get(`/studies/${fixture.studyId}/distribute/qr?link=${airportId}&format=svg`);
  expect(await svg.text()).toContain("<svg");
  expect((await page.request.get(`/studies/${fixture.studyId}/distribute/qr?link=not-a-link&format=svg`)).status()).toBe(404);

  // Staff and manager links are listed too, with where to make them.
  const staff = page.getByRole("region", { name: "Staff and manager links" });
  await expect(staff.getByRole("textbox", { name: "Link for Delivery" })).toHaveValue(new RegExp(`/i/${staffToken}$`));
  await expect(staff.getByRole("link", { name: "Create or replace them on the Five gaps page" })).toHaveAttribute(
    "href",
    `/studies/${fixture.studyId}/gaps#perspectives-heading`,
  );
  // Axe needs JavaScript: the same page, looked at in a browser with it (and photographed there).
  const looking = await signedIn(browser, workspace.owner, true);
  await looking.goto(`/studies/${fixture.studyId}/distribute`);
  await expectAccessible(looking);
  await looking.setViewportSize({ width: 1280, height: 900 });
  await looking.screenshot({ path: `${shots}/distribute-branches-desktop.png`, fullPage: true });
  await looking.setViewportSize({ width: 390, height: 844 });
  await looking.screenshot({ path: `${shots}/distribute-branches-phone.png`, fullPage: true });
  await looking.context().close();

  // A customer at the airport, without JavaScript: no branch question, the answer counts for Airport.
  const customer = await browser.newContext({ javaScriptEnabled: false });
  const survey = await customer.newPage();
  await survey.goto(airportPath);
  await expect(survey.getByLabel("Where did you use the service?")).toHaveCount(0);
  await completeSurvey(survey);
  await customer.close();
  const [response] = await responsesOf(fixture.studyId);
  expect(response).toMatchObject({ status: "submitted", segment: "Airport", linkId: airportId });
  await page.reload();
  await expect(branchItem(page, "Airport").getByTestId("branch-responses")).toHaveText("1 response");
  await expect(branchItem(page, "Harbour").getByTestId("branch-responses")).toHaveText("No responses yet");
  // The dashboard's segment filter finds it there.
  await page.goto(`/studies/${fixture.studyId}/results?segment=Airport`);
  await expect(page.getByTestId("kpi-n").locator(".kpi")).toHaveText("1");
  await page.goto(`/studies/${fixture.studyId}/distribute`);

  // Retiring asks first, and says what it means for printed codes.
  const retiring = branchItem(page, "Airport");
  const confirm = retiring.getByRole("button", { name: "Yes, retire the link for Airport" });
  await expect(confirm).toBeHidden();
  await retiring.getByText("Retire link…").click();
  await expect(retiring.getByText("Printed QR codes and table cards with it stop working too")).toBeVisible();
  await confirm.click();
  await expect(branchItem(page, "Airport")).toHaveCount(0);
  await expect(branchItem(page, "Harbour")).toHaveCount(1);
  const closed = await page.request.get(airportPath);
  expect(await closed.text()).toContain("This survey link is no longer active");
  expect((await page.request.get(`/studies/${fixture.studyId}/distribute/qr?link=${airportId}&format=png`)).status()).toBe(404);
  // The main link and the other branch still take answers; the response stays.
  expect(await (await page.request.get(`/s/${fixture.token}`)).text()).toContain("How was your experience with Harbour Hotel?");
  const harbour = new URL(await branchItem(page, "Harbour").getByRole("textbox", { name: "Link for Harbour" }).inputValue()).pathname;
  expect(await (await page.request.get(harbour)).text()).toContain("How was your experience with Harbour Hotel?");
  expect(await responsesOf(fixture.studyId)).toHaveLength(1);
  // The printable table card: the provider, the branch, an invitation in each study language, the code and the address.
  expect((await page.request.get(`/studies/${fixture.studyId}/distribute/card/${airportId}`)).status()).toBe(404);
  await branchItem(page, "Harbour")
    .getByRole("link", { name: /Printable table card/ })
    .click();
  const card = page.getByRole("article", { name: "Table card" });
  await expect(card.getByText("Harbour Hotel", { exact: true })).toBeVisible();
  await expect(card.getByText("Harbour", { exact: true })).toBeVisible();
  await expect(card.getByText("How was your visit? Tell Harbour Hotel in a short survey.")).toBeVisible();
  await expect(card.getByText("這次的體驗還滿意嗎？歡迎填寫簡短問卷，告訴Harbour Hotel您的想法。")).toBeVisible();
  await expect(card.getByRole("img", { name: "QR code for the survey" }).locator("svg")).toBeVisible();
  await expect(card.getByText(`${new URL(page.url()).origin}${harbour}`)).toBeVisible();
  // On paper: one A6 sheet (A5 on request), the app's header left off.
  await page.screenshot({ path: `${shots}/table-card-desktop.png`, fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${shots}/table-card-print.png`, fullPage: true });
  await page.emulateMedia({ media: null });
  await expect.poll(() => sheetsOf(page)).toEqual({ count: 1, mm: [105, 148] });
  await page.getByRole("link", { name: "A5", exact: true }).click();
  await expect.poll(() => sheetsOf(page)).toEqual({ count: 1, mm: [148, 210] });
  await page.getByRole("link", { name: "← Back to Distribute" }).click();

  // Airport may get a fresh link now.
  await page.getByLabel("Branch", { exact: true }).selectOption("Airport");
  await page.getByRole("button", { name: "Add branch link" }).click();
  await expect(page.getByText("Link for Airport added.")).toBeVisible();
  await expect(branchItem(page, "Airport").getByRole("textbox", { name: "Link for Airport" })).not.toHaveValue(airportUrl);
});

test("an analyst's forged add or retire of a branch link is refused and changes nothing", async ({ browser, workspace }) => {
  const fixture = await makePublishedStudy({ workspaceId: workspace.id, segments: ["Airport"] });
  // Without JavaScript, the forms keep the action fields the server rendered into them.
  const manager = await signedIn(browser, await workspace.member("manager"), false);
  await manager.goto(`/studies/${fixture.studyId}/distribute`);
  await manager.getByLabel("Branch", { exact: true }).selectOption("Airport");
  await manager.getByRole("button", { name: "Add branch link" }).click();
  await expect(manager.getByText("Link for Airport added.")).toBeVisible();
  const addFields = await actionFieldsOf(manager.locator("form.branch-link-form"));
  const retireForm = branchItem(manager, "Airport").locator("form");
  const retireFields = await actionFieldsOf(retireForm);
  const [live] = await listBranchLinks(getDb(), fixture.studyId);

  const analyst = await signedIn(browser, await workspace.member("analyst"), false);
  const path = `/studies/${fixture.studyId}/distribute`;
  const forged = [
    await analyst.request.post(path, { multipart: { ...addFields, studyId: fixture.studyId, segment: "", newSegment: "Station" }, maxRedirects: 0 }),
    await analyst.request.post(path, { multipart: { ...retireFields, studyId: fixture.studyId, linkId: live.id }, maxRedirects: 0 }),
  ];
  for (const response of forged) {
    expect(response.status()).toBe(303);
    expect(response.headers()["location"]).toMatch(/^\/forbidden/);
  }
  expect(await listBranchLinks(getDb(), fixture.studyId)).toEqual([live]);
  expect((await findStudy(getDb(), workspace.id, fixture.studyId))!.segments).toEqual(["Airport"]);
  // The same forms work for the manager (the forgery was not refused for being malformed).
  const retired = await manager.request.post(path, { multipart: { ...retireFields, studyId: fixture.studyId, linkId: live.id }, maxRedirects: 0 });
  expect(retired.status()).toBeLessThan(400);
  expect(await listBranchLinks(getDb(), fixture.studyId)).toEqual([]);
});
