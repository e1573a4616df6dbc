// `npm test`: typecheck, lint, then the unit tests, the e2e tests against the
// built app and the load/crash/backup check at CI size, each on SQLite and on
// PostgreSQL — in that order, stopping at the first failure. The e2e run on
// PostgreSQL reuses the SQLite run's build (the build does not depend on the
// engine). Output streams through; at the end one line sums up the tests of
// every runner ("tests: N passed, N failed").
//
// PostgreSQL: the server of TEST_PG_URL (default postgres://root@127.0.0.1:5432/test);
// every runner makes its own throwaway databases there and drops them. When
// no server answers, the PostgreSQL half is skipped and the run says so —
// except under CI, where that is a failure.
import { spawn } from "node:child_process";
import pg from "pg";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const pgUrl = process.env.TEST_PG_URL || "postgres://root@127.0.0.1:5432/test";

/** Why PostgreSQL cannot be used, or null when it answers. */
async function postgresProblem() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (e) {
    return e instanceof Error ? e.message || e.name : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

// Each step's environment on top of this process's; undefined removes a
// variable (a DATABASE_URL in the shell must not turn the SQLite half into PostgreSQL).
const sqlite = { DATABASE_URL: undefined, E2E_DATABASE_URL: undefined };
const postgres = { E2E_DATABASE_URL: undefined };

// Vitest's summary: "Tests  238 passed (238)" (also "| N failed").
const vitest = /Tests\s+(?:(\d+) failed \| )?(\d+) passed/;
const steps = [
  { name: "typecheck", cmd: ["node_modules/typescript/bin/tsc", "--noEmit"] },
  { name: "lint", cmd: ["node_modules/eslint/bin/eslint.js", "."] },
  { name: "format", cmd: ["node_modules/prettier/bin/prettier.cjs", "--check", "."] },
  { name: "unit (SQLite)", cmd: ["node_modules/vitest/vitest.mjs", "run"], count: vitest, env: sqlite },
  {
    name: "unit (PostgreSQL)",
    cmd: ["node_modules/vitest/vitest.mjs", "run"],
    count: vitest,
    env: { ...postgres, DATABASE_URL: pgUrl },
    postgres: true,
  },
  // Playwright's: "35 passed (1.7m)", "2 failed", "1 skipped".
  { name: "e2e (SQLite)", cmd: ["node_modules/@playwright/test/cli.js", "test"], playwright: true, env: { ...sqlite, E2E_ENGINE: "sqlite" } },
  {
    name: "e2e (PostgreSQL)",
    cmd: ["node_modules/@playwright/test/cli.js", "test"],
    playwright: true,
    env: { ...postgres, DATABASE_URL: undefined, E2E_ENGINE: "postgres", E2E_PG_URL: pgUrl, E2E_SKIP_BUILD: "1" },
    postgres: true,
  },
  // bench/load.ts reads LOAD_ENGINE (and LOAD_PG_URL for the server) and makes its own database.
  {
    name: "load (SQLite)",
    cmd: ["--import", "tsx", "bench/load.ts", "--quick"],
    count: /load: (\d+) passed, (\d+) failed/,
    load: true,
    env: { ...sqlite, LOAD_ENGINE: "sqlite" },
  },
  {
    name: "load (PostgreSQL)",
    cmd: ["--import", "tsx", "bench/load.ts", "--quick"],
    count: /load: (\d+) passed, (\d+) failed/,
    load: true,
    env: { ...postgres, DATABASE_URL: undefined, LOAD_ENGINE: "postgres", LOAD_PG_URL: pgUrl, E2E_PG_URL: pgUrl },
    postgres: true,
  },
];

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
let skipped = 0;

function environment(overrides = {}) {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function run(step) {
  return new Promise((resolve) => {
    console.log(`\n▶ ${step.name}`);
    const child = spawn(process.execPath, step.cmd, { stdio: ["ignore", "pipe", "pipe"], env: environment(step.env) });
    let out = "";
    child.stdout.on("data", (d) => {
      process.stdout.write(d);
      out += d;
    });
    child.stderr.on("data", (d) => {
      process.stderr.write(d);
      out += d;
    });
    child.on("close", (code) => resolve({ code, out: stripAnsi(out) }));
  });
}

const problem = await postgresProblem();
const skipPostgres = problem
  ? `PostgreSQL half SKIPPED: no PostgreSQL server answers at ${pgUrl} (${problem}). Start one, or set TEST_PG_URL.`
  : null;
if (skipPostgres) {
  if (process.env.CI) {
    console.log(`✖ PostgreSQL is required under CI, and no server answers at ${pgUrl} (${problem}).`);
    console.log("tests: 0 passed, 1 failed");
    process.exit(1);
  }
  console.log(`\n⚠ ${skipPostgres}`);
}

const started = Date.now();
for (const step of steps) {
  if (step.postgres && skipPostgres) {
    console.log(`\n▷ ${step.name}: skipped (no PostgreSQL server)`);
    continue;
  }
  const stepStarted = Date.now();
  const { code, out } = await run(step);
  console.log(`\n${code === 0 ? "✔" : "✖"} ${step.name}: ${((Date.now() - stepStarted) / 1000).toFixed(0)} s`);
  if (step.playwright) {
    passed += Number(/(\d+) passed/.exec(out)?.[1] ?? 0);
    failed += Number(/(\d+) failed/.exec(out)?.[1] ?? 0) + Number(/(\d+) flaky/.exec(out)?.[1] ?? 0);
    skipped += Number(/(\d+) skipped/.exec(out)?.[1] ?? 0);
  } else if (step.load) {
    const m = step.count.exec(out);
    passed += Number(m?.[1] ?? 0);
    failed += Number(m?.[2] ?? 0);
  } else if (step.count) {
    const m = step.count.exec(out);
    failed += Number(m?.[1] ?? 0);
    passed += Number(m?.[2] ?? 0);
  }
  if (code !== 0) {
    console.log(`\n✖ ${step.name} failed (exit ${code})`);
    if (skipPostgres) console.log(skipPostgres);
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(code || 1);
  }
}
console.log(`\nall steps in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
if (skipPostgres) console.log(`⚠ ${skipPostgres}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
