// The API's write path against the framework's own weight (issue 15), on
// each engine, one server per engine, all figures from the same run:
//   1. one-response submits: 30 clients posting one 24-item response each
//      (POST /api/v1/studies/{id}/responses) next to 30 clients calling the
//      empty /api/health route, in alternating rounds; medians of the rounds
//      and their ratio (aim: submits ≥ 50% of health);
//   2. a 5,000-response batch: /api/health probed every 50 ms with no batch
//      running, then while one client posts the batch; the probe's
//      p50/p99/max both times and how long the batch took (aim: p99 < 100 ms,
//      max < 250 ms).
//
//   npx tsx bench/submit.ts [--rounds 5] [--seconds 3] [--batches 1]
//
// BENCH_CPU_PROF=DIR writes the servers' CPU profiles there (node --cpu-prof).
// Uses the build in NEXT_DIST_DIR (default .next; npm run bench builds it).
// PostgreSQL: LOAD_PG_URL (default postgres://root@127.0.0.1:5432/test); a
// throwaway database is made there and dropped.

import { spawn, type ChildProcess } from "node:child_process";
import { nextStartArgs } from "@/scripts/next-server.mjs";
import { closedLoopRate } from "./closed-loop";
import { getStatus, postJson } from "./http-post";
import { perEngine } from "./per-engine";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const rounds = option("rounds", 5);
const seconds = option("seconds", 3);
const batches = option("batches", 1);
const clients = 30;
const itemsPerResponse = 24;
const batchSize = 5_000;
const probeEveryMs = 50;
const distDir = process.env.NEXT_DIST_DIR ?? ".next";

type Probe = { p50: number; p99: number; max: number; n: number };
type Figures = {
  items: number;
  health: number[];
  submit: number[];
  failures: number;
  idleProbe: Probe;
  batches: { seconds: number; status: number; probe: Probe }[];
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;

async function startServer(port: number, databaseUrl: string): Promise<ChildProcess> {
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, nextStartArgs({ port, host: "127.0.0.1", nodeFlags: profile }), {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      API_RATE_LIMIT_PER_MINUTE: "100000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not start");
}

const rate = (send: (n: number) => Promise<boolean>, ms: number) => closedLoopRate(clients, ms, send);

/** Probes /api/health every 50 ms (one at a time) until `stop` resolves; latencies in ms. */
async function probe(base: string, stop: Promise<unknown>): Promise<Probe> {
  let stopped = false;
  void stop.finally(() => (stopped = true));
  const times: number[] = [];
  while (!stopped) {
    const started = performance.now();
    await (await fetch(`${base}/api/health`)).arrayBuffer();
    const took = performance.now() - started;
    times.push(took);
    if (took < probeEveryMs) await new Promise((r) => setTimeout(r, probeEveryMs - took));
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? NaN, n: sorted.length };
}

function answersFor(items: { id: string }[], n: number) {
  return items.map((item, i) =>
    (n + i) % 17 === 0
      ? { item: item.id, expected: null, perceived: null }
      : { item: item.id, expected: 4 + ((n * 7 + i * 3) % 4), perceived: 2 + ((n * 5 + i) % 6) },
  );
}

async function measure(): Promise<Figures> {
  const { closeDatabase } = await import("@/db/client");
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("submit");
  process.env.DATABASE_URL = testDb.url;
  const { applyMigrations } = await import("@/db/migrate");
  await applyMigrations();
  const { createOwner, createApiKey } = await import("@/lib/accounts/accounts");
  const { makePublishedStudy } = await import("@/lib/survey/fixture-study");
  const owner = await createOwner({ email: "submit@example.test", password: "submit bench password", workspace: "Submit" });
  const { key } = await createApiKey(owner.workspaceId, "manager", "bench");
  const fixture = await makePublishedStudy({ workspaceId: owner.workspaceId });
  const items = fixture.snapshot.criteria.flatMap((c) => c.items.map((i) => ({ id: i.id }))).slice(0, itemsPerResponse);
  await closeDatabase();

  const port = 3420 + (process.env.SUBMIT_BENCH_ENGINE === "postgres" ? 1 : 0);
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port, testDb.url);
  const url = `${base}/api/v1/studies/${fixture.studyId}/responses`;
  const headers = { authorization: `Bearer ${key}` };
  let sent = 0;
  // Both routes through node:http on kept-alive sockets (./http-post.ts):
  // the generator shares the two cores with the server, and fetch's extra
  // CPU per request (more for the submit's larger body) would be taken from
  // the server it measures.
  const submit = async (prefix: string) => {
    const n = sent++;
    const body = Buffer.from(
      JSON.stringify({ responses: [{ id: `${prefix}-${n}`, segment: ["A", "B", "C"][n % 3], answers: answersFor(items, n) }] }),
    );
    return (await postJson(url, headers, body)) === 201;
  };
  const health = async () => (await getStatus(`${base}/api/health`)) === 200;
  try {
    // Warm both routes (compilation of route modules, caches, connections,
    // and the JIT: one second left the first rounds of the empty route well
    // below its later ones).
    for (let w = 0; w < 2; w++) {
      await rate(() => health(), 2000);
      await rate(() => submit("warm"), 2000);
    }
    const figures: Figures = { items: items.length, health: [], submit: [], failures: 0, idleProbe: { p50: 0, p99: 0, max: 0, n: 0 }, batches: [] };
    for (let r = 0; r < rounds; r++) {
      const h = await rate(() => health(), seconds * 1000);
      const s = await rate(() => submit(`round${r}`), seconds * 1000);
      figures.health.push(h.perSecond);
      figures.submit.push(s.perSecond);
      figures.failures += h.failures + s.failures;
    }

    figures.idleProbe = await probe(base, new Promise((r) => setTimeout(r, 5000)));
    for (let b = 0; b < batches; b++) {
      // Encoded before the clock starts: turning 7 MB of text into bytes
      // would hold up this process's probe, not the server.
      const body = Buffer.from(
        JSON.stringify({
          responses: Array.from({ length: batchSize }, (_, n) => ({
            id: `batch${b}-${n}`,
            segment: ["A", "B", "C"][n % 3],
            answers: answersFor(items, n),
          })),
        }),
      );
      const started = performance.now();
      const post = postJson(url, headers, body);
      const [probeFigures, status] = await Promise.all([probe(base, post), post]);
      figures.batches.push({ seconds: (performance.now() - started) / 1000, status, probe: probeFigures });
    }
    return figures;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await testDb.drop();
  }
}

