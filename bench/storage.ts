// Bytes per response on both engines: the growth of the database over 5,000
// customer responses of a 24-item questionnaire (six criteria of four items),
// spread over 300 days and three branches, stored through the real write
// path (response, packed answers, aggregates) in transactions of 100.
// SQLite: the file's pages after a checkpoint; PostgreSQL: the total size
// (tables, indexes, TOAST) of every table, with a VACUUM after every 500
// responses standing in for autovacuum (each submit rewrites its bucket's
// row, and a real installation spreads those rewrites over months), and
// after VACUUM FULL (compacted).
//
//   npx tsx bench/storage.ts            both engines (PostgreSQL when it answers)
//   STORAGE_ENGINE=sqlite|postgres …     one engine (what the parent runs)

import { spawnSync } from "node:child_process";

const responses = Number(process.env.STORAGE_RESPONSES ?? 5_000);
const days = 300;
const segments = ["Airport", "Harbour", "Old Town"];

async function measure() {
  const { sql } = await import("drizzle-orm");
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("storage");
  process.env.DATABASE_URL = testDb.url;
  const { closeDatabase, currentEngine, getDb, rawAll, sqliteConnection, transaction } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  await applyMigrations();
  const { makePublishedStudy } = await import("@/lib/survey/fixture-study");
  const { storeCustomerResponse } = await import("@/lib/responses/store-customer");

  const fixture = await makePublishedStudy({
    segments,
    criteria: Array.from({ length: 6 }, (_, c) => ({
      key: `c${c}`,
      name: { en: `Criterion ${c}` },
      weight: [25, 20, 15, 20, 10, 10][c],
      items: Array.from({ length: 4 }, (_, i) => ({ key: `c${c}i${i}`, text: { en: `Item ${c}.${i}` }, reverse: i === 3 })),
    })),
  });
  const items = fixture.snapshot.criteria.flatMap((c) => c.items);
  if (items.length !== 24) throw new Error(`expected 24 items, got ${items.length}`);

  const size = async (): Promise<number> => {
    if (currentEngine() === "sqlite") {
      const sqlite = sqliteConnection();
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      return Number(sqlite.pragma("page_count", { simple: true })) * Number(sqlite.pragma("page_size", { simple: true }));
    }
    const [row] = await rawAll<{ bytes: string }>(
      getDb(),
      sql`SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    return Number(row.bytes);
  };
  const vacuum = async (full: boolean) => {
    if (currentEngine() !== "postgres") return;
    const { pgPool } = await import("@/db/client");
    await pgPool().query(full ? "VACUUM FULL" : "VACUUM");
  };

  await vacuum(false);
  const before = await size();
  const start = Date.UTC(2026, 0, 1);
  for (let batch = 0; batch < responses; batch += 100) {
    await transaction(async (tx) => {
      for (let n = batch; n < Math.min(responses, batch + 100); n++) {
        const submittedAt = start + Math.floor((n / responses) * days) * 86_400_000 + (n % 86_400) * 1000;
        await storeCustomerResponse(
          {
            studyId: fixture.studyId,
            versionId: fixture.versionId,
            snapshot: fixture.snapshot,
            segment: segments[n % 3],
            language: "en",
            source: "api",
            submittedAt,
            weights: null,
            comments: [],
            answers: items.map((item, i) => ({ itemId: item.id, expected: 4 + ((n * 7 + i * 3) % 4), perceived: 2 + ((n * 5 + i) % 6) })),
          },
          tx,
        );
      }
    });
    if ((batch + 100) % 500 === 0) await vacuum(false);
  }
  await vacuum(false);
  const after = await size();
  await vacuum(true);
  const compacted = await size();
  const engine = currentEngine();
  if (process.env.STORAGE_DETAIL && engine === "postgres") {
    const detail = await rawAll<{ name: string; bytes: string }>(
      getDb(),
      sql`SELECT c.relname AS name, pg_relation_size(c.oid)::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't') ORDER BY 2 DESC LIMIT 12`,
    );
    for (const d of detail) console.error(`${d.name}\t${(Number(d.bytes) / responses).toFixed(0)} B/response`);
  }
  await closeDatabase();
  await testDb.drop();
  return { engine, perResponse: (after - before) / responses, compactedPerResponse: (compacted - before) / responses, total: after - before };
}

if (process.env.STORAGE_ENGINE) {
  measure().then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  const pgUrl = process.env.LOAD_PG_URL ?? process.env.E2E_PG_URL ?? "postgres://root@127.0.0.1:5432/test";
  console.log(
    `| engine | bytes per 24-item response (${responses.toLocaleString("en")} responses, ${days} days, ${segments.length} branches) | compacted | aim |`,
  );
  console.log("|---|---|---|---|");
  let failed = 0;
  for (const engine of ["sqlite", "postgres"] as const) {
    const env = { ...process.env, STORAGE_ENGINE: engine, DATABASE_URL: engine === "postgres" ? pgUrl : "" };
    const child = spawnSync(process.execPath, ["--import", "tsx", "bench/storage.ts"], { env, encoding: "utf8" });
    if (child.status !== 0) {
      console.log(`| ${engine} | failed: ${(child.stderr || child.stdout).trim().split("\n").slice(-3).join(" ")} | | |`);
      failed++;
      continue;
    }
    const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as { perResponse: number; compactedPerResponse: number };
    console.log(
      `| ${engine} | ${r.perResponse.toFixed(0)} B | ${r.compactedPerResponse.toFixed(0)} B | ≤ 1,024 B ${r.perResponse <= 1024 ? "✓" : "✗"} |`,
    );
  }
  process.exit(failed > 0 ? 1 : 0);
}
