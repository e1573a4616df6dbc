import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { getDb } from "@/db/client";
import { latestVersion } from "@/db/queries/studies";
import { storeCustomerResponses } from "@/lib/responses/store-customer";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import { makeInternalLink, makePublishedStudy } from "@/lib/survey/fixture-study";

// One criterion of four items (the last reverse-scored) on a 7-point scale,
// so every gap can be checked by hand.
async function makeStudy(workspaceId: string, userId: string) {
  const study = await createStudy(workspaceId, {
    name: "Front desk",
    provider: "Harbour Hotel",
    industry: "hotel",
    scale: 7,
    languages: ["en", "zh-Hant"],
    framework: "gronroos",
    askImportance: false,
    segments: [],
    criteria: [
      {
        key: "reliability",
        name: { en: "Reliability", "zh-Hant": "可靠性" },
        weight: 100,
        items: [1, 2, 3, 4].map((n) => ({
          key: `r${n}`,
          text: { en: `Statement ${n}`, "zh-Hant": `敘述 ${n}` },
          reverse: n === 4,
        })),
      },
    ],
  });
  const published = await publishDraft(workspaceId, study.id, userId);
  if (!published.ok) throw new Error("publish failed");
  return study;
}

/** Answers an internal link: every item at `level` (reverse item stored as 8 − level), causes at `cause`. */
async function answerInternalLink(page: Page, url: string, level: number, cause?: number) {
  await page.goto(url);
  await page.screenshot({ path: test.info().outputPath(`internal-${url.slice(-6)}.png`), fullPage: true });
  for (const n of [1, 2, 3, 4]) {
    const rating = n === 4 ? 8 - level : level;
    await page
      .getByRole("group", { name: `Statement ${n}` })
      .getByRole("radio", { name: new RegExp(`^${rating}\\b`) })
      .check();
  }
  if (cause === undefined) {
    await page.getByRole("button", { name: "Submit" }).click();
  } else {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("heading", { name: "How we work" })).toBeVisible();
    for (const group of await page.getByRole("group").all()) {
      await group.getByRole("radio", { name: new RegExp(`^${cause}\\b`) }).check();
    }
    await page.getByRole("button", { name: "Submit" }).click();
  }
  await expect(page.getByRole("heading", { name: "Thank you" })).toBeVisible();
}

test("the five gaps from customers and the four internal perspectives", async ({ page, browser, workspace, signedInAs }) => {
  // Four internal questionnaires, the report and a replaced link: over a minute on a busy two-core machine.
  test.setTimeout(120_000);
  const study = await makeStudy(workspace.id, workspace.owner.userId);
  const version = (await latestVersion(getDb(), study.id))!;
  const itemIds = study.criteria[0].items.map((i) => i.id);
  // Three customers: E = 7, P = 5 on every item (reverse item stored as 1 and 3).
  await storeCustomerResponses(
    [0, 1, 2].map(() => ({
      studyId: study.id,
      versionId: version.id,
      snapshot: version.snapshot,
      segment: "",
      language: "en",
      source: "api" as const,
      submittedAt: Date.now(),
      comments: [],
      weights: null,
      answers: itemIds.map((itemId, i) => (i === 3 ? { itemId, expected: 1, perceived: 3 } : { itemId, expected: 7, perceived: 5 })),
    })),
  );

  await signedInAs(workspace.owner);
  await page.goto(`/studies/${study.id}/gaps`);
  await expect(page.getByRole("heading", { name: "Five gaps", level: 1 })).toBeVisible();
  for (const name of ["Management", "Service standard", "Delivery", "Communication"]) {
    await page.getByRole("button", { name: `Create link for ${name}` }).click();
  }
  const linkOf = async (p: string) => (await page.getByTestId(`internal-link-${p}`).getAttribute("href"))!;
  const links = {
    management: await linkOf("management"),
    standard: await linkOf("standard"),
    delivery: await linkOf("delivery"),
    communication: await linkOf("communication"),
  };

  // Nobody has answered yet: every internal gap says so instead of showing 0.
  await expect(page.getByTestId("gap-row-1")).toContainText("Not enough data");
  await expect(page.getByTestId("gap-row-5")).toContainText("2.00");

  const context = await browser.newContext();
  const staff = await context.newPage();
  await answerInternalLink(staff, links.management, 6, 2); // M = 6; weak causes → likely causes of gaps 1–2
  await answerInternalLink(staff, links.standard, 5);
  await context.close();

  // The delivery link works with JavaScript off, as staff phones may have it.
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await answerInternalLink(await noJs.newPage(), links.delivery, 4, 6);
  await noJs.close();

  await page.reload();
  await expect(page.getByTestId("gap-row-1")).toContainText("1.00"); // E 7 − M 6
  await expect(page.getByTestId("gap-row-2")).toContainText("1.00"); // M 6 − S 5
  await expect(page.getByTestId("gap-row-3")).toContainText("1.00"); // S 5 − D 4
  await expect(page.getByTestId("gap-row-4")).toContainText("Not enough data"); // C not answered yet
  await expect(page.getByTestId("cause-management-commitment")).toBeVisible();
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();

  const marketing = await browser.newContext();
  await answerInternalLink(await marketing.newPage(), links.communication, 6);
  await marketing.close();
  await page.reload();
  await expect(page.getByTestId("gap-row-4")).toContainText("2.00"); // C 6 − D 4
  await page.screenshot({ path: test.info().outputPath("five-gaps-desktop.png"), fullPage: true });

  // The printable report carries the five gaps too.
  await page.goto(`/studies/${study.id}/report`);
  await expect(page.getByTestId("gap-row-3")).toContainText("1.00");
  await expect(page.getByTestId("gap-row-4")).toContainText("2.00");
  await page.goto(`/studies/${study.id}/gaps`);

  // A replaced link stops working at once.
  const old = links.standard;
  await page.locator("li", { hasText: "Service standard" }).getByRole("button", { name: "Replace link" }).click();
  await expect(page.getByTestId("internal-link-standard")).not.toHaveAttribute("href", old);
  await page.goto(old);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
});

test("an analyst sees the five gaps but cannot create internal links", async ({ page, workspace, signedInAs }) => {
  const study = await makeStudy(workspace.id, workspace.owner.userId);
  const analyst = await workspace.member("analyst");
  await signedInAs(analyst);
  await page.goto(`/studies/${study.id}/gaps`);
  await expect(page.getByRole("heading", { name: "Five gaps", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /Create link/ })).toHaveCount(0);
});

test("an internal link speaks the language asked for in its address, whatever the visitor's own UI language", async ({ browser }) => {
  const fixture = await makePublishedStudy({ languages: ["en", "zh-Hant"] });
  const token = await makeInternalLink(fixture.studyId, "management");
  // A manager's browser set to English (the locale cookie) opens the 繁體中文 version of the link.
  const context = await browser.newContext({ locale: "en-US" });
  await context.addCookies([{ name: "locale", value: "en", url: "http://127.0.0.1" }]);
  const page = await context.newPage();
  await page.goto(`/i/${token}?lang=zh-Hant`);
  await expect(page.getByRole("heading", { level: 1, name: "管理階層的看法" })).toBeVisible();
  await page.goto(`/i/${token}?lang=en`);
  await expect(page.getByRole("heading", { level: 1, name: "Management's view" })).toBeVisible();
  await context.close();
});
