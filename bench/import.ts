// A large import while the server keeps answering: a wide CSV of 100,000
// responses to a 24-item study (3 branches over 300 days, a comment column
// per criterion: about 50 MB) posted to the import API of the built server,
// while /api/health is probed every 50 ms. Prints, per engine, the probe's
// p50/p99/max before the import (the empty route at rest) and during it, the
// import rate (responses/s, upload to visible), and the server's peak RSS.
//
//   npx tsx bench/import.ts [--rows N]      (npm run bench runs it at 100,000)

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { nextStartArgs } from "@/scripts/next-server.mjs";
import { perEngine } from "./per-engine";

const rowsArg = process.argv.indexOf("--rows");
const rows = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const port = Number(process.env.IMPORT_BENCH_PORT ?? 3460);

type Probe = { p50: number; p99: number; max: number; n: number };
type Figures = {
  rows: number;
  megabytes: number;
  seconds: number;
  rate: number;
  rssBeforeMb: number;
  peakRssMb: number;
  rest: Probe;
  during: Probe;
  accepted: number;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Probes `url` every 50 ms (one request at a time) until stop() is called. */
function probe(url: string) {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(url).then((r) => r.arrayBuffer());
      const took = performance.now() - started;
      latencies.push(took);
      await sleep(Math.max(0, 50 - took));
    }
  })();
  return {
    async stop(): Promise<Probe> {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], n: sorted.length };
    },
  };
}

/** Resident memory of a process in MB: now (VmRSS) and its peak so far (VmHWM). */
function memoryOf(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

async function measure(): Promise<Figures> {
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("importbench");
  process.env.DATABASE_URL = testDb.url;
  const { applyMigrations } = await import("@/db/migrate");
  const { closeDatabase } = await import("@/db/client");
  await applyMigrations();
  const { createOwner, createApiKey } = await import("@/lib/accounts/accounts");
  const { makePublishedStudy } = await import("@/lib/survey/fixture-study");
  const { wideCsvLines } = await import("@/lib/imports/test-files");
  const segments = ["Airport", "Downtown", "Harbour"];
  const owner = await createOwner({ email: "import@example.test", password: "import bench password", workspace: "Import" });
  const { key } = await createApiKey(owner.workspaceId, "manager", "import");
  const study = await makePublishedStudy({ workspaceId: owner.workspaceId, segments });
  await closeDatabase();

  // The file on disk, written line by line.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gapwise-import-")), "wide.csv");
  const out = fs.createWriteStream(file);
  for (const line of wideCsvLines(study.snapshot, rows, { segments, comments: true, from: Date.UTC(2026, 0, 1), days: 300 }))
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const bytes = fs.statSync(file).size;

  let server: ChildProcess | undefined;
  try {
    server = spawn(process.execPath, nextStartArgs({ port, host: "127.0.0.1" }), {
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", API_RATE_LIMIT_PER_MINUTE: "100000" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("the server did not start");
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(100);
    }
    // Warm the routes (health, and the import and job routes with a one-row
    // file: a route's code loads on its first request), then the probe at rest.
    for (let i = 0; i < 20; i++) await fetch(`${base}/api/health`);
    const lines = wideCsvLines(study.snapshot, 1, { segments, idPrefix: "warm-" });
    const warm = await fetch(`${base}/api/v1/studies/${study.studyId}/imports?dryRun=1`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
      body: [...lines].join(""),
    });
    const warmJob = ((await warm.json()) as { job: string }).job;
    for (let i = 0; i < 100; i++) {
      const state = (
        (await (await fetch(`${base}/api/v1/jobs/${warmJob}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { state: string }
      ).state;
      if (state !== "queued" && state !== "running") break;
      await sleep(100);
    }
    const atRest = probe(`${base}/api/health`);
    await sleep(3_000);
    const rest = await atRest.stop();
    const before = memoryOf(server.pid!);

    const during = probe(`${base}/api/health`);
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(server!.pid!).rss)), 100);
    const started = performance.now();
    const posted = await fetch(`${base}/api/v1/studies/${study.studyId}/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
      body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    if (posted.status !== 202) throw new Error(`import refused: ${posted.status} ${await posted.text()}`);
    const { job } = (await posted.json()) as { job: string };
    let state = "queued";
    let result: { accepted?: number } | null = null;
    let problems: unknown[] = [];
    while (state === "queued" || state === "running") {
      await sleep(250);
      const body = (await (await fetch(`${base}/api/v1/jobs/${job}`, { headers: { authorization: `Bearer ${key}` } })).json()) as {
        state: string;
        result: { accepted?: number } | null;
        problems: unknown[];
      };
      ({ state, result, problems } = body);
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const duringImport = await during.stop();
    if (state !== "succeeded") throw new Error(`import ${state}: ${JSON.stringify(problems).slice(0, 500)}`);
    return {
      rows,
      megabytes: bytes / 1024 / 1024,
      seconds,
      rate: (result?.accepted ?? 0) / seconds,
      rssBeforeMb: before.rss,
      // VmHWM: the true peak, which a 100 ms sampler could miss.
      peakRssMb: Math.max(peak, memoryOf(server.pid!).peak),
      rest,
      during: duringImport,
      accepted: result?.accepted ?? 0,
    };
  } finally {
    server?.kill("SIGTERM");
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    await testDb.drop().catch(() => {});
  }
}

async function report() {
  const runs = await perEngine("bench/import.ts", "IMPORT_BENCH_ENGINE", measure, process.argv.slice(2));
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `Import of ${rows.toLocaleString("en")} responses (24 items, wide CSV with comments) through the API, /api/health probed every 50 ms\n`,
  );
  console.log("| engine | file | import | rate | server RSS before → peak | probe at rest p50 / p99 / max | probe during import p50 / p99 / max |");
  console.log("|---|---|---|---|---|---|---|");
  for (const run of runs) {
    if (run.status !== "ok") {
      console.log(`| ${run.engine} | ${run.status}: ${run.reason} |`);
      continue;
    }
    const f = run.figures;
    console.log(
      `| ${run.engine} | ${f.megabytes.toFixed(1)} MB | ${f.seconds.toFixed(1)} s | ${f.rate.toFixed(0)} responses/s | ${f.rssBeforeMb.toFixed(0)} → ${f.peakRssMb.toFixed(0)} MB | ${ms(f.rest.p50)} / ${ms(f.rest.p99)} / ${ms(f.rest.max)} | ${ms(f.during.p50)} / ${ms(f.during.p99)} / ${ms(f.during.max)} (${f.during.n} probes) |`,
    );
  }
  console.log("\nAims (issue 15): p99 during < 100 ms, max < 250 ms; ≥ 2,000 responses/s on SQLite; peak RSS ≤ 400 MB for a 50 MB file.");
  if (runs.some((r) => r.status === "failed")) process.exit(1);
}

void report();
