// `npm run bench`: every benchmark at full size, one after the other, so
// their figures come from the same machine state. Each prints its own table.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (!fs.existsSync(`${distDir}/BUILD_ID`)) {
  console.log("Building the app once for the server benchmarks…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const benches = [
  ["Dashboard data vs a naive scan (100,000 responses)", "bench/dashboard.ts"],
  ["The survey page: client JavaScript and submit latency", "bench/survey.ts"],
  ["Load, crash and backup (10,000 submissions, 50 clients)", "bench/load.ts"],
] as const;

let failed = 0;
for (const [title, file] of benches) {
  console.log(`\n## ${title}\n`);
  const run = spawnSync(process.execPath, ["--import", "tsx", file], { stdio: "inherit", env: process.env });
  if (run.status !== 0) {
    failed++;
    console.log(`${file} exited with ${run.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
