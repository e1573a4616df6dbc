// `npm run screenshots`: the README's pictures, taken from the demo study so
// they always show the current UI and the demo's pinned figures.
//
// Builds the app (into its own NEXT_DIST_DIR, so a running `npm start` is not
// disturbed; SCREENSHOTS_SKIP_BUILD=1 reuses that build), serves it on a free
// loopback port over a throwaway database, creates an owner and the demo
// through lib/, signs in with Chromium and writes docs/screenshots/*.png.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { nextBin, nextStartArgs } from "./next-server.mjs";

const distDir = process.env.NEXT_DIST_DIR || ".next-screenshots";
const outDir = path.resolve(process.env.SCREENSHOTS_DIR ?? "docs/screenshots");
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };
// Same browser and flags as playwright.config.ts (Debian's Chromium here).
const executablePath = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const owner = { email: "owner@harbour.example", password: "screenshots only", workspace: "Harbour Hotel" };
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir };

function build() {
  if (process.env.SCREENSHOTS_SKIP_BUILD === "1") {
    if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`No build in ${distDir}: run without SCREENSHOTS_SKIP_BUILD.`);
    return;
  }
  console.log(`Building into ${distDir}…`);
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error("next build failed.");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}.`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("The server did not answer /api/health within 30 s.");
}

/** The owner and the demo, written through lib/ into the throwaway database. */
async function seed() {
  const { closeDatabase, getDb } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { createOwner } = await import("@/lib/accounts/accounts");
  const { createDemoAtomically } = await import("@/lib/demo/explore-demo");
  const { findPublicLink } = await import("@/db/queries/links");
  await applyMigrations();
  const created = await createOwner(owner);
  // Noon today (UTC): the demo's three months end today; its figures do not depend on the date.
  const now = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 43_200_000;
  const studyId = await createDemoAtomically(created.workspaceId, created.userId, { now });
  const link = await findPublicLink(getDb(), studyId);
  if (!link) throw new Error("The demo study has no public link.");
  await closeDatabase();
  return { studyId, token: link.token };
}

async function signedInContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: desktop, locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/studies/);
  await page.close();
  return context;
}

async function save(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, animations: "disabled" });
  console.log(`  ${path.relative(process.cwd(), file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

/** The survey's first question page, two statements already rated. */
async function surveyStep(browser: Browser, base: string, token: string, lang: "en" | "zh-Hant", size: typeof phone, name: string) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: size,
    isMobile: size === phone,
    hasTouch: size === phone,
    locale: lang === "en" ? "en-US" : "zh-TW",
  });
  const page = await context.newPage();
  await page.goto(`/s/${token}?lang=${lang}`);
  await page.locator("select").first().selectOption({ index: 1 });
  await page.locator("form button[type=submit]").last().click();
  await page.locator("fieldset.sv-item").first().waitFor();
  const items = page.locator("fieldset.sv-item");
  for (const [i, expected, perceived] of [
    [0, 7, 5],
    [1, 6, 6],
  ] as const) {
    await items.nth(i).locator(`input[type=radio][name^="e."][value="${expected}"]`).check();
    await items.nth(i).locator(`input[type=radio][name^="p."][value="${perceived}"]`).check();
  }
  // Checking scrolled the page; the picture starts with the progress bar.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await save(page, name);
  await context.close();
}

async function studyPage(context: BrowserContext, url: string, size: typeof phone, name: string, scrollTo?: string) {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.goto(url);
  await page.locator("svg.recharts-surface").first().waitFor();
  if (scrollTo) {
    // The visually hidden heading sits at the top of its section: scroll to the section.
    await page.locator(scrollTo).evaluate((el) => (el.closest("section") ?? el).scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -12));
  }
  // recharts animates its first draw.
  await page.waitForTimeout(1200);
  await save(page, name);
  await page.close();
}

async function main() {
  build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-screenshots-"));
  process.env.DATABASE_URL = `file:${path.join(dataDir, "app.db")}`;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const { studyId, token } = await seed();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, nextStartArgs({ port, host: "127.0.0.1" }), {
      env: { ...env, DATABASE_URL: process.env.DATABASE_URL },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForHealth(base, server);
    fs.mkdirSync(outDir, { recursive: true });
    browser = await chromium.launch({ executablePath, args: chromiumArgs });
    console.log("Screenshots:");
    await surveyStep(browser, base, token, "en", phone, "survey-phone");
    await surveyStep(browser, base, token, "en", desktop, "survey-desktop");
    await surveyStep(browser, base, token, "zh-Hant", phone, "survey-zh-Hant-phone");
    const context = await signedInContext(browser, base);
    await studyPage(context, `/studies/${studyId}/results`, desktop, "dashboard-desktop", "#headline-heading");
    await studyPage(context, `/studies/${studyId}/results`, phone, "dashboard-phone", "#criteria-heading");
    await studyPage(context, `/studies/${studyId}/gaps`, desktop, "gaps-desktop", "#five-gaps-heading");
    await studyPage(context, `/studies/${studyId}/gaps`, phone, "gaps-phone", "#chain-heading");
  } finally {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
