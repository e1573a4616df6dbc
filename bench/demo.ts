// How long the demo study takes to generate (issue 13: timing belongs in a
// benchmark, not in a test): the whole demo, through the real write path in
// one transaction, into a fresh database, timed three times, on each engine.
//
//   npx tsx bench/demo.ts               SQLite, then PostgreSQL when it answers
//   DEMO_ENGINE=sqlite|postgres …       one engine (what the parent runs)

import { perEngine } from "./per-engine";

const runs = 3;
// What "Explore the demo" may take before a manager wonders whether it works.
const aimSeconds = 10;

async function measure() {
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("demo-bench");
  process.env.DATABASE_URL = testDb.url;
  // Imported after DATABASE_URL is set: the client reads it on first use.
  const { closeDatabase, transaction } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { createOwner } = await import("@/lib/accounts/accounts");
  const { createDemoStudy } = await import("@/lib/demo/demo-study");
  await applyMigrations();
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    const owner = await createOwner({ email: `demo-${i}@example.test`, password: "long enough pw", workspace: `demo-${i}` });
    const started = performance.now();
    await transaction((tx) => createDemoStudy(tx, owner.workspaceId, owner.userId, { now: Date.UTC(2026, 10, 27, 12) }));
    seconds.push((performance.now() - started) / 1000);
  }
  await closeDatabase();
  await testDb.drop();
  return { seconds: seconds.sort((a, b) => a - b) };
}

async function main() {
  const results = await perEngine("bench/demo.ts", "DEMO_ENGINE", measure);
  console.log(`| engine | demo generation, median of ${runs} | fastest | slowest | aim |`);
  console.log("|---|---|---|---|---|");
  let failed = 0;
  for (const run of results) {
    if (run.status !== "ok") {
      console.log(`| ${run.engine} | ${run.status}: ${run.reason} | | | |`);
      if (run.status === "failed") failed++;
      continue;
    }
    const s = run.figures.seconds;
    const median = s[Math.floor(s.length / 2)];
    console.log(
      `| ${run.engine} | ${median.toFixed(2)} s | ${s[0].toFixed(2)} s | ${s[s.length - 1].toFixed(2)} s | ≤ ${aimSeconds} s ${median <= aimSeconds ? "✓" : "✗"} |`,
    );
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
