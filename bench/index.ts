// `npm run bench`: every benchmark at full size, one after the other, so
// their figures come from the same machine state. Each prints its own table.
// The PostgreSQL runs need a server (LOAD_PG_URL, default
// postgres://root@127.0.0.1:5432/test); without one they are reported skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (!fs.existsSync(`${distDir}/BUILD_ID`)) {
  console.log("Building the app once for the server benchmarks…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const pgUrl = process.env.LOAD_PG_URL ?? "postgres://root@127.0.0.1:5432/test";
async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const withPg = await postgresAnswers();
const benches: [title: string, file: string, args: string[], env: Record<string, string>, needsPg: boolean][] = [
  ["Bytes per response on both engines", "bench/storage.ts", [], {}, false],
  ["Demo generation time on both engines", "bench/demo.ts", [], {}, false],
  ["Dashboard data vs a naive scan (100,000 responses), SQLite and PostgreSQL", "bench/dashboard.ts", [], {}, false],
  ["The follow-up case list (100,000 responses, 2,000 cases) vs a trivial query, SQLite and PostgreSQL", "bench/follow-up.ts", [], {}, false],
  ["Exports of 100,000 responses: time and memory (CSV and XLSX, streamed)", "bench/export.ts", [], {}, false],
  ["An import of 100,000 responses (50 MB) while /api/health is probed, SQLite and PostgreSQL", "bench/import.ts", [], {}, false],
  ["The survey page: client JavaScript and submit latency", "bench/survey.ts", [], {}, false],
  ["10,000 email invitations to a local SMTP server, SQLite and PostgreSQL", "bench/mail.ts", [], {}, false],
  [
    "API submits vs the empty /api/health route (30 clients), and /api/health during a 5,000-response batch, SQLite and PostgreSQL",
    "bench/submit.ts",
    [],
    {},
    false,
  ],
  ["Load, crash and backup on SQLite (10,000 submissions, 50 clients)", "bench/load.ts", [], { LOAD_ENGINE: "sqlite" }, false],
  [
    "PostgreSQL, one and two instances (10,000 submissions, 50 clients), then the several-instance checks",
    "bench/load.ts",
    ["--scale"],
    { LOAD_ENGINE: "postgres", LOAD_PG_URL: pgUrl },
    true,
  ],
];

let failed = 0;
for (const [title, file, args, env, needsPg] of benches) {
  console.log(`\n## ${title}\n`);
  if (needsPg && !withPg) {
    console.log(`skipped: no PostgreSQL answers at ${pgUrl.replace(/\/\/[^@/]*@/, "//")}`);
    continue;
  }
  const run = spawnSync(process.execPath, ["--import", "tsx", file, ...args], { stdio: "inherit", env: { ...process.env, ...env } });
  if (run.status !== 0) {
    failed++;
    console.log(`${file} exited with ${run.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
