// Starts the app for Playwright: the current code, built once (E2E_SKIP_BUILD=1
// reuses the build of an earlier run: it does not depend on the engine), on a
// throwaway database made empty first — the SQLite file under an e2e-db
// folder, or the gapwise_e2e_* PostgreSQL database playwright.config.ts named
// — bound to loopback. On SIGINT/SIGTERM it stops the app, then drops the
// PostgreSQL database.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { dropDatabase, recreateDatabase } from "./e2e-database.mjs";
import { nextBin, nextStartArgs } from "./next-server.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const url = process.env.DATABASE_URL ?? "";
const postgres = /^postgres(ql)?:\/\//i.test(url);

if (postgres) {
  await recreateDatabase(url, process.env.E2E_PG_URL);
} else {
  const file = url.startsWith("file:") ? url.slice(5) : url;
  if (!file || !file.includes("e2e-db")) {
    console.error("e2e-server refuses to wipe a database outside an e2e-db folder.");
    process.exit(1);
  }
  fs.rmSync(path.dirname(path.resolve(file)), { recursive: true, force: true });
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
} else if (!fs.existsSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) {
  console.error("E2E_SKIP_BUILD=1, but there is no build to reuse: run `npx next build` (or the e2e run without it) first.");
  process.exit(1);
}
const server = spawn(process.execPath, nextStartArgs({ port: process.env.PORT ?? "3210", host: "127.0.0.1" }), {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", async (code) => {
  if (postgres) {
    // The teardown may have dropped it already; this covers an interrupted run.
    await dropDatabase(url, process.env.E2E_PG_URL).catch((e) => console.error(`e2e-server: could not drop the e2e database: ${e.message}`));
  }
  process.exit(code ?? 0);
});
