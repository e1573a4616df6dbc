// Dashboard benchmark (issue D): seeds 100,000 customer responses of 26 items
// into a temporary SQLite database, then times the dashboard's data (read
// from the write-time aggregates) against a naive GROUP BY over the raw
// answers, in the same run. Run: `npx tsx bench/dashboard.ts [responses]`.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const responsesWanted = Number(process.argv[2] ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;

async function main() {
  // Imported after DATABASE_URL is set: the client reads it on first use.
  const { getConnection } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { createWorkspace } = await import("@/db/queries/accounts");
  const { addCustomerEntries } = await import("@/db/queries/aggregates");
  const { findStudy, listVersions } = await import("@/db/queries/studies");
  const { largestShortfalls } = await import("@/db/queries/responses");
  const { createStudy } = await import("@/lib/studies/create-study");
  const { publishDraft } = await import("@/lib/studies/publish");
  const { studyCreateSchema } = await import("@/lib/validation/study");
  const { versionDefinition } = await import("@/lib/studies/version-definition");
  const { addContribution, contributionOf, emptyAggregate } = await import("@/lib/scoring/aggregates");
  const { customerAggregateEntries } = await import("@/lib/scoring/aggregate-entries");
  const { dayOf } = await import("@/lib/responses/store-customer");
  const { loadResults } = await import("@/lib/results/load-results");
  const { loadDashboard } = await import("@/lib/results/dashboard");
  const { recomputeStudyAggregates } = await import("@/lib/results/recompute");

  const { db, sqlite } = getConnection();
  applyMigrations(db);

  // 6 criteria, 4+4+4+4+5+5 = 26 items, two of them reverse-scored.
  const sizes = [4, 4, 4, 4, 5, 5];
  const weights = [25, 20, 15, 20, 10, 10];
  const workspace = createWorkspace("Bench");
  const created = createStudy(
    workspace.id,
    studyCreateSchema.parse({
      name: "Bench",
      provider: "Bench Hotel",
      scale: 7,
      criteria: sizes.map((size, c) => ({
        key: `c${c}`,
        name: { en: `Criterion ${c}` },
        weight: weights[c],
        items: Array.from({ length: size }, (_, i) => ({ key: `c${c}i${i}`, text: { en: `Item ${c}.${i}` }, reverse: i === 3 && c < 2 })),
      })),
    }),
  );
  const published = publishDraft(workspace.id, created.id, null);
  if (!published.ok) throw new Error("publish failed");
  const study = findStudy(workspace.id, created.id)!;
  const version = listVersions(study.id)[0];
  const definition = versionDefinition(version.snapshot);
  const items = definition.criteria.flatMap((c) => c.items);

  // ── Seed: raw prepared statements in big transactions, the submit path's
  // contribution logic, contributions summed per bucket in memory. ──
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const segments = ["", "Branch A", "Branch B", "Branch C"];
  const start = Date.UTC(2026, 0, 1);
  const days = 90;
  const insertResponse = sqlite.prepare(
    `INSERT INTO responses (id, study_id, version_id, perspective, segment, language, source, status, started_at, submitted_at)
     VALUES (?, ?, ?, 'customer', ?, 'en', 'import', 'submitted', ?, ?)`,
  );
  const insertAnswer = sqlite.prepare("INSERT INTO answers (response_id, item_id, expected, perceived) VALUES (?, ?, ?, ?)");
  const buckets = new Map<string, { segment: string; day: number; aggregate: ReturnType<typeof emptyAggregate> }>();
  const seedStart = performance.now();
  const chunk = 10_000;
  for (let from = 0; from < responsesWanted; from += chunk) {
    db.transaction(() => {
      for (let r = from; r < Math.min(responsesWanted, from + chunk); r++) {
        const id = `r${String(r).padStart(7, "0")}`;
        const submittedAt = start + Math.floor((r / responsesWanted) * days * 86_400_000) + Math.floor(rnd() * 3_600_000);
        const segment = segments[Math.floor(rnd() * segments.length)];
        insertResponse.run(id, study.id, version.id, segment, submittedAt, submittedAt);
        const answers = items.map((item, k) => {
          if (rnd() < 0.08) return { itemId: item.id, expected: null, perceived: null };
          const e = Math.min(7, 5 + Math.floor(rnd() * 3));
          const p = Math.max(1, Math.min(7, e - Math.floor(rnd() * 3) + (k % 5 === 0 ? 1 : 0)));
          return { itemId: item.id, expected: e, perceived: p };
        });
        for (const a of answers) insertAnswer.run(id, a.itemId, a.expected, a.perceived);
        const day = dayOf(submittedAt);
        const bucketKey = `${segment}\u0000${day}`;
        let bucket = buckets.get(bucketKey);
        if (!bucket) buckets.set(bucketKey, (bucket = { segment, day, aggregate: emptyAggregate() }));
        bucket.aggregate = addContribution(bucket.aggregate, contributionOf(definition, answers));
      }
    });
  }
  db.transaction(() => {
    for (const b of buckets.values()) {
      addCustomerEntries(
        { studyId: study.id, versionId: version.id, segment: b.segment, day: b.day },
        customerAggregateEntries(b.aggregate),
      );
    }
  });
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  const seedMs = performance.now() - seedStart;
  const answerRows = (sqlite.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n;
  const aggregateRows = (sqlite.prepare("SELECT COUNT(*) AS n FROM aggregates").get() as { n: number }).n;

  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  function time(runs: number, warmup: number, fn: () => unknown): number {
    for (let i = 0; i < warmup; i++) fn();
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      out.push(performance.now() - t);
    }
    return median(out);
  }

  const results = loadResults(study, {});
  if (results.status !== "ok" || results.results.n !== responsesWanted) throw new Error("dashboard data is wrong");
  const dashboardMs = time(25, 3, () => loadResults(study, {}));
  const fullDashboardMs = time(25, 3, () => loadDashboard(study, {}));
  const filteredMs = time(25, 3, () => loadResults(study, { segment: "Branch A", from: "2026-02-01", to: "2026-02-28" }));

  const naive = sqlite.prepare(
    `SELECT a.item_id, avg(a.expected), avg(a.perceived), count(*) FROM answers a JOIN responses r ON r.id = a.response_id
     WHERE r.study_id = ? AND r.perspective = 'customer' AND r.status = 'submitted' AND a.expected IS NOT NULL
     GROUP BY a.item_id`,
  );
  const naiveRows = naive.all(study.id) as unknown[];
  if (naiveRows.length !== 26) throw new Error("naive scan is wrong");
  const naiveMs = time(5, 1, () => naive.all(study.id));

  const followUpMs = time(3, 1, () => largestShortfalls({ studyId: study.id }, [], { limit: 50, includeFollowedUp: false }));
  const recomputeStart = performance.now();
  recomputeStudyAggregates(study.id);
  const recomputeMs = performance.now() - recomputeStart;

  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(`Seeded ${responsesWanted.toLocaleString("en")} responses × ${items.length} items (${answerRows.toLocaleString("en")} answer rows, ${aggregateRows.toLocaleString("en")} aggregate rows, ${buckets.size} buckets) in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`dashboard data, loadResults (median of 25):          ${f(dashboardMs)}`);
  console.log(`dashboard data + trend + filter lists (median of 25): ${f(fullDashboardMs)}`);
  console.log(`loadResults with segment + month filter (median of 25): ${f(filteredMs)}`);
  console.log(`naive GROUP BY over raw answers (median of 5):        ${f(naiveMs)}`);
  console.log(`ratio naive / dashboard data:                         ${(naiveMs / dashboardMs).toFixed(0)}×`);
  console.log(`follow-up list, top 50 shortfalls (median of 3):      ${f(followUpMs)}`);
  console.log(`recompute from raw answers (once):                    ${f(recomputeMs)}`);
  const ok = dashboardMs < 20 && naiveMs / dashboardMs >= 50;
  console.log(ok ? "Target met: under 20 ms and at least 50× faster." : "Target NOT met (under 20 ms and ≥ 50× faster).");
  sqlite.close();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
