import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { insertImportedResponses } from "@/db/queries/imports";
import { claimJob, findJobById, finishJob, insertJob, requestCancel } from "@/db/queries/jobs";
import { countSubmitted } from "@/db/queries/responses";
import { responses } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { receiveImport, type ImportJobResult } from "@/lib/imports/import-job";
import { wideCsv, wideCsvChunks } from "@/lib/imports/test-files";
import { loadResults } from "@/lib/results/load-results";
import { publishedStudy } from "@/lib/results/test-db";
import { maxAttempts, runNextJob } from "./worker";

// The job store and the worker on this process's engine (the unit run goes
// once per engine): claiming, leases and takeover, one import per study,
// cancelling, and an import job from upload to visible results.

type Fixture = Awaited<ReturnType<typeof publishedStudy>>;
const silent = () => {};
const latest = (f: Fixture) => f.versions[f.versions.length - 1].snapshot;

async function queued(f: Fixture, over: { studyId?: string | null; createdAt?: number } = {}) {
  const id = randomUUID();
  await transaction((tx) =>
    insertJob(tx, {
      id,
      kind: "import",
      workspaceId: f.workspaceId,
      studyId: over.studyId === undefined ? f.study.id : over.studyId,
      state: "queued",
      payload: { sign: "e-p", dryRun: true, fileName: "x.csv", bytes: 0, file: id },
      createdBy: "cli",
      createdAt: over.createdAt ?? Date.now(),
    }),
  );
  return id;
}

// A negative lease: a worker that died at once.
const claim = (worker: string, leaseMs = 60_000) => transaction((tx) => claimJob(tx, worker, Date.now(), leaseMs));
const job = async (id: string) => (await findJobById(getDb(), id))!;
const staged = async (studyId: string) =>
  (
    await getDb()
      .select({ n: count() })
      .from(responses)
      .where(and(eq(responses.studyId, studyId), eq(responses.status, "staged")))
  )[0].n;

async function upload(f: Fixture, csv: string | AsyncIterable<Uint8Array>, dryRun = false) {
  const source =
    typeof csv === "string"
      ? (async function* () {
          yield Buffer.from(csv, "utf8");
        })()
      : csv;
  const received = await receiveImport({
    workspaceId: f.workspaceId,
    studyId: f.study.id,
    createdBy: "cli",
    sign: "e-p",
    dryRun,
    fileName: "t.csv",
    source,
  });
  if (!("job" in received)) throw new Error("refused");
  return received.job;
}

describe("the job store", () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("jobs");
  });
  afterAll(() => done());

  it("gives a queued job to one worker, oldest first, and to no one while its lease lasts", async () => {
    const f = await publishedStudy("Claims");
    const older = await queued(f, { studyId: null, createdAt: Date.now() - 1000 });
    const newer = await queued(f, { studyId: null });
    expect((await claim("w1"))?.id).toBe(older);
    expect((await claim("w2"))?.id).toBe(newer);
    expect(await claim("w3")).toBeUndefined();
    expect(await job(older)).toMatchObject({ state: "running", lockedBy: "w1", attempts: 1 });
  });

  it("hands several workers claiming at once different jobs (SKIP LOCKED on PostgreSQL)", async () => {
    const f = await publishedStudy("Concurrent claims");
    const ids = await Promise.all([0, 1, 2, 3].map(() => queued(f, { studyId: null })));
    const got = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => claim(`c${i}`)));
    const claimed = got.filter((j) => j !== undefined).map((j) => j.id);
    expect(claimed.sort()).toEqual(ids.sort());
  });

  it("takes a running job over when its worker's lease ran out, counting the try", async () => {
    const f = await publishedStudy("Takeover");
    const id = await queued(f, { studyId: null });
    await claim("dead", -10_000);
    const taken = await claim("alive");
    expect(taken).toMatchObject({ id, lockedBy: "alive", attempts: 2 });
  });

  it("runs one import of a study at a time, also when two workers claim at once", async () => {
    const f = await publishedStudy("One import per study");
    const first = await queued(f, { createdAt: Date.now() - 1000 });
    const second = await queued(f);
    const got = (await Promise.all([claim("a"), claim("b")])).filter((j) => j !== undefined);
    // Exactly one runs; under a race either may be the one (the index, not the order, is the guarantee).
    expect(got).toHaveLength(1);
    expect([first, second]).toContain(got[0].id);
    expect(await claim("c")).toBeUndefined();
    // Once it ended, the other may run.
    await transaction((tx) => finishJob(tx, got[0].id, got[0].lockedBy!, { state: "cancelled", now: Date.now() }));
    expect((await claim("c"))?.id).toBe(got[0].id === first ? second : first);
  });

  it("cancels a queued job at once, and leaves an ended one alone", async () => {
    const f = await publishedStudy("Cancel queued");
    const id = await queued(f, { studyId: null });
    expect(await transaction((tx) => requestCancel(tx, f.workspaceId, id, Date.now()))).toBe("queued");
    expect((await job(id)).state).toBe("cancelled");
    expect(await transaction((tx) => requestCancel(tx, f.workspaceId, id, Date.now()))).toBe("cancelled");
    expect(await transaction((tx) => requestCancel(tx, "another-workspace", id, Date.now()))).toBeUndefined();
  });
});

