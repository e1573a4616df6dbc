import { spawn } from "node:child_process";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findJobById } from "@/db/queries/jobs";
import { countSubmitted } from "@/db/queries/responses";
import { responses } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { receiveImport } from "@/lib/imports/import-job";
import { wideCsvChunks } from "@/lib/imports/test-files";
import { loadResults } from "@/lib/results/load-results";
import { publishedStudy } from "@/lib/results/test-db";
import { runNextJob } from "./worker";

// A worker process killed (SIGKILL: no clean-up code runs) in the middle of
// an import: nothing of the import is visible, and once its lease runs out
// another worker takes the job, clears what the dead one staged, and
// imports the file exactly once.

const rows = 20_000;
const leaseMs = 1_500;
const staged = async (studyId: string) =>
  (
    await getDb()
      .select({ n: count() })
      .from(responses)
      .where(and(eq(responses.studyId, studyId), eq(responses.status, "staged")))
  )[0].n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a worker killed mid-import", () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("crash");
  });
  afterAll(() => done());

  it("leaves nothing visible, and the job is taken over and imported once", { timeout: 180_000 }, async () => {
    const f = await publishedStudy("Crash");
    const snapshot = f.versions[f.versions.length - 1].snapshot;
    const received = await receiveImport({
      workspaceId: f.workspaceId,
      studyId: f.study.id,
      createdBy: "cli",
      sign: "e-p",
      dryRun: false,
      fileName: "big.csv",
      source: wideCsvChunks(snapshot, rows, { segments: ["Branch A", "Branch B"] }),
    });
    if (!("job" in received)) throw new Error("refused");

    const child = spawn(process.execPath, ["--import", "tsx", "cli/worker.ts"], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, JOB_LEASE_MS: String(leaseMs) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    try {
      // Kill it once it has stored part of the file, long before the end.
      for (let i = 0; i < 1_200 && (await staged(f.study.id)) < 2_000; i++) await sleep(50);
      expect(await staged(f.study.id), log).toBeGreaterThanOrEqual(2_000);
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }

    const dead = (await findJobById(getDb(), received.job))!;
    expect(dead).toMatchObject({ state: "running", attempts: 1 });
    expect(await staged(f.study.id)).toBeLessThan(rows);
    expect(await countSubmitted(getDb(), f.study.id)).toBe(0);
    const meanwhile = await loadResults(getDb(), f.study, {});
    expect(meanwhile.status === "ok" ? meanwhile.results.n : 0).toBe(0);

    // No one takes it while the dead worker's lease lasts; then this process does.
    await sleep(Math.max(0, dead.lockedUntil! - Date.now()) + 100);
    expect(await runNextJob("survivor", () => {})).toBe(true);
    expect(await findJobById(getDb(), received.job)).toMatchObject({ state: "succeeded", attempts: 2, result: { accepted: rows, duplicates: 0 } });
    expect(await countSubmitted(getDb(), f.study.id)).toBe(rows);
    expect(await staged(f.study.id)).toBe(0);
    const after = await loadResults(getDb(), f.study, {});
    expect(after.status === "ok" && after.results.n).toBe(rows);
  });
});
