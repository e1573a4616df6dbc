// Load, crash and several-instance check. Starts the built server — one
// instance on SQLite, two (or LOAD_INSTANCES) on PostgreSQL, all on one fresh
// database — and sends survey submissions through the REST API from many
// concurrent clients, round-robin over the instances. Checks that every
// acknowledged response is stored exactly once and the aggregates equal a
// recompute; that 20 parallel final submits of one single-use invite, spread
// over the instances, store exactly one; that a session made on one instance
// works on the others and a sign-in limit counts across them; that SIGKILL of
// an instance mid-load loses nothing acknowledged (SQLite: integrity_check
// too); that a backup taken under load is whole.
//
//   LOAD_ENGINE=sqlite|postgres npx tsx bench/load.ts [--quick] [--scale]
//     full size: 10,000 submissions from 50 clients; --quick (CI): 1,000 from 20
//     --scale: first submissions/s through one instance against all, in 5
//     alternating rounds of 4,000 each (medians and their ratio); beside it
//     the empty /api/health route measured the same way, and what two
//     processes get done on this machine against one
//
// Exits non-zero when a check fails. Traffic goes to 127.0.0.1 only, and every
// loop is bounded in count and time.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { nextStartArgs } from "@/scripts/next-server.mjs";
import { twoProcessScaling } from "./cpu-scaling";
import { describeCpuShare, medianShare, startCpuAccount, type CpuShare } from "./process-cpu";
import { closedLoopRate } from "./closed-loop";
import { getStatus, postJson } from "./http-post";

const quick = process.argv.includes("--quick");
const scale = process.argv.includes("--scale");
const engine = process.env.LOAD_ENGINE === "postgres" ? "postgres" : "sqlite";
const instances = Number(process.env.LOAD_INSTANCES ?? (engine === "postgres" ? 2 : 1));
const submissions = quick ? 1_000 : 10_000;
const clients = quick ? 20 : 50;
const crashSubmissions = quick ? 400 : 2_000;
// --scale: rounds of one instance against all, alternating.
const scaleRounds = 5;
const scaleSubmissions = 4_000;
const basePort = Number(process.env.LOAD_PORT ?? 3390);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const deadline = Date.now() + (quick ? 6 : 20) * 60_000;
const signInLimit = 5;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapwise-load-"));
if (engine === "postgres") process.env.DATABASE_URL = process.env.LOAD_PG_URL ?? process.env.E2E_PG_URL ?? "postgres://root@127.0.0.1:5432/test";
else process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;

const checks: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = "") {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ` — ${detail}` : ""}`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function ensureBuild() {
  if (fs.existsSync(path.join(distDir, "BUILD_ID"))) return;
  console.log(`No build in ${distDir}: building once…`);
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

type Instance = { port: number; base: string; child: ChildProcess };

async function startInstance(port: number): Promise<Instance> {
  const child = spawn(process.execPath, nextStartArgs({ port, host: "127.0.0.1" }), {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      SURVEY_RATE_LIMIT_PER_MINUTE: "100000000",
      SURVEY_LINK_RATE_LIMIT_PER_MINUTE: "100000000",
      SIGN_IN_RATE_LIMIT: String(signInLimit),
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { port, base, child };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the server on port ${port} did not start`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

const alive = (list: Instance[]) => list.filter((i) => i.child.exitCode === null && i.child.signalCode === null);

type Item = { id: string };
function answersFor(items: Item[], n: number) {
  // Deterministic, varied ratings; every 17th pair N/A.
  return items.map((item, i) => {
    if ((n + i) % 17 === 0) return { item: item.id, expected: null, perceived: null };
    return { item: item.id, expected: 4 + ((n * 7 + i * 3) % 4), perceived: 2 + ((n * 5 + i) % 6) };
  });
}

