// Export benchmark (issue 15): a study of 100,000 customer responses of 24
// items exported through the real code path (exportStudy, the function both
// export routes call), each case in a process of its own so that its peak
// RSS is its own. Cases: long CSV, wide CSV and XLSX streamed in pages of
// 500 to a client that reads as fast as it can; the long CSV again with the
// JavaScript heap capped at 64 MB (it finishes only if the export never holds
// the study: the file alone is ≈ 180 MB); and an XLSX download whose client
// stops reading for 3 s and then leaves (the writer must stop too).
// RSS growth includes garbage V8 has not yet collected, so read it as an
// upper bound; the capped run is the proof that memory stays flat.
//
//   npx tsx bench/export.ts [responses] [--engine sqlite|postgres]   (default 100,000 on SQLite)

import { spawnSync } from "node:child_process";

type Case = { label: string; format: "long" | "wide" | "xlsx"; client: "fast" | "stall"; heapMb?: number };
type Figures = { ms: number; bytes: number; rssBeforeMb: number; peakGrowthMb: number };

const cases: Case[] = [
  { label: "long CSV", format: "long", client: "fast" },
  { label: "wide CSV", format: "wide", client: "fast" },
  { label: "XLSX", format: "xlsx", client: "fast" },
  { label: "long CSV, heap capped at 64 MB", format: "long", client: "fast", heapMb: 64 },
  { label: "XLSX, client stalls 3 s then leaves", format: "xlsx", client: "stall" },
];
const stallMs = 3_000;
const mb = (bytes: number) => bytes / 1024 / 1024;

async function child(c: Case, workspaceId: string, studyId: string): Promise<Figures> {
  const client = await import("@/db/client");
  const { findStudy } = await import("@/db/queries/studies");
  const { exportStudy } = await import("@/lib/exports/export-response");
  const study = (await findStudy(client.getDb(), workspaceId, studyId))!;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  const outcome = await exportStudy(study, c.format, {}, "en");
  if (!outcome.ok) throw new Error(outcome.reason);
  let bytes = 0;
  const reader = outcome.response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.byteLength;
    if (c.client === "stall") {
      await new Promise((resolve) => setTimeout(resolve, stallMs));
      peak = Math.max(peak, process.memoryUsage().rss);
      await reader.cancel();
      break;
    }
  }
  const ms = performance.now() - start;
  clearInterval(sample);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  return { ms, bytes, rssBeforeMb: mb(rssBefore), peakGrowthMb: mb(peak - rssBefore) };
}

async function parent(responsesWanted: number, engine: "sqlite" | "postgres") {
  process.env.DATABASE_URL = engine === "postgres" ? (process.env.LOAD_PG_URL ?? "postgres://root@127.0.0.1:5432/test") : "";
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("export");
  process.env.DATABASE_URL = testDb.url;
  const { closeDatabase } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { makePublishedStudy } = await import("@/lib/survey/fixture-study");
  const { seedCustomerResponses } = await import("./seed-responses");
  try {
    await applyMigrations();
    const fixture = await makePublishedStudy({
      criteria: Array.from({ length: 6 }, (_, c) => ({
        key: `c${c}`,
        name: { en: `Criterion ${c}` },
        weight: [25, 20, 15, 20, 10, 10][c],
        items: Array.from({ length: 4 }, (_, i) => ({ key: `c${c}i${i}`, text: { en: `Item ${c}.${i}` }, reverse: i === 3 })),
      })),
    });
    const items = fixture.snapshot.criteria.flatMap((c) => c.items).length;
    const { seedMs } = await seedCustomerResponses(fixture.studyId, { id: fixture.versionId, snapshot: fixture.snapshot }, responsesWanted);
    await closeDatabase();
    console.log(
      `${engine}: seeded ${responsesWanted.toLocaleString("en")} responses × ${items} items in ${(seedMs / 1000).toFixed(1)} s; each case in a fresh process\n`,
    );
    console.log("| case | time | responses/s | file | RSS before | peak RSS growth |");
    console.log("|---|---:|---:|---:|---:|---:|");
    let failed = 0;
    for (const c of cases) {
      const run = spawnSync(
        process.execPath,
        [
          ...(c.heapMb ? [`--max-old-space-size=${c.heapMb}`] : []),
          "--expose-gc",
          "--import",
          "tsx",
          "bench/export.ts",
          "--child",
          JSON.stringify(c),
          fixture.workspaceId,
          fixture.studyId,
        ],
        {
          env: { ...process.env, DATABASE_URL: testDb.url },
          encoding: "utf8",
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      if (run.status !== 0) {
        failed++;
        console.log(`| ${c.label} | failed: ${(run.stderr || run.stdout).trim().split("\n").slice(-3).join(" ")} |`);
        continue;
      }
      const f = JSON.parse(run.stdout.trim().split("\n").pop()!) as Figures;
      const rate = c.client === "stall" ? "–" : Math.round(responsesWanted / (f.ms / 1000)).toLocaleString("en");
      const time = c.client === "stall" ? `${(f.ms / 1000).toFixed(1)} s (stalled)` : `${(f.ms / 1000).toFixed(1)} s`;
      const file = c.client === "stall" ? `${f.bytes.toLocaleString("en")} bytes read` : `${mb(f.bytes).toFixed(1)} MB`;
      console.log(`| ${c.label} | ${time} | ${rate} | ${file} | ${f.rssBeforeMb.toFixed(0)} MB | ${f.peakGrowthMb.toFixed(0)} MB |`);
    }
    return failed;
  } finally {
    await closeDatabase();
    await testDb.drop();
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  const [, spec, workspaceId, studyId] = args;
  child(JSON.parse(spec) as Case, workspaceId, studyId).then(
    (figures) => {
      console.log(JSON.stringify(figures));
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  const engineAt = args.indexOf("--engine");
  const engine = engineAt >= 0 && args[engineAt + 1] === "postgres" ? "postgres" : "sqlite";
  const size = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--engine") ?? 100_000);
  parent(size, engine).then(
    (failed) => process.exit(failed > 0 ? 1 : 0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
