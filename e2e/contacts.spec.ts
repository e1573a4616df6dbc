import fs from "node:fs";
import iconv from "iconv-lite";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { getDb, transaction } from "@/db/client";
import { countContacts, findContactByEmail, markUnsubscribed } from "@/db/queries/contacts";

// Contacts of a workspace: imported from a Big5 file as Excel saves it on a
// Traditional Chinese Windows, searched, filtered by segment, edited and
// deleted by an owner; refused to analysts, on the page and in the API.

const shots = "/tmp/shots-contacts";
fs.mkdirSync(shots, { recursive: true });

async function shoot(page: Page, name: string) {
  for (const [device, width, height] of [
    ["desktop", 1280, 900],
    ["phone", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/${name}-${device}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const big5File = [
  "電子郵件,姓名,電話,語言,分店,外部編號",
  "chen.dawen@example.com,陳大文,0912-345-678,繁體中文,機場店,CRM-001",
  "Lin.Mei@Example.com,林美玲,,zh-TW,機場店,CRM-002",
  "wang.fang@example.com,王芳,+86 138 0000 0000,zh-CN,市區店,CRM-003",
  "huang.xm@example.com,黃小明,02-2345-6789,zh-Hant,市區店,",
  "sam.lee@example.com,Sam Lee,,en,機場店,CRM-005",
].join("\r\n");

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer });
}

const filterBar = (page: Page) => page.getByRole("search", { name: "Find contacts" });
const rows = (page: Page) => page.getByRole("table", { name: "Contacts, in email order" }).locator("tbody tr");

test("an owner imports a Big5 file of contacts, searches, filters by segment, edits one and deletes one", async ({ page, workspace, signedInAs }) => {
  test.setTimeout(120_000);
  await signedInAs(workspace.owner);
  await page.getByRole("link", { name: "Contacts" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByRole("heading", { name: "No contacts yet" })).toBeVisible();
  await expect(page.getByRole("table", { name: "The columns of a contacts CSV" })).toContainText("external_id");
  const example = await page.request.get("/contacts/example.csv");
  expect(example.status()).toBe(200);
  expect(example.headers()["content-type"]).toContain("text/csv");
  expect(await example.text()).toContain("email,name,phone,language,segment,external_id");
  await shoot(page, "contacts-empty");

  // A file with problems: every one by row and column, and nothing stored.
  await page.getByRole("link", { name: "Import contacts" }).first().click();
  await expect(page.getByRole("heading", { name: "Import contacts", level: 1 })).toBeVisible();
  const bad = `${big5File}\r\nnot-an-email,壞資料,,繁體中文,機場店,\r\nCHEN.DAWEN@example.com,重複,,,,\r\nx@example.com,X,,klingon,,\r\n`;
  await chooseFile(page, "客戶名單.csv", iconv.encode(bad, "big5"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/contacts\/import\?report=/);
  await expect(page.getByRole("heading", { name: "3 problems in 客戶名單.csv. Nothing was imported." })).toBeVisible();
  const problems = page.getByRole("table", { name: "Problems by row and column" }).locator("tbody tr");
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0).locator("td")).toHaveText(["7", "電子郵件", "Not a valid email address."]);
  await expect(problems.nth(1).locator("td")).toHaveText(["8", "電子郵件", "This email already appears in row 2."]);
  await expect(problems.nth(2).locator("td")).toContainText(["9", "語言", "Unknown language"]);
  expect(await countContacts(getDb(), workspace.id)).toBe(0);
  await shoot(page, "contacts-import-problems");

  // The corrected file.
  await chooseFile(page, "客戶名單.csv", iconv.encode(big5File, "big5"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/contacts\?created=5&updated=0/);
  await expect(page.getByRole("status")).toHaveText("Imported 客戶名單.csv: 5 new contacts, none updated.");
  await expect(rows(page)).toHaveCount(5);
  await expect(page.getByText("5 contacts", { exact: true })).toBeVisible();
  const lin = rows(page).filter({ hasText: "lin.mei@example.com" });
  await expect(lin.locator("td")).toHaveText(["lin.mei@example.com", "林美玲", "—", "繁體中文", "機場店", "CRM-002", "Can be invited"]);

  // Someone unsubscribed through their mail's link: shown with the day.
  const wang = (await findContactByEmail(getDb(), workspace.id, "wang.fang@example.com"))!;
  await transaction((tx) => markUnsubscribed(tx, wang.id, Date.parse("2026-03-02T09:00:00Z")));
  await page.reload();
  await expect(rows(page).filter({ hasText: "wang.fang@example.com" }).locator("td").last()).toHaveText(/Unsubscribed\s*Mar 2, 2026/);
  await shoot(page, "contacts-list");

  // Search (Chinese name, part of an email, any case), kept in the URL.
  await filterBar(page).getByLabel("Search").fill("陳大");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=%E9%99%B3%E5%A4%A7/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("chen.dawen@example.com");
  await expect(page.getByText("1 contact matches (of 5)")).toBeVisible();
  await filterBar(page).getByLabel("Search").fill("SAM.LEE");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=SAM\.LEE&segment=$/);
  await expect(rows(page)).toHaveCount(1);

  // Segment filter, with and without a search. "Clear" empties the search box too.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(filterBar(page).getByLabel("Search")).toHaveValue("");
  await filterBar(page).getByLabel("Segment").selectOption("機場店");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/segment=/);
  await expect(rows(page)).toHaveCount(3);
  await filterBar(page).getByLabel("Search").fill("crm-00");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=crm-00/);
  await expect(rows(page)).toHaveCount(3);
  await expect(filterBar(page).getByLabel("Segment")).toHaveValue("機場店");
  await filterBar(page).getByLabel("Segment").selectOption("市區店");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("wang.fang@example.com");
  await expect(filterBar(page).getByLabel("Search")).toHaveValue("crm-00");
  await page.goto("/contacts?segment=%E5%B8%82%E5%8D%80%E5%BA%97");
  await expect(rows(page)).toHaveCount(2);

  // Edit one: name, segment and language.
  await page.getByRole("link", { name: "Edit huang.xm@example.com" }).click();
  await expect(page.getByRole("heading", { name: "黃小明", level: 1 })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await details.getByLabel("Name", { exact: true }).fill("黃曉明");
  await details.getByLabel("Segment", { exact: true }).fill("機場店");
  await details.getByLabel("Language", { exact: true }).selectOption("zh-Hans");
  await details.getByLabel("Email", { exact: true }).fill("lin.mei@example.com");
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Another contact already has this email.")).toBeVisible();
  await details.getByLabel("Email", { exact: true }).fill(" Huang.XM@example.com ");
  await details.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(details.getByLabel("Email", { exact: true })).toHaveValue("huang.xm@example.com");
  await shoot(page, "contact-edit");
  const huang = (await findContactByEmail(getDb(), workspace.id, "huang.xm@example.com"))!;
  expect(huang).toMatchObject({ name: "黃曉明", segment: "機場店", language: "zh-Hans", phone: "02-2345-6789" });

  // The unsubscribed contact's page says so, with the day.
  await page.goto(`/contacts/${wang.id}`);
  await expect(page.getByRole("status")).toContainText("王芳 unsubscribed on Mar 2, 2026.");
  await shoot(page, "contact-unsubscribed");

  // Delete one, behind its confirmation step.
  await page.getByText("Delete this contact").click();
  await expect(page.getByText("Responses they already gave are kept, but no longer linked to them (anonymous).")).toBeVisible();
  await page.getByRole("button", { name: "Delete wang.fang@example.com" }).click();
  await expect(page).toHaveURL(/\/contacts\?deleted=1$/);
  await expect(page.getByRole("status")).toContainText("The contact was deleted.");
  await expect(rows(page)).toHaveCount(4);
  expect(await findContactByEmail(getDb(), workspace.id, "wang.fang@example.com")).toBeUndefined();

  // Add one by hand.
  const addForm = page.getByRole("region", { name: "Add a contact" });
  await addForm.getByLabel("Email", { exact: true }).fill("new.guest@example.com");
  await addForm.getByLabel("Name", { exact: true }).fill("New Guest");
  await addForm.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByText("Contact added.")).toBeVisible();
  await expect(rows(page)).toHaveCount(5);
  await addForm.getByLabel("Email", { exact: true }).fill("NEW.guest@example.com");
  await addForm.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByText("Another contact already has this email.")).toBeVisible();
});