/** "0 failed", or how many failed and why ("3 failed: 2× HTTP 500, 1× …"). */
function failedSaying(why: ReadonlyMap<string, number>): string {
  const total = [...why.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return "0 failed";
  return `${total} failed: ${[...why].map(([reason, n]) => `${n}× ${reason}`).join(", ")}`;
}

/** Sends `total` single-response submissions from `concurrency` clients, round-robin over `targets`. */
async function load(opts: {
  targets: () => Instance[];
  studyId: string;
  key: string;
  items: Item[];
  total: number;
  concurrency: number;
  prefix: string;
  onAck?: (acked: number) => void;
}) {
  const acked: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  // Why requests failed, counted, so a figure with failures says what they were.
  const why = new Map<string, number>();
  const noteFailure = (reason: string) => why.set(reason, (why.get(reason) ?? 0) + 1);
  // Encoded before the clock starts: the generator's own work is not the servers'.
  const bodies = Array.from({ length: opts.total }, (_, n) =>
    Buffer.from(JSON.stringify({ responses: [{ id: `${opts.prefix}-${n}`, segment: ["A", "B", "C"][n % 3], answers: answersFor(opts.items, n) }] })),
  );
  const headers = { authorization: `Bearer ${opts.key}` };
  const worker = async () => {
    while (next < opts.total && Date.now() < deadline) {
      const n = next++;
      const targets = opts.targets();
      if (targets.length === 0) return;
      const target = targets[n % targets.length];
      const id = `${opts.prefix}-${n}`;
      const started = performance.now();
      try {
        const status = await postJson(`${target.base}/api/v1/studies/${opts.studyId}/responses`, headers, bodies[n]);
        if (status === 201) {
          latencies.push(performance.now() - started);
          acked.push(id);
          opts.onAck?.(acked.length);
        } else {
          failures++;
          noteFailure(`HTTP ${status}`);
        }
      } catch (error) {
        failures++;
        noteFailure(error instanceof Error ? error.message : String(error));
      }
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  return { acked, latencies, failures, why, seconds, clientCpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, next) };
}

/**
 * /api/health calls per second (the framework's empty route plus one round
 * trip to the database) through `targets`, round-robin: the same closed loop
 * as load(), on a route with no work of ours, so a figure of load() can stand
 * beside what the framework alone does on this machine.
 */
const healthRate = (targets: Instance[], concurrency: number, ms: number) =>
  closedLoopRate(concurrency, ms, async (n) => (await getStatus(`${targets[n % targets.length].base}/api/health`)) === 200);

/** The hidden inputs of the first form of a page (a server action's id and state), for a no-JavaScript post. */
function hiddenInputs(html: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? "";
    if (name) out.push([name, value.replace(/&quot;/g, '"').replace(/&amp;/g, "&")]);
  }
  return out;
}

/** Signs in through the real form (JavaScript off); returns the session cookie or null. */
async function signIn(base: string, email: string, password: string): Promise<{ status: number; cookie: string | null; body: string }> {
  const page = await fetch(`${base}/sign-in`);
  const form = new FormData();
  for (const [name, value] of hiddenInputs(await page.text())) form.append(name, value);
  form.append("email", email);
  form.append("password", password);
  const res = await fetch(`${base}/sign-in`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
  const cookie =
    res.headers
      .getSetCookie()
      .find((c) => /session/i.test(c))
      ?.split(";")[0] ?? null;
  return { status: res.status, cookie, body: await res.text() };
}

async function main() {
  ensureBuild();
  const { closeDatabase, getDb, rawAll } = await import("@/db/client");
  const { sql } = await import("drizzle-orm");
  const { createTestDatabase } = await import("@/db/testing");
  const testDb = await createTestDatabase("load");
  process.env.DATABASE_URL = testDb.url;
  const { applyMigrations } = await import("@/db/migrate");
  await applyMigrations();
  const { createOwner, createApiKey } = await import("@/lib/accounts/accounts");
  const { makePublishedStudy, makeInvite } = await import("@/lib/survey/fixture-study");
  const { surveySteps } = await import("@/lib/survey/steps");

  const owner = await createOwner({ email: "load@example.test", password: "load test password", workspace: "Load" });
  const { key } = await createApiKey(owner.workspaceId, "manager", "load");
  const fixture = await makePublishedStudy({ workspaceId: owner.workspaceId });
  const items = fixture.snapshot.criteria.flatMap((c) => c.items.map((i) => ({ id: i.id })));
  // The bench process keeps no connection open while the servers write.
  await closeDatabase();

  let servers: Instance[] = [];
  try {
    // ── Scale: one instance against all, alternating rounds ─────────────
    // All instances run throughout; a "one instance" round sends every
    // submission to the first, an "all" round spreads them round-robin. The
    // rounds alternate and the medians are compared, so a slow moment of
    // this shared machine falls on both sides rather than on one.
    if (scale && instances > 1) {
      for (let i = 0; i < instances; i++) servers.push(await startInstance(basePort + i));
      const warm = await load({ targets: () => servers, studyId: fixture.studyId, key, items, total: 4_000, concurrency: clients, prefix: "warm" });
      const rates: Record<"one" | "all", number[]> = { one: [], all: [] };
      const latencies: Record<"one" | "all", number[]> = { one: [], all: [] };
      const cpu: Record<"one" | "all", (CpuShare | null)[]> = { one: [], all: [] };
      const why = new Map(warm.why);
      let generatorCpu = 0;
      for (let round = 0; round < scaleRounds; round++) {
        for (const side of ["one", "all"] as const) {
          const targets = side === "one" ? servers.slice(0, 1) : servers;
          const account = startCpuAccount(servers.flatMap((s) => (s.child.pid ? [s.child.pid] : [])));
          const run = await load({
            targets: () => targets,
            studyId: fixture.studyId,
            key,
            items,
            total: scaleSubmissions,
            concurrency: clients,
            prefix: `scale-${side}-${round}`,
          });
          cpu[side].push(account());
          rates[side].push(run.acked.length / run.seconds);
          latencies[side].push(...run.latencies);
          for (const [reason, n] of run.why) why.set(reason, (why.get(reason) ?? 0) + n);
          generatorCpu = Math.max(generatorCpu, run.clientCpuMsPerRequest);
        }
      }
      for (const side of ["one", "all"] as const) {
        const sorted = latencies[side].sort((a, b) => a - b);
        console.log(
          `| ${engine}, ${side === "one" ? "1 instance" : `${instances} instances`} | ${median(rates[side]).toFixed(0)} responses/s (median of ${scaleRounds} rounds: ${rates[side].map((r) => r.toFixed(0)).join(", ")}) | p50 ${percentile(sorted, 50).toFixed(1)} ms | p99 ${percentile(sorted, 99).toFixed(1)} ms | CPU (medians): ${describeCpuShare(medianShare(cpu[side], median), median(rates[side]))} |`,
        );
      }
      console.log(
        `| ${instances} instances ÷ 1 | ${(median(rates.all) / median(rates.one)).toFixed(2)}× of the medians; each round: ${rates.all.map((r, i) => (r / rates.one[i]).toFixed(2)).join(", ")} (aim ≥ 1.3×; 2 cores shared by the servers, the database and this load generator, ${generatorCpu.toFixed(2)} ms of its CPU per request at most) | ${failedSaying(why)} |`,
      );
      // The same rounds on the empty route: what two instances of the
      // framework alone gain over one here, beside the submits' figure.
      const health: Record<"one" | "all", number[]> = { one: [], all: [] };
      let healthFailures = 0;
      await healthRate(servers, clients, 2_000);
      for (let round = 0; round < scaleRounds; round++) {
        for (const side of ["one", "all"] as const) {
          const run = await healthRate(side === "one" ? servers.slice(0, 1) : servers, clients, 3_000);
          health[side].push(run.perSecond);
          healthFailures += run.failures;
        }
      }
      console.log(
        `| /api/health, ${clients} clients, 1 instance vs ${instances} | ${median(health.one).toFixed(0)} vs ${median(health.all).toFixed(0)} calls/s = ${(median(health.all) / median(health.one)).toFixed(2)}× (each round: ${health.all.map((r, i) => (r / health.one[i]).toFixed(2)).join(", ")}): the framework's empty route and one round trip to the database, no work of ours | ${healthFailures} failed |`,
      );
      for (const s of servers) s.child.kill("SIGTERM");
      await Promise.all(servers.map((s) => exited(s.child)));
      servers = [];
      const machine = await twoProcessScaling();
      console.log(
        `| this machine: 2 processes ÷ 1 | arithmetic only ${median(machine.arithmetic).toFixed(2)}× (rounds: ${machine.arithmetic.map((r) => r.toFixed(2)).join(", ")}); parsing and building JSON, as a server does, ${median(machine.allocating).toFixed(2)}× (rounds: ${machine.allocating.map((r) => r.toFixed(2)).join(", ")}): the ceiling of the figures above on this machine, before the database and this load generator take their share |`,
      );
    }

    for (let i = 0; i < instances; i++) servers.push(await startInstance(basePort + i));

    // ── Load, with a backup taken halfway ────────────────────────────────
    let backup: Promise<{ code: number | null; file: string }> | null = null;
    const run = await load({
      targets: () => servers,
      studyId: fixture.studyId,
      key,
      items,
      total: submissions,
      concurrency: clients,
      prefix: "load",
      onAck: (n) => {
        if (n !== Math.floor(submissions / 2) || backup) return;
        const file = path.join(dir, engine === "postgres" ? "backup.sql" : "backup.db");
        const [cmd, args] =
          engine === "postgres"
            ? ["pg_dump", ["--no-owner", "-f", file, testDb.url]]
            : [process.execPath, ["--import", "tsx", "cli/index.ts", "backup", file]];
        backup = new Promise((resolve) => {
          const child = spawn(cmd, args as string[], { env: process.env, stdio: "ignore" });
          child.on("error", () => resolve({ code: -1, file }));
          child.on("exit", (code) => resolve({ code, file }));
        });
      },
    });
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const throughput = run.acked.length / run.seconds;
    check(
      `every submission acknowledged (${instances} instance${instances > 1 ? "s" : ""}, round-robin)`,
      run.acked.length === submissions && run.failures === 0,
      `${run.acked.length} of ${submissions}, ${failedSaying(run.why)}`,
    );
    const stored = await rawAll<{ n: number | string; d: number | string }>(
      getDb(),
      sql`SELECT count(*) AS n, count(DISTINCT client_id) AS d FROM responses WHERE study_id = ${fixture.studyId} AND status = 'submitted' AND client_id LIKE 'load-%'`,
    );
    check(
      "each acknowledged response stored exactly once",
      Number(stored[0].n) === run.acked.length && Number(stored[0].d) === run.acked.length,
      `${stored[0].n} rows, ${stored[0].d} distinct`,
    );
    await closeDatabase();

    const done = backup ? await (backup as Promise<{ code: number | null; file: string }>) : null;
    if (!done) check("backup under load", false, "no backup was started");
    else if (engine === "postgres") {
      const text = done.code === 0 ? fs.readFileSync(done.file, "utf8") : "";
      check(
        "pg_dump under load is whole",
        done.code === 0 && /COPY public\.responses/.test(text) && /COPY public\.aggregate_buckets/.test(text),
        `exit ${done.code}, ${text.length} bytes`,
      );
    } else {
      const copy = new Database(done.file, { readonly: true });
      const integrity = copy.pragma("integrity_check", { simple: true });
      const n = (copy.prepare("SELECT count(*) AS n FROM responses").get() as { n: number }).n;
      copy.close();
      check(
        "backup under load opens and passes integrity_check",
        done.code === 0 && integrity === "ok" && n > 0,
        `exit ${done.code}, ${integrity}, ${n} responses in the copy`,
      );
    }

    // ── One single-use invite, 20 parallel final submits over the instances ──
    const invite = await makeInvite(fixture.studyId);
    await closeDatabase();
    const steps = surveySteps(fixture.snapshot);
    const rid = crypto.randomUUID();
    const stepForm = (index: number) => {
      const step = steps[index];
      const form = new URLSearchParams({ rid, v: fixture.versionId, step: String(index), lang: "en", intent: "next", website: "" });
      if (step.kind === "criterion") {
        for (const item of step.criterion.items) {
          form.set(`e.${item.id}`, "5");
          form.set(`p.${item.id}`, "3");
        }
      }
      return form;
    };
    for (let i = 0; i < steps.length - 1; i++) {
      const res = await fetch(`${servers[i % servers.length].base}/s/${invite}`, { method: "POST", body: stepForm(i), redirect: "manual" });
      if (res.status !== 303) throw new Error(`invite step ${i}: ${res.status} ${await res.text()}`);
    }
    const finals = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${servers[i % servers.length].base}/s/${invite}`, { method: "POST", body: stepForm(steps.length - 1), redirect: "manual" }).then(
          (r) => r.status,
        ),
      ),
    );
    const inviteRows = await rawAll<{ n: number | string }>(
      getDb(),
      sql`SELECT count(*) AS n FROM responses r JOIN links l ON l.id = r.link_id WHERE l.token = ${invite} AND r.status = 'submitted'`,
    );
    check(
      "20 parallel final submits of one invite over the instances store exactly one",
      Number(inviteRows[0].n) === 1 && finals.every((s) => s === 303),
      `${inviteRows[0].n} stored; answers ${[...new Set(finals)].join(", ")}`,
    );
    await closeDatabase();

    // ── A session made on one instance works on every other ───────────────
    const first = servers[0];
    const session = await signIn(first.base, "load@example.test", "load test password");
    const pages = await Promise.all(
      servers.map((s) => fetch(`${s.base}/studies`, { headers: session.cookie ? { cookie: session.cookie } : {}, redirect: "manual" })),
    );
    check(
      "a session cookie made on one instance works on the others",
      session.cookie !== null && pages.every((p) => p.status === 200),
      `sign-in ${session.status}, pages ${pages.map((p) => p.status).join(", ")}`,
    );
    const anonymous = await fetch(`${servers[servers.length - 1].base}/studies`, { redirect: "manual" });
    check("…and without it the same page sends to sign-in", anonymous.status >= 300 && anonymous.status < 400, `status ${anonymous.status}`);

    // ── A sign-in limit counts across instances ───────────────────────────
    const attempts: string[] = [];
    for (let i = 0; i < signInLimit + 2; i++) {
      const r = await signIn(servers[i % servers.length].base, "load@example.test", "not the password");
      // The form's state travels in the page as an error code (the message texts of every error ride along too).
      attempts.push(
        /message\\?"\s*:\s*\\?"tooManyAttempts/.test(r.body)
          ? "limited"
          : /message\\?"\s*:\s*\\?"invalidCredentials/.test(r.body)
            ? "refused"
            : `?${r.status}`,
      );
    }
    // The first refusal comes at the limit (the successful sign-in above may count too).
    const firstLimited = attempts.indexOf("limited");
    const limitedOn = new Set(attempts.map((a, i) => (a === "limited" ? i % servers.length : -1)).filter((i) => i >= 0));
    check(
      `the per-account sign-in limit (${signInLimit}) counts across instances`,
      firstLimited >= signInLimit - 1 &&
        firstLimited <= signInLimit &&
        attempts.slice(firstLimited).every((a) => a === "limited") &&
        limitedOn.size === Math.min(servers.length, attempts.length - firstLimited),
      attempts.join(" "),
    );

    // ── Crash: SIGKILL of one instance mid-load, nothing acknowledged lost ──
    const victim = servers[servers.length - 1];
    const crash = await load({
      targets: () => alive(servers),
      studyId: fixture.studyId,
      key,
      items,
      total: crashSubmissions,
      concurrency: clients,
      prefix: "crash",
      onAck: (n) => {
        if (n === Math.floor(crashSubmissions / 2)) victim.child.kill("SIGKILL");
      },
    });
    await exited(victim.child);
    if (engine === "sqlite") {
      // The only instance died: start it again on the same file (recovery from the WAL).
      servers = [await startInstance(victim.port)];
      const integrity = await rawAll<{ integrity_check: string }>(getDb(), sql`PRAGMA integrity_check`);
      check("integrity_check after SIGKILL", integrity[0]?.integrity_check === "ok", String(integrity[0]?.integrity_check));
    }
    const acked = [...run.acked, ...crash.acked];
    const present = new Set(
      (
        await rawAll<{ client_id: string }>(
          getDb(),
          sql`SELECT client_id FROM responses WHERE study_id = ${fixture.studyId} AND status = 'submitted' AND client_id IS NOT NULL`,
        )
      ).map((r) => r.client_id),
    );
    const lost = acked.filter((id) => !present.has(id));
    check(
      "no acknowledged response lost across the kill",
      lost.length === 0,
      `${crash.acked.length} acknowledged around the kill, ${lost.length} missing`,
    );
    const crashRows = await rawAll<{ n: number | string; d: number | string }>(
      getDb(),
      sql`SELECT count(*) AS n, count(DISTINCT client_id) AS d FROM responses WHERE study_id = ${fixture.studyId} AND client_id LIKE 'crash-%'`,
    );
    check(
      "nothing stored twice across the kill",
      Number(crashRows[0].n) === Number(crashRows[0].d),
      `${crashRows[0].n} rows, ${crashRows[0].d} distinct ids`,
    );

    // ── Aggregates equal a recompute from the raw answers ────────────────
    for (const s of alive(servers)) s.child.kill("SIGTERM");
    await Promise.all(servers.map((s) => exited(s.child)));
    const { sumCustomerEntries } = await import("@/db/queries/aggregates");
    const { recomputeStudyAggregates } = await import("@/lib/results/recompute");
    const kept = new Map((await sumCustomerEntries(getDb(), { studyId: fixture.studyId })).map((e) => [e.key, e]));
    await recomputeStudyAggregates(fixture.studyId);
    const rebuilt = await sumCustomerEntries(getDb(), { studyId: fixture.studyId });
    const worst = rebuilt.reduce((max, e) => {
      const b = kept.get(e.key);
      if (!b) return Infinity;
      return Math.max(
        max,
        Math.abs(b.n - e.n),
        Math.abs(b.sum - e.sum) / Math.max(1, Math.abs(e.sum)),
        Math.abs(b.sumSq - e.sumSq) / Math.max(1, Math.abs(e.sumSq)),
      );
    }, 0);
    check(
      "aggregates equal a recompute after load and crash",
      rebuilt.length === kept.size && worst < 1e-9,
      `${rebuilt.length} keys, largest relative difference ${worst.toExponential(2)}`,
    );

    console.log("");
    console.log("| measure | value |");
    console.log("|---|---|");
    console.log(`| engine, instances | ${engine}, ${instances} |`);
    console.log(`| submissions (one response of ${items.length} items each) | ${run.acked.length} from ${clients} concurrent clients |`);
    console.log(`| throughput through the server${instances > 1 ? "s" : ""} | ${throughput.toFixed(0)} responses/s |`);
    console.log(`| latency p50 / p99 | ${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms |`);
    console.log("");
  } finally {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
    await Promise.all(servers.map((s) => exited(s.child)));
    await closeDatabase();
    await testDb.drop();
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
