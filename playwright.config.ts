import { defineConfig, devices } from "@playwright/test";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// The built app on a throwaway database; tests make their own data. The test
// process writes to the same database as the server (through db/, which
// reads DATABASE_URL), so this file sets DATABASE_URL for both.
const port = Number(process.env.E2E_PORT ?? 3210);
// E2E_DIR keeps parallel runs apart (their output, database and build).
const outputDir = path.resolve(process.env.E2E_DIR ?? "test-results");
const isPostgresUrl = (url: string | undefined) => /^postgres(ql)?:\/\//i.test(url ?? "");

// The engine: E2E_ENGINE=sqlite|postgres, else the engine DATABASE_URL names (SQLite by default).
function e2eEngine(): "sqlite" | "postgres" {
  const chosen = process.env.E2E_ENGINE;
  if (chosen === "sqlite" || chosen === "postgres") return chosen;
  if (chosen) throw new Error(`E2E_ENGINE must be sqlite or postgres, not "${chosen}"`);
  return isPostgresUrl(process.env.DATABASE_URL) ? "postgres" : "sqlite";
}
const engine = e2eEngine();

// SQLite: a file under the output folder. PostgreSQL: a new database
// gapwise_e2e_<random> on the server of E2E_PG_URL (else of a postgres
// DATABASE_URL, else the local one), which scripts/e2e-server.mjs creates
// and scripts/e2e-database.mjs (globalTeardown) drops. This file is loaded
// by the runner and again by every worker: the runner picks the name once and
// hands it down in E2E_DATABASE_URL (workers inherit its environment).
function e2eDatabaseUrlOf(): string {
  if (engine === "sqlite") return `file:${path.join(outputDir, "e2e-db", "app.db")}`;
  const inherited = process.env.E2E_DATABASE_URL;
  if (inherited && isPostgresUrl(inherited)) return inherited;
  const server =
    process.env.E2E_PG_URL || (isPostgresUrl(process.env.DATABASE_URL) ? process.env.DATABASE_URL! : "postgres://root@127.0.0.1:5432/test");
  process.env.E2E_PG_URL = server;
  const url = new URL(server);
  url.pathname = `/gapwise_e2e_${randomBytes(5).toString("hex")}`;
  return url.toString();
}
export const e2eDatabaseUrl = e2eDatabaseUrlOf();

// The mail server the app sends to (e2e/mail-catcher.ts, started as
// globalSetup) and the folder where it leaves what it received.
const smtpPort = port + 1000;
process.env.E2E_SMTP_PORT = String(smtpPort);
process.env.E2E_MAIL_DIR = path.join(outputDir, engine === "postgres" ? "mails-postgres" : "mails");
process.env.E2E_DATABASE_URL = e2eDatabaseUrl;
process.env.DATABASE_URL = e2eDatabaseUrl;

// Debian's Chromium where it exists (CI, these machines); Playwright's own
// browser on a developer laptop. CHROMIUM_PATH overrides both.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Per engine: a run cleans its own artifacts, not the other engine's.
  outputDir: path.join(outputDir, engine === "postgres" ? "artifacts-postgres" : "artifacts"),
  globalSetup: "./e2e/mail-catcher.ts",
  globalTeardown: "./scripts/e2e-database.mjs",
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Set-up works once per installation: this runs first, on the empty database.
    { name: "first-run", testMatch: "first-run.spec.ts", use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      testIgnore: "first-run.spec.ts",
      dependencies: ["first-run"],
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: {
    command: `node scripts/e2e-server.mjs`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    // SIGTERM, not SIGKILL: the script then stops the app and drops a PostgreSQL database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: e2eDatabaseUrl,
      ...(engine === "postgres" ? { E2E_PG_URL: process.env.E2E_PG_URL! } : {}),
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      // Every test comes from 127.0.0.1, so per-address limits would be shared
      // by the whole suite; the tests of the limits set their counters directly.
      SIGN_IN_RATE_LIMIT: "1000",
      SURVEY_RATE_LIMIT_PER_MINUTE: "100000",
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "Gapwise test <survey@gapwise.test>",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      MAIL_RATE_PER_MINUTE: "100000",
      // The tests' webhook receivers listen on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE: "1",
      ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    },
  },
});
