// Benchmark of the customer survey (issue C), against `next start` on a
// throwaway database:
//   1. the client JavaScript the survey route ships (gzipped), next to an
//      App Router page of the app for comparison;
//   2. submit latency: N sequential complete surveys through the same plain
//      form posts a browser sends with JavaScript off (p50/p99 per post).
//
//   npx tsx bench/survey.ts [--surveys 300] [--port 3398]
//
// Builds into BENCH_DIST_DIR (default .next-bench) when no build is there;
// set BENCH_DIST_DIR to reuse another build of the current code.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { closeDatabase, getDb } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { countSubmitted } from "@/db/queries/responses";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { surveySteps } from "@/lib/survey/steps";
import { nextBin, nextStartArgs } from "@/scripts/next-server.mjs";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const surveys = option("surveys", 300);
const port = option("port", 3398);
const distDir = process.env.BENCH_DIST_DIR ?? ".next-bench";
const base = `http://127.0.0.1:${port}`;

function build() {
  if (fs.existsSync(path.join(distDir, "BUILD_ID"))) return;
  console.log(`Building into ${distDir} (about a minute)…`);
  // next build adds a custom dist dir's types to tsconfig.json; keep the file as it was.
  const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.writeFileSync("tsconfig.json", tsconfig);
  if (result.status !== 0) throw new Error("next build failed");
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const server = spawn(process.execPath, nextStartArgs({ port, host: "127.0.0.1" }), {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      // The benchmark is one address sending thousands of posts.
      SURVEY_RATE_LIMIT_PER_MINUTE: "100000000",
      SURVEY_LINK_RATE_LIMIT_PER_MINUTE: "100000000",
    },
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error("the server did not start");
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Every script a page makes the browser run: <script src> files and inline scripts, gzipped one by one. */
async function scriptWeight(url: string, cookie = "") {
  const page = await fetch(url, { headers: { cookie, "accept-encoding": "identity" } });
  const htmlText = await page.text();
  const sources = [...htmlText.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  let external = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    external += gzipSync(body, { level: 9 }).length;
  }
  const inline = [...htmlText.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim());
  const inlineGzip = inline.reduce((s, code) => s + gzipSync(code, { level: 9 }).length, 0);
  return { status: page.status, files: sources.length, external, inline: inline.length, inlineGzip, html: gzipSync(htmlText, { level: 9 }).length };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function stepBody(fixture: FixtureStudy, rid: string, index: number, n: number): URLSearchParams {
  const step = surveySteps(fixture.snapshot)[index];
  const body = new URLSearchParams({ rid, v: fixture.versionId, step: String(index), lang: "en", intent: "next", website: "" });
  if (step.kind === "criterion") {
    step.criterion.items.forEach((item, i) => {
      // Varied, valid answers; now and then an N/A pair and a comment.
      if ((n + i) % 11 === 0) body.set(`na.${item.id}`, "1");
      else {
        body.set(`e.${item.id}`, String(1 + ((n + i) % 7)));
        body.set(`p.${item.id}`, String(1 + ((n * 3 + i) % 7)));
      }
    });
    if (n % 4 === 0) body.set("comment", "The staff were friendly, but check-in took a while.");
  }
  if (step.kind === "importance") {
    const criteria = fixture.snapshot.criteria;
    criteria.forEach((c, i) => body.set(`w.${c.id}`, String(i === 0 ? 100 - 10 * (criteria.length - 1) : 10)));
  }
  return body;
}

async function post(url: string, body: URLSearchParams, cookie: string) {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, response };
}

async function main() {
  build();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-bench-"));
  const databaseUrl = `file:${path.join(dir, "app.db")}`;
  process.env.DATABASE_URL = databaseUrl;
  await applyMigrations();
  const fixture = await makePublishedStudy({ askImportance: true });
  const steps = surveySteps(fixture.snapshot);
  const items = fixture.snapshot.criteria.reduce((n, c) => n + c.items.length, 0);
  const server = await startServer(databaseUrl);
  try {
    const surveyUrl = `${base}/s/${fixture.token}`;
    const intro = await scriptWeight(surveyUrl);
    // A question step too (its page carries the enhancement script as well).
    const introHtml = await (await fetch(surveyUrl)).text();
    const rid = /name="rid" value="([^"]+)"/.exec(introHtml)![1];
    const started = await post(surveyUrl, stepBody(fixture, rid, 0, 0), "");
    const cookie = started.response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const step = await scriptWeight(`${surveyUrl}?step=1`, cookie);
    const reactPage = await scriptWeight(`${base}/sign-in`);

    console.log(`\nClient JavaScript (gzip -9, each file separately)`);
    for (const [name, w] of [
      ["survey welcome page", intro],
      ["survey question step", step],
      ["for comparison: /sign-in (App Router page)", reactPage],
    ] as const) {
      console.log(
        `  ${name.padEnd(44)} ${String(w.files).padStart(2)} script files ${kb(w.external).padStart(9)} + ${w.inline} inline ${kb(w.inlineGzip).padStart(7)} = ${kb(w.external + w.inlineGzip).padStart(8)}   (HTML ${kb(w.html)}, status ${w.status})`,
      );
    }

    // Submit latency: complete surveys one after another, as browsers with JavaScript off send them.
    const stepTimes: number[] = [];
    const submitTimes: number[] = [];
    const t0 = performance.now();
    for (let n = 1; n <= surveys; n++) {
      const page = await fetch(surveyUrl);
      const id = /name="rid" value="([^"]+)"/.exec(await page.text())![1];
      let jar = "";
      for (let i = 0; i < steps.length; i++) {
        const { ms, response } = await post(surveyUrl, stepBody(fixture, id, i, n), jar);
        if (response.status !== 303) throw new Error(`step ${i} of survey ${n} answered ${response.status}`);
        const set = response.headers.getSetCookie().map((c) => c.split(";")[0]);
        if (set.length > 0) jar = set.join("; ");
        if (i === steps.length - 1) {
          if (!response.headers.get("location")?.includes("thanks=1")) throw new Error(`survey ${n} was not accepted`);
          submitTimes.push(ms);
        } else stepTimes.push(ms);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    const stored = await countSubmitted(getDb(), fixture.studyId);
    if (stored !== surveys) throw new Error(`expected ${surveys} stored responses, found ${stored}`);
    const report = (name: string, times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `  ${name.padEnd(44)} n=${String(sorted.length).padStart(5)}  p50 ${percentile(sorted, 0.5).toFixed(1).padStart(6)} ms  p99 ${percentile(sorted, 0.99).toFixed(1).padStart(6)} ms  max ${sorted.at(-1)!.toFixed(1).padStart(6)} ms`,
      );
    };
    console.log(
      `\nSubmit latency: ${surveys} complete surveys in sequence (${steps.length} posts each, ${items} items, ${fixture.snapshot.criteria.length} criteria + importance), ${seconds.toFixed(1)} s`,
    );
    report("final submit (check + store + aggregates)", submitTimes);
    report("step save (one criterion's answers)", stepTimes);
    console.log(`  stored responses: ${stored}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}`);
  } finally {
    server.kill();
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
