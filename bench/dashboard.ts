// Dashboard benchmark (issue D): seeds 100,000 customer responses of 26 items
// into a throwaway database, then times the dashboard's data (read from the
// write-time aggregates) against a naive pass over the raw answers (every
// response read and averaged per item), in the same run.
//
//   npx tsx bench/dashboard.ts [responses]      SQLite, then PostgreSQL when it answers
//   DASHBOARD_ENGINE=sqlite|postgres …           one engine (what the parent runs)

import { perEngine } from "./per-engine";

const responsesWanted = Number(process.argv[2] ?? 100_000);

async function measure() {
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("dashboard");
  process.env.DATABASE_URL = testDb.url;
  // Imported after DATABASE_URL is set: the client reads it on first use.
  const { closeDatabase, currentEngine, getDb, transaction } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { createWorkspace } = await import("@/db/queries/accounts");
  const { answersOfStudy } = await import("@/db/queries/responses");
  const { shortfallsWithoutCase } = await import("@/db/queries/cases");
  const { versionDefinition } = await import("@/lib/studies/version-definition");
  const { loadResults } = await import("@/lib/results/load-results");
  const { loadDashboard } = await import("@/lib/results/dashboard");
  const { recomputeStudyAggregates } = await import("@/lib/results/recompute");
  const { createBenchStudy, seedCustomerResponses } = await import("./seed-responses");

  try {
    await applyMigrations();
    const workspace = await transaction((tx) => createWorkspace(tx, "Bench"));
    const { study, version } = await createBenchStudy(workspace.id);
    const definition = versionDefinition(version.snapshot);
    const items = definition.criteria.flatMap((c) => c.items);

    const { seedMs, buckets } = await seedCustomerResponses(study.id, version, responsesWanted);

    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    async function time(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<number> {
      for (let i = 0; i < warmup; i++) await fn();
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        out.push(performance.now() - t);
      }
      return median(out);
    }

    const results = await loadResults(getDb(), study, {});
    if (results.status !== "ok" || results.results.n !== responsesWanted) throw new Error("dashboard data is wrong");
    const dashboardMs = await time(25, 3, () => loadResults(getDb(), study, {}));
    const fullDashboardMs = await time(25, 3, () => loadDashboard(getDb(), study, {}));
    const filteredMs = await time(25, 3, () => loadResults(getDb(), study, { segment: "Branch A", from: "2026-02-01", to: "2026-02-28" }));

    // Naive: every answer of every response, averaged per item.
    const naive = async () => {
      const perItem = new Map<string, { n: number; e: number; p: number }>();
      for (const a of await answersOfStudy(getDb(), study.id)) {
        if (a.expected === null || a.perceived === null) continue;
        const m = perItem.get(a.itemId) ?? { n: 0, e: 0, p: 0 };
        perItem.set(a.itemId, { n: m.n + 1, e: m.e + a.expected, p: m.p + a.perceived });
      }
      return perItem;
    };
    if ((await naive()).size !== 26) throw new Error("naive scan is wrong");
    const naiveMs = await time(5, 1, naive);

    const followUpMs = await time(3, 1, () => shortfallsWithoutCase(getDb(), { studyId: study.id }, 50));
    const recomputeStart = performance.now();
    await recomputeStudyAggregates(study.id);
    const recomputeMs = performance.now() - recomputeStart;
    return {
      engine: currentEngine(),
      seedMs,
      buckets,
      items: items.length,
      dashboardMs,
      fullDashboardMs,
      filteredMs,
      naiveMs,
      followUpMs,
      recomputeMs,
    };
  } finally {
    await closeDatabase();
    await testDb.drop();
  }
}

type Measured = Awaited<ReturnType<typeof measure>>;

function report(r: Measured) {
  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(
    `\n${r.engine}: seeded ${responsesWanted.toLocaleString("en")} responses × ${r.items} items (${r.buckets} buckets) in ${(r.seedMs / 1000).toFixed(1)} s`,
  );
  console.log(`dashboard data, loadResults (median of 25):            ${f(r.dashboardMs)}`);
  console.log(`dashboard data + trend + filter lists (median of 25):  ${f(r.fullDashboardMs)}`);
  console.log(`loadResults with segment + month filter (median of 25): ${f(r.filteredMs)}`);
  console.log(`naive pass over the raw answers (median of 5):         ${f(r.naiveMs)}`);
  console.log(`ratio naive / dashboard data:                          ${(r.naiveMs / r.dashboardMs).toFixed(0)}×`);
  console.log(`top 50 shortfalls without a case (median of 3):       ${f(r.followUpMs)}`);
  console.log(`recompute from raw answers (once):                     ${f(r.recomputeMs)}`);
  const ok = r.dashboardMs < 20 && r.naiveMs / r.dashboardMs >= 50;
  console.log(ok ? "Target met: under 20 ms and at least 50× faster." : "Target NOT met (under 20 ms and ≥ 50× faster).");
}

async function main() {
  let failed = 0;
  for (const run of await perEngine("bench/dashboard.ts", "DASHBOARD_ENGINE", measure, [String(responsesWanted)])) {
    if (run.status === "ok") report(run.figures);
    else {
      console.log(`\n${run.engine}: ${run.status} (${run.reason})`);
      if (run.status === "failed") failed++;
    }
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