test("the API upserts and pages contacts with a manager key; analysts get neither the page nor the API", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  const manager = { authorization: `Bearer ${await workspace.apiKey("manager")}` };
  const analystKey = { authorization: `Bearer ${await workspace.apiKey("analyst")}` };
  const many = Array.from({ length: 60 }, (_, i) => ({ email: `guest${String(i).padStart(2, "0")}@example.com`, segment: "Bulk" }));
  const posted = await request.post("/api/v1/contacts", { headers: manager, data: { contacts: many } });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toEqual({ created: 60, updated: 0 });
  const again = await request.post("/api/v1/contacts", {
    headers: manager,
    data: { contacts: [{ email: "GUEST00@example.com", name: "林美", language: "zh-Hant" }, { email: "extra@example.com" }] },
  });
  expect(await again.json()).toEqual({ created: 1, updated: 1 });

  // Every bad field, by path; nothing stored.
  const bad = await request.post("/api/v1/contacts", {
    headers: manager,
    data: {
      contacts: [
        { email: "nope" },
        { email: "ok@example.com", language: "fr", phone: "1".repeat(51) },
        { email: "Extra@example.com" },
        { email: "extra@example.com" },
      ],
    },
  });
  expect(bad.status()).toBe(422);
  const paths = ((await bad.json()).errors as { path: string }[]).map((e) => e.path).sort();
  expect(paths).toEqual(["contacts.0.email", "contacts.1.language", "contacts.1.phone", "contacts.3.email"]);
  expect(await countContacts(getDb(), workspace.id)).toBe(61);

  // Pages in email order, by cursor.
  const first = await (await request.get("/api/v1/contacts?segment=Bulk&limit=50", { headers: manager })).json();
  expect(first.contacts).toHaveLength(50);
  expect(first.contacts[0]).toMatchObject({ email: "guest00@example.com", name: "林美", language: "zh-Hant", segment: "Bulk", unsubscribedAt: null });
  const second = await (await request.get(`/api/v1/contacts?segment=Bulk&limit=50&cursor=${first.next}`, { headers: manager })).json();
  expect(second.contacts.map((c: { email: string }) => c.email)).toEqual(many.slice(50).map((c) => c.email));
  expect(second.next).toBeNull();
  expect((await request.get("/api/v1/contacts?cursor=!!", { headers: manager })).status()).toBe(400);

  // Contacts are personal data: an analyst key may neither read nor write them.
  expect((await request.get("/api/v1/contacts", { headers: analystKey })).status()).toBe(403);
  expect((await request.post("/api/v1/contacts", { headers: analystKey, data: { contacts: [{ email: "a@example.com" }] } })).status()).toBe(403);
  expect(await countContacts(getDb(), workspace.id)).toBe(61);

  // The page: 50 a page, the next by its link.
  await signedInAs(workspace.owner);
  await page.goto("/contacts");
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByText("61 contacts · Showing 1–50")).toBeVisible();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(rows(page)).toHaveCount(11);
  await expect(page.getByText("61 contacts · Showing 51–61")).toBeVisible();
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await page.getByRole("link", { name: "First page" }).click();
  await expect(rows(page)).toHaveCount(50);

  // An analyst: no Contacts in the header, and the forbidden page.
  const analyst = await workspace.member("analyst");
  await page.context().clearCookies();
  await signedInAs(analyst);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" })).toHaveCount(0);
  for (const path of ["/contacts", "/contacts/import", `/contacts/${(await findContactByEmail(getDb(), workspace.id, "extra@example.com"))!.id}`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  expect((await page.request.get("/contacts/example.csv", { maxRedirects: 0 })).status()).toBe(303);
});