async function main() {
  const runs = await perEngine("bench/submit.ts", "SUBMIT_BENCH_ENGINE", measure, args);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `One-response submits (${itemsPerResponse} items) vs the empty /api/health route, ${clients} clients, ${rounds} rounds of ${seconds} s each`,
  );
  console.log(
    "| engine | /api/health (median) | submits (median) | submits ÷ health (of the medians; median of the rounds' ratios) | rounds: health / submits (requests/s) | failed |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const run of runs) {
    if (run.status !== "ok") {
      console.log(`| ${run.engine} | ${run.status}: ${run.reason} |`);
      continue;
    }
    const f = run.figures;
    const h = median(f.health);
    const s = median(f.submit);
    const each = f.health.map((x, i) => `${x.toFixed(0)}/${f.submit[i].toFixed(0)}`).join(", ");
    console.log(
      `| ${run.engine} | ${h.toFixed(0)}/s | ${s.toFixed(0)}/s | ${((s / h) * 100).toFixed(0)}%; ${(median(f.submit.map((x, i) => x / f.health[i])) * 100).toFixed(0)}% (aim ≥ 50%) | ${each} | ${f.failures} |`,
    );
  }
  console.log("");
  console.log(
    `/api/health probed every ${probeEveryMs} ms: idle, and while one client posts a ${batchSize.toLocaleString("en")}-response batch (aim p99 < 100 ms, max < 250 ms)`,
  );
  console.log("| engine | probe, no batch: p50 / p99 / max | probe during the batch: p50 / p99 / max | batch took | batch status |");
  console.log("|---|---|---|---|---|");
  for (const run of runs) {
    if (run.status !== "ok") continue;
    const f = run.figures;
    const idle = `${ms(f.idleProbe.p50)} / ${ms(f.idleProbe.p99)} / ${ms(f.idleProbe.max)}`;
    for (const b of f.batches) {
      console.log(
        `| ${run.engine} | ${idle} | ${ms(b.probe.p50)} / ${ms(b.probe.p99)} / ${ms(b.probe.max)} (${b.probe.n} probes) | ${b.seconds.toFixed(1)} s | ${b.status} |`,
      );
    }
  }
  const failed = runs.some((r) => r.status === "failed" || (r.status === "ok" && r.figures.batches.some((b) => b.status !== 201)));
  process.exit(failed ? 1 : 0);
}

void main();
