// Load, crash and backup check (issue G): starts the built server on a fresh
// database and sends survey submissions through the REST API from many
// concurrent clients over loopback, then checks that every acknowledged
// response is stored exactly once and the aggregates equal a recompute; kills
// the server with SIGKILL mid-load, restarts it and checks integrity and that
// nothing acknowledged was lost; takes a backup while submissions run. Also
// measures a bare better-sqlite3 insert loop (the ceiling) in the same run.
//
//   npx tsx bench/load.ts            full size: 10,000 submissions, 50 clients
//   npx tsx bench/load.ts --quick    CI size: 1,000 submissions, 20 clients
//
// Exits non-zero when a check fails. Traffic goes to 127.0.0.1 only, and every
// loop is bounded in count and time.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const quick = process.argv.includes("--quick");
const submissions = quick ? 1_000 : 10_000;
const clients = quick ? 20 : 50;
const crashSubmissions = quick ? 400 : 2_000;
const port = Number(process.env.LOAD_PORT ?? 3390);
const base = `http://127.0.0.1:${port}`;
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const deadline = Date.now() + (quick ? 5 : 15) * 60_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-load-"));
const dbFile = path.join(dir, "app.db");
process.env.DATABASE_URL = `file:${dbFile}`;

const checks: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = "") {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function ensureBuild() {
  if (fs.existsSync(path.join(distDir, "BUILD_ID"))) return;
  console.log(`No build in ${distDir}: building once…`);
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", API_RATE_LIMIT_PER_MINUTE: "100000000", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill("SIGKILL");
  throw new Error("the server did not start");
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

type Item = { key: string };
function answersFor(items: Item[], n: number) {
  // Deterministic, varied ratings; every 17th pair N/A.
  return items.map((item, i) => {
    if ((n + i) % 17 === 0) return { item: item.key, expected: null, perceived: null };
    return { item: item.key, expected: 4 + ((n * 7 + i * 3) % 4), perceived: 2 + ((n * 5 + i) % 6) };
  });
}

/** Sends `total` single-response submissions from `concurrency` clients; returns the acknowledged ids and latencies. */
async function load(opts: { studyId: string; key: string; items: Item[]; total: number; concurrency: number; prefix: string; onAck?: (acked: number) => void; stop?: () => boolean }) {
  const acked: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < opts.total && Date.now() < deadline && !opts.stop?.()) {
      const n = next++;
      const id = `${opts.prefix}-${n}`;
      const body = JSON.stringify({ responses: [{ id, segment: ["A", "B", "C"][n % 3], answers: answersFor(opts.items, n) }] });
      const started = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/studies/${opts.studyId}/responses`, {
          method: "POST",
          headers: { authorization: `Bearer ${opts.key}`, "content-type": "application/json" },
          body,
        });
        await res.arrayBuffer();
        if (res.status === 201) {
          latencies.push(performance.now() - started);
          acked.push(id);
          opts.onAck?.(acked.length);
        } else failures++;
      } catch {
        failures++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return { acked, latencies, failures, seconds: (performance.now() - started) / 1000 };
}

/** The bare ceiling: one transaction per response, raw prepared statements, same schema. */
function ceiling(total: number, itemsPerResponse: number) {
  const file = path.join(dir, "ceiling.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE r (id TEXT PRIMARY KEY, at INTEGER); CREATE TABLE a (r TEXT, item TEXT, e INTEGER, p INTEGER, PRIMARY KEY (r, item));");
  const insertR = db.prepare("INSERT INTO r VALUES (?, ?)");
  const insertA = db.prepare("INSERT INTO a VALUES (?, ?, ?, ?)");
  const one = db.transaction((n: number) => {
    insertR.run(`r${n}`, Date.now());
    for (let i = 0; i < itemsPerResponse; i++) insertA.run(`r${n}`, `i${i}`, 5, 4);
  });
  const started = performance.now();
  for (let n = 0; n < total; n++) one(n);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return total / seconds;
}

async function main() {
  ensureBuild();
  const { getConnection } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { createOwner, createApiKey } = await import("@/lib/accounts/accounts");
  const { createStudy } = await import("@/lib/studies/create-study");
  const { publishDraft } = await import("@/lib/studies/publish");
  const { studyCreateSchema } = await import("@/lib/validation/study");
  applyMigrations(getConnection().db);
  const owner = await createOwner({ email: "load@example.test", password: "load test password", workspace: "Load" });
  const { key } = createApiKey(owner.workspaceId, "manager", "load");
  const sizes = [4, 4, 4, 4, 5, 5];
  const study = createStudy(
    owner.workspaceId,
    studyCreateSchema.parse({
      name: "Load",
      provider: "Load Hotel",
      criteria: sizes.map((size, c) => ({
        key: `c${c}`,
        name: { en: `C${c}` },
        weight: [25, 20, 15, 20, 10, 10][c],
        items: Array.from({ length: size }, (_, i) => ({ key: `c${c}i${i}`, text: { en: `I${c}.${i}` }, reverse: i === 1 })),
      })),
    }),
  );
  if (!publishDraft(owner.workspaceId, study.id, owner.userId).ok) throw new Error("publish failed");
  const items = study.criteria.flatMap((c) => c.items);
  // The bench process keeps no connection open while the server writes.
  getConnection().sqlite.close();
  const readDb = () => new Database(dbFile, { readonly: true });

  let server = await startServer();
  try {
    // ── Load, with a backup taken halfway ────────────────────────────────
    let backup: Promise<number | null> | null = null;
    const backupFile = path.join(dir, "backup.db");
    const run = await load({
      studyId: study.id,
      key,
      items,
      total: submissions,
      concurrency: clients,
      prefix: "load",
      onAck: (n) => {
        if (n === Math.floor(submissions / 2) && !backup) {
          backup = new Promise((resolve) => {
            const child = spawn(process.execPath, ["--import", "tsx", "cli/index.ts", "backup", backupFile], { env: process.env, stdio: "ignore" });
            child.on("exit", (code) => resolve(code));
          });
        }
      },
    });
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const throughput = run.acked.length / run.seconds;
    check("every submission acknowledged", run.acked.length === submissions && run.failures === 0, `${run.acked.length} of ${submissions}, ${run.failures} failed`);

    const db = readDb();
    const stored = (db.prepare("SELECT count(*) AS n, count(DISTINCT client_id) AS d FROM responses WHERE study_id = ? AND status = 'submitted'").get(study.id)) as { n: number; d: number };
    check("each acknowledged response stored exactly once", stored.n === run.acked.length && stored.d === run.acked.length, `${stored.n} rows, ${stored.d} distinct`);
    db.close();

    const backupCode = await (backup ?? Promise.resolve(null));
    if (backupCode === null) check("backup under load", false, "no backup was started");
    else {
      const copy = new Database(backupFile, { readonly: true });
      const integrity = copy.pragma("integrity_check", { simple: true });
      const n = (copy.prepare("SELECT count(*) AS n FROM responses").get() as { n: number }).n;
      copy.close();
      check("backup under load opens and passes integrity_check", backupCode === 0 && integrity === "ok" && n > 0, `exit ${backupCode}, ${integrity}, ${n} responses in the copy`);
    }

    // ── Crash: SIGKILL mid-load, restart, nothing acknowledged lost ──────
    let killed = false;
    const crash = load({
      studyId: study.id,
      key,
      items,
      total: crashSubmissions,
      concurrency: clients,
      prefix: "crash",
      stop: () => killed,
      onAck: (n) => {
        if (n === Math.floor(crashSubmissions / 2) && !killed) {
          killed = true;
          server.kill("SIGKILL");
        }
      },
    });
    const crashed = await crash;
    await exited(server);
    server = await startServer();
    const after = readDb();
    const integrity = after.pragma("integrity_check", { simple: true });
    check("integrity_check after SIGKILL", integrity === "ok", String(integrity));
    const present = after.prepare("SELECT count(*) AS n FROM responses WHERE study_id = ? AND client_id = ? AND status = 'submitted'");
    const lost = [...run.acked, ...crashed.acked].filter((id) => (present.get(study.id, id) as { n: number }).n !== 1);
    check("no acknowledged response lost across the kill", lost.length === 0, `${crashed.acked.length} acknowledged before the kill, ${lost.length} missing`);
    after.close();

    // ── Aggregates equal a recompute from the raw answers ────────────────
    server.kill("SIGTERM");
    await exited(server);
    const { getConnection: reopen } = await import("@/db/client");
    delete (globalThis as { __gapmodelDb?: unknown }).__gapmodelDb;
    reopen();
    const { sumCustomerEntries } = await import("@/db/queries/aggregates");
    const { recomputeStudyAggregates } = await import("@/lib/results/recompute");
    const key_ = (e: { key: string }) => e.key;
    const before = new Map(sumCustomerEntries({ studyId: study.id }).map((e) => [key_(e), e]));
    recomputeStudyAggregates(study.id);
    const rebuilt = sumCustomerEntries({ studyId: study.id });
    const worst = rebuilt.reduce((max, e) => {
      const b = before.get(e.key);
      if (!b) return Infinity;
      return Math.max(max, Math.abs(b.n - e.n), Math.abs(b.sum - e.sum) / Math.max(1, Math.abs(e.sum)), Math.abs(b.sumSq - e.sumSq) / Math.max(1, Math.abs(e.sumSq)));
    }, 0);
    check("aggregates equal a recompute after load and crash", rebuilt.length === before.size && worst < 1e-9, `${rebuilt.length} keys, largest relative difference ${worst.toExponential(2)}`);

    const ceilingRate = ceiling(quick ? 2_000 : 10_000, items.length);
    console.log("");
    console.log("| measure | value |");
    console.log("|---|---|");
    console.log(`| submissions (one response of ${items.length} items each) | ${run.acked.length} from ${clients} concurrent clients |`);
    console.log(`| throughput through the server | ${throughput.toFixed(0)} responses/s |`);
    console.log(`| latency p50 / p99 | ${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms |`);
    console.log(`| bare better-sqlite3 insert loop (ceiling) | ${ceilingRate.toFixed(0)} responses/s |`);
    console.log(`| ratio to the ceiling | ${(throughput / ceilingRate).toFixed(3)} (aim ≥ 0.2) |`);
    console.log("");
  } finally {
    if (server.exitCode === null && !server.killed) server.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`load: ${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