test("without JavaScript: search, add, import and delete still work; the pages read in Traditional Chinese", async ({ browser, workspace }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(workspace.owner.email);
  await page.getByLabel("Password").fill(workspace.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/studies/);

  await page.goto("/contacts/import");
  await chooseFile(page, "contacts.csv", Buffer.from(`\uFEFFemail,name,segment\na@example.com,Ann,North\nb@example.com,Bo,South\n`, "utf8"));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page).toHaveURL(/\/contacts\?created=2&updated=0/);
  await expect(rows(page)).toHaveCount(2);

  const addForm = page.getByRole("region", { name: "Add a contact" });
  await addForm.getByLabel("Email", { exact: true }).fill("c@example.com");
  await addForm.getByLabel("Segment", { exact: true }).fill("North");
  await addForm.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByText("Contact added.")).toBeVisible();
  await expect(rows(page)).toHaveCount(3);

  await filterBar(page).getByLabel("Segment").selectOption("North");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows(page)).toHaveCount(2);

  await page.getByRole("link", { name: "Edit a@example.com" }).click();
  await page.getByText("Delete this contact").click();
  await page.getByRole("button", { name: "Delete a@example.com" }).click();
  await expect(page).toHaveURL(/\/contacts\?deleted=1$/);
  await expect(rows(page)).toHaveCount(2);

  await context.addCookies([{ name: "locale", value: "zh-Hant", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "聯絡人", level: 1 })).toBeVisible();
  await expect(page.getByText("共 2 位聯絡人")).toBeVisible();
  await shoot(page, "contacts-list-zh-Hant");
  await page.goto("/contacts/import");
  await expect(page.getByRole("heading", { name: "匯入聯絡人", level: 1 })).toBeVisible();
  await context.close();
});
