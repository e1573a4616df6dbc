import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getDb, transaction, type Tx } from "@/db/client";
import { claimJob, findJobById, finishJob, renewJob, type JobRow } from "@/db/queries/jobs";
import { env } from "@/lib/env";
import type { JobKind } from "@/db/schema";

// The worker that runs background jobs (rows of `jobs`, db/queries/jobs.ts).
// Each process that runs one (`npm start` unless
// WORKER=0, or `npm run worker`) claims one job at a time, runs its kind's
// handler, and ends it. A handler reports progress through its context,
// which also renews the claim (the lease) and notices a cancel request.
//
// Why not a library: pg-boss and graphile-worker run on PostgreSQL only, and
// the default installation is SQLite; the store here is two tables and one
// claim query on both engines.

/** A handler's end: succeeded or failed with its report, or "ended" when it ended the job itself inside its last transaction. */
export type JobOutcome = { state: "succeeded"; result: unknown } | { state: "failed"; result?: unknown; problems: unknown[] } | { state: "ended" };

export type JobContext = {
  job: JobRow;
  /** Saves progress (at most once a second unless `force`) and renews the lease; throws JobCancelled or JobLost. */
  progress(done: number, total: number | null, force?: boolean): Promise<void>;
  /** Ends the job as succeeded inside the caller's transaction, so the work and its end commit together; throws JobLost. */
  succeedIn(tx: Tx, result: unknown): Promise<void>;
};

export type JobHandler = {
  run(context: JobContext): Promise<JobOutcome>;
  /** Undoes what a try left behind (after a cancel, a crash or an error), before the job ends or is tried again. */
  cleanUp?(job: JobRow): Promise<void>;
};

/** Thrown from progress() when someone asked the job to stop. */
export class JobCancelled extends Error {}
/** Thrown when another worker took the job (this one's lease ran out): stop quietly, the other one carries on. */
export class JobLost extends Error {}

/** Tries of a job before it is marked failed (a crash mid-import counts as a try). */
export const maxAttempts = 3;

const idleMs = 1_000;
const progressEveryMs = 1_000;

export type Worker = { id: string; stop(): Promise<void>; wake(): void };

const local = new Set<Worker>();

/** Nudges this process's workers (a job was just queued here) instead of waiting for their next poll. */
export function wakeWorkers(): void {
  for (const w of local) w.wake();
}

async function handlerOf(kind: JobKind): Promise<JobHandler> {
  // Imported on first use: the handlers pull in the import pipeline.
  const { jobHandlers } = await import("./handlers");
  return jobHandlers[kind];
}

function contextOf(job: JobRow, worker: string): JobContext {
  let savedAt = 0;
  return {
    job,
    async progress(done, total, force = false) {
      const now = Date.now();
      if (!force && now - savedAt < progressEveryMs) return;
      savedAt = now;
      const held = await transaction((tx) =>
        renewJob(tx, job.id, worker, { progressDone: done, progressTotal: total, lockedUntil: now + env.JOB_LEASE_MS }),
      );
      if (!held) throw new JobLost();
      if (held.cancelRequested) throw new JobCancelled();
    },
    async succeedIn(tx, result) {
      if (!(await finishJob(tx, job.id, worker, { state: "succeeded", result, now: Date.now() }))) throw new JobLost();
    },
  };
}

const failure = { row: 0, column: "", code: "jobFailed", message: `Stopped on an error after ${maxAttempts} tries; nothing was stored.` };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs one claimed job to its end. */
async function runJob(job: JobRow, worker: string, log: (line: string) => void): Promise<void> {
  const handler = await handlerOf(job.kind);
  const end = (state: "succeeded" | "failed" | "cancelled" | "queued", result?: unknown, problems?: unknown[]) =>
    transaction((tx) => finishJob(tx, job.id, worker, { state, result, problems, now: Date.now() }));
  try {
    // A try before this one died midway: clear what it left first.
    if (job.attempts > 1) await handler.cleanUp?.(job);
    // Tries that each took their process down (the job never got to fail):
    // give up instead of taking instance after instance down.
    if (job.attempts > maxAttempts) {
      log(`job ${job.id} (${job.kind}) was taken ${maxAttempts} times by workers that stopped; marked failed`);
      await end("failed", undefined, [failure]);
      return;
    }
    const outcome = await handler.run(contextOf(job, worker));
    if (outcome.state === "succeeded") await end("succeeded", outcome.result);
    else if (outcome.state === "failed") await end("failed", outcome.result, outcome.problems);
  } catch (error) {
    if (error instanceof JobLost) return;
    await handler.cleanUp?.(job).catch((e: unknown) => log(`job ${job.id}: clean-up failed: ${messageOf(e)}`));
    if (error instanceof JobCancelled) await end("cancelled");
    else if (job.attempts < maxAttempts) {
      log(`job ${job.id} (${job.kind}) failed on try ${job.attempts}, will retry: ${messageOf(error)}`);
      await end("queued");
    } else {
      log(`job ${job.id} (${job.kind}) failed: ${messageOf(error)}`);
      // The detail went to the log; the person who asked sees that it failed.
      await end("failed", undefined, [failure]);
    }
  }
}

/**
 * Claims and runs the next workable job (or only `onlyId`); returns false
 * when there was none. The CLI uses it to run the job it just queued.
 */
export async function runNextJob(worker: string, log: (line: string) => void = console.error, onlyId?: string): Promise<boolean> {
  const job = await transaction((tx) => claimJob(tx, worker, Date.now(), env.JOB_LEASE_MS, onlyId));
  if (!job) return false;
  await runJob(job, worker, log);
  return true;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Starts a worker loop in this process: runs jobs one after another, polls when idle. */
export function startWorker(log: (line: string) => void = console.error): Worker {
  const id = newWorkerId();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, idleMs);
      timer.unref();
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  // The same failure (the database is away) is logged once a minute, not once a poll.
  let lastError = { message: "", at: 0 };
  const loop = (async () => {
    // Loaded now rather than inside the first job: the import pipeline's
    // modules take a moment to load, and that moment would stall requests.
    await import("./handlers").catch(() => undefined);
    while (!stopped) {
      let worked = false;
      try {
        worked = await runNextJob(id, log);
      } catch (error) {
        const message = messageOf(error);
        if (message !== lastError.message || Date.now() - lastError.at > 60_000) {
          log(`worker ${id}: ${message}`);
          lastError = { message, at: Date.now() };
        }
      }
      if (!worked && !stopped) await sleep();
    }
  })();
  const worker: Worker = {
    id,
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      local.delete(worker);
      await loop;
    },
  };
  local.add(worker);
  return worker;
}

/**
 * Runs job `id` in this process if no worker has taken it yet (else waits
 * for the one that did), calling `onProgress` about once a second; returns
 * the ended job. The CLI's way to do what it queued.
 */
export async function runJobHere(id: string, onProgress: (done: number, total: number | null) => void = () => {}): Promise<JobRow> {
  const watch = setInterval(() => {
    void findJobById(getDb(), id).then((job) => job && onProgress(job.progressDone, job.progressTotal));
  }, 1_000);
  try {
    await runNextJob(newWorkerId(), console.error, id);
    for (;;) {
      const job = await findJobById(getDb(), id);
      if (!job) throw new Error(`job ${id} is gone`);
      if (job.state === "succeeded" || job.state === "failed" || job.state === "cancelled") {
        onProgress(job.progressDone, job.progressTotal);
        return job;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    clearInterval(watch);
  }
}
