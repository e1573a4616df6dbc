// `npm test`: typecheck, lint, unit tests, e2e against the built app, and the
// load/crash/backup check at CI size — in that order, stopping at the first
// failure. Output streams through; at the end one line sums up the tests of
// every runner ("tests: N passed, N failed").
import { spawn } from "node:child_process";

process.env.NEXT_TELEMETRY_DISABLED = "1";

const steps = [
  { name: "typecheck", cmd: ["node_modules/typescript/bin/tsc", "--noEmit"] },
  { name: "lint", cmd: ["node_modules/eslint/bin/eslint.js", "."] },
  // Vitest's summary: "Tests  238 passed (238)" (also "| N failed").
  { name: "unit", cmd: ["node_modules/vitest/vitest.mjs", "run"], count: /Tests\s+(?:(\d+) failed \| )?(\d+) passed/ },
  // Playwright's: "35 passed (1.7m)", "2 failed", "1 skipped".
  { name: "e2e", cmd: ["node_modules/@playwright/test/cli.js", "test"], playwright: true },
  { name: "load", cmd: ["--import", "tsx", "bench/load.ts", "--quick"], count: /load: (\d+) passed, (\d+) failed/, load: true },
];

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
let skipped = 0;

function run(step) {
  return new Promise((resolve) => {
    console.log(`\n▶ ${step.name}`);
    const child = spawn(process.execPath, step.cmd, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
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

for (const step of steps) {
  const { code, out } = await run(step);
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
    console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(code || 1);
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
