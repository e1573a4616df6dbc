import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";

// The built app on a throwaway database; tests make their own data.
const port = Number(process.env.E2E_PORT ?? 3210);
// E2E_DIR keeps parallel runs apart (their output, database and build).
const outputDir = path.resolve(process.env.E2E_DIR ?? "test-results");
const dataDir = path.join(outputDir, "e2e-db");
export const e2eDatabaseUrl = `file:${path.join(dataDir, "app.db")}`;
process.env.DATABASE_URL = e2eDatabaseUrl;

// Debian's Chromium where it exists (CI, these machines); Playwright's own
// browser on a developer laptop. CHROMIUM_PATH overrides both.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: path.join(outputDir, "artifacts"),
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
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: e2eDatabaseUrl,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      // Every test comes from 127.0.0.1, so per-address limits would be shared
      // by the whole suite; the tests of the limits set their counters directly.
      SIGN_IN_RATE_LIMIT: "1000",
      SURVEY_RATE_LIMIT_PER_MINUTE: "100000",
      ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}),
    },
  },
});