describe("import jobs", () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("importjobs");
  });
  afterAll(() => done());

  it("checks, then imports a file all at once; the same file again adds nothing", { timeout: 60_000 }, async () => {
    const f = await publishedStudy("Import job");
    const csv = wideCsv(latest(f), 1_200, { segments: ["Branch A", "Branch B"] });
    const check = await upload(f, csv, true);
    expect(await job(check)).toMatchObject({ state: "queued", progressTotal: 1_201 });
    expect(await runNextJob("w", silent)).toBe(true);
    expect(await job(check)).toMatchObject({ state: "succeeded", result: { accepted: 1_200, duplicates: 0 }, progressDone: 1_201 });
    expect(await countSubmitted(getDb(), f.study.id)).toBe(0);

    const id = await upload(f, csv);
    await runNextJob("w", silent);
    const imported = await job(id);
    expect(imported.state).toBe("succeeded");
    expect(imported.result as ImportJobResult).toMatchObject({ accepted: 1_200, duplicates: 0, summary: { rows: 1_200, responses: 1_200 } });
    expect(await countSubmitted(getDb(), f.study.id)).toBe(1_200);
    const results = await loadResults(getDb(), f.study, {});
    expect(results.status === "ok" && results.results.n).toBe(1_200);

    const again = await upload(f, csv);
    await runNextJob("w", silent);
    expect((await job(again)).result).toMatchObject({ accepted: 0, duplicates: 1_200 });
    expect(await countSubmitted(getDb(), f.study.id)).toBe(1_200);
  });

  it("fails a file with problems, stores nothing, and keeps the report", async () => {
    const f = await publishedStudy("Import problems");
    const csv = wideCsv(latest(f), 600, { segments: ["Branch A", "Nowhere"] });
    const id = await upload(f, csv);
    await runNextJob("w", silent);
    const failed = await job(id);
    expect(failed.state).toBe("failed");
    expect(failed.problems).toHaveLength(300);
    expect(failed.problems![0]).toMatchObject({ row: 3, column: "segment", code: "unknownSegment" });
    expect(await countSubmitted(getDb(), f.study.id)).toBe(0);
    expect(await staged(f.study.id)).toBe(0);
  });

  it("stops a running import when cancelled: nothing stays, staged rows are deleted", { timeout: 120_000 }, async () => {
    const f = await publishedStudy("Import cancelled");
    const id = await upload(f, wideCsvChunks(latest(f), 30_000, { segments: ["Branch A"] }));
    const running = runNextJob("w", silent);
    // Wait until the job has stored some batches, then ask it to stop.
    for (let i = 0; i < 600 && (await staged(f.study.id)) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await staged(f.study.id)).toBeGreaterThan(0);
    expect(await transaction((tx) => requestCancel(tx, f.workspaceId, id, Date.now()))).toBe("running");
    await running;
    expect((await job(id)).state).toBe("cancelled");
    expect(await countSubmitted(getDb(), f.study.id)).toBe(0);
    expect(await staged(f.study.id)).toBe(0);
  });

  it(
    "a worker that died mid-import left staged rows no one sees; the next try clears them and imports exactly once",
    { timeout: 60_000 },
    async () => {
      const f = await publishedStudy("Import takeover");
      const id = await upload(f, wideCsv(latest(f), 800, { segments: ["Branch B"] }));
      // The dead worker's try: claimed with a lease already run out, and half a file staged.
      await claim("dead", -10_000);
      const v = f.versions[f.versions.length - 1];
      const items = latest(f).criteria.flatMap((c) => c.items);
      await transaction((tx) =>
        insertImportedResponses(
          tx,
          f.study.id,
          Array.from({ length: 400 }, (_, n) => ({
            id: randomUUID(),
            studyId: f.study.id,
            versionId: v.id,
            perspective: "customer" as const,
            clientId: `r${n}`,
            segment: "Branch B",
            source: "import" as const,
            startedAt: Date.now(),
            submittedAt: Date.now(),
            answers: items.map((i) => ({ itemId: i.id, expected: 3, perceived: 3 })),
            comments: [],
          })),
          "staged",
        ),
      );
      expect(await countSubmitted(getDb(), f.study.id)).toBe(0);
      const results = await loadResults(getDb(), f.study, {});
      expect(results.status === "ok" ? results.results.n : 0).toBe(0);

      expect(await runNextJob("alive", silent)).toBe(true);
      expect(await job(id)).toMatchObject({ state: "succeeded", attempts: 2, result: { accepted: 800, duplicates: 0 } });
      expect(await countSubmitted(getDb(), f.study.id)).toBe(800);
      expect(await staged(f.study.id)).toBe(0);
    },
  );

  it(`gives up on a job after ${maxAttempts} tries whose workers all died`, async () => {
    const f = await publishedStudy("Import given up");
    const id = await upload(f, wideCsv(latest(f), 10, { segments: ["Branch A"] }));
    for (let i = 0; i < maxAttempts; i++) await claim(`dead${i}`, -10_000);
    await runNextJob("alive", silent);
    expect(await job(id)).toMatchObject({ state: "failed", problems: [{ code: "jobFailed" }] });
    expect(await countSubmitted(getDb(), f.study.id)).toBe(0);
  });
});
