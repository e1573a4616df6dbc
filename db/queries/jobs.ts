import { and, asc, desc, eq, inArray, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import { currentEngine, type Reader, type Tx } from "../client";
import { jobFiles, jobs, type JobKind, type JobState } from "../schema";

// The job store (lib/jobs). A worker claims a job by setting its lease
// (locked_by, locked_until); every later write of the job names that worker
// and fails if another one has taken the job since (its lease ran out), so a
// worker that was only slow cannot overwrite the new owner's progress.

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = {
  id: string;
  kind: JobKind;
  workspaceId: string;
  studyId: string | null;
  state: Extract<JobState, "receiving" | "queued">;
  payload: Record<string, unknown>;
  createdBy: string;
  progressTotal?: number | null;
  createdAt: number;
};

export async function insertJob(tx: Tx, job: NewJob): Promise<void> {
  await tx.insert(jobs).values(job);
}

/** A job of the workspace (another workspace's job is not found). */
export async function findJob(db: Reader, workspaceId: string, id: string): Promise<JobRow | undefined> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.workspaceId, workspaceId)))
    .limit(1);
  return row;
}

/** A job by id alone (workers and the CLI, which serve no workspace). */
export async function findJobById(db: Reader, id: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row;
}

/** The newest jobs of one kind for a study, newest first. */
export async function listStudyJobs(db: Reader, workspaceId: string, studyId: string, kind: JobKind, limit: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.studyId, studyId), eq(jobs.kind, kind)))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit);
}

/** The workspace's newest job of a kind that is queued or running, if any. */
export async function findActiveJob(db: Reader, workspaceId: string, kind: JobKind): Promise<JobRow | undefined> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.kind, kind), inArray(jobs.state, ["queued", "running"])))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(1);
  return row;
}

/** A received job becomes workable; returns false when it is no longer "receiving". */
export async function queueReceivedJob(tx: Tx, id: string, patch: { payload: Record<string, unknown>; progressTotal: number | null }) {
  const rows = await tx
    .update(jobs)
    .set({ state: "queued", ...patch })
    .where(and(eq(jobs.id, id), eq(jobs.state, "receiving")))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

export async function deleteJob(tx: Tx, id: string): Promise<void> {
  await tx.delete(jobs).where(eq(jobs.id, id));
}

export async function appendJobFileChunk(tx: Tx, jobId: string, seq: number, data: Buffer): Promise<void> {
  await tx.insert(jobFiles).values({ jobId, seq, data });
}

/** Chunk `seq` of a job's file, or undefined past its end. */
export async function readJobFileChunk(db: Reader, jobId: string, seq: number): Promise<Buffer | undefined> {
  const [row] = await db
    .select({ data: jobFiles.data })
    .from(jobFiles)
    .where(and(eq(jobFiles.jobId, jobId), eq(jobFiles.seq, seq)))
    .limit(1);
  return row ? Buffer.from(row.data) : undefined;
}

/**
 * Claims the oldest workable job: queued, or running under a lease that ran
 * out (its worker died). On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several
 * instances claim at once without taking the same job or waiting on each
 * other; on SQLite write transactions run one at a time anyway. An import
 * waits while another import of its study runs: the partial unique index
 * jobs_one_import_per_study protects that when two workers claim at once
 * (the loser's transaction fails and is retried, then skips it).
 */
export async function claimJob(tx: Tx, worker: string, now: number, leaseMs: number, onlyId?: string): Promise<JobRow | undefined> {
  const workable = or(eq(jobs.state, "queued"), and(eq(jobs.state, "running"), lt(jobs.lockedUntil, now)));
  const busyStudy = sql`${jobs.kind} = 'import' AND EXISTS (SELECT 1 FROM jobs other WHERE other.study_id = ${jobs.studyId}
    AND other.kind = 'import' AND other.state = 'running' AND other.id <> ${jobs.id} AND other.locked_until >= ${now})`;
  const candidates = tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(workable, sql`NOT (${busyStudy})`, onlyId ? eq(jobs.id, onlyId) : undefined))
    .orderBy(asc(jobs.createdAt), asc(jobs.id))
    .limit(1);
  const [candidate] = currentEngine() === "postgres" ? await candidates.for("update", { skipLocked: true }) : await candidates;
  if (!candidate) return undefined;
  const [row] = await tx
    .update(jobs)
    .set({
      state: "running",
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: worker,
      lockedUntil: now + leaseMs,
      startedAt: sql`coalesce(${jobs.startedAt}, ${now})`,
    })
    .where(eq(jobs.id, candidate.id))
    .returning();
  return row;
}

/** Progress and a longer lease; undefined when the worker no longer holds the job, else whether cancelling was asked. */
export async function renewJob(
  tx: Tx,
  id: string,
  worker: string,
  patch: { progressDone: number; progressTotal: number | null; lockedUntil: number },
): Promise<{ cancelRequested: boolean } | undefined> {
  const [row] = await tx
    .update(jobs)
    .set(patch)
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, worker), eq(jobs.state, "running")))
    .returning({ cancelRequested: jobs.cancelRequested });
  return row;
}

/** Ends a job the worker holds; false when it does not hold it any more. */
export async function finishJob(
  tx: Tx,
  id: string,
  worker: string,
  end: { state: Extract<JobState, "succeeded" | "failed" | "cancelled" | "queued">; result?: unknown; problems?: unknown[] | null; now: number },
): Promise<boolean> {
  const finished = end.state !== "queued";
  const rows = await tx
    .update(jobs)
    .set({
      state: end.state,
      result: (end.result ?? null) as Record<string, unknown> | null,
      problems: end.problems ?? null,
      lockedBy: null,
      lockedUntil: null,
      finishedAt: finished ? end.now : null,
      // A finished job's bar is full.
      ...(end.state === "succeeded" ? { progressDone: sql`coalesce(${jobs.progressTotal}, ${jobs.progressDone})` } : {}),
    })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, worker), eq(jobs.state, "running")))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/**
 * Asks a job to stop: a queued one is cancelled at once, a running one when
 * its worker next reports progress. Returns the job's state before the
 * request (an ended job is left alone), or undefined for a job not of this
 * workspace.
 */
export async function requestCancel(tx: Tx, workspaceId: string, id: string, now: number): Promise<JobState | undefined> {
  const [job] = await tx
    .select({ state: jobs.state })
    .from(jobs)
    .where(and(eq(jobs.id, id), eq(jobs.workspaceId, workspaceId)));
  if (!job) return undefined;
  if (job.state === "queued" || job.state === "receiving") {
    await tx
      .update(jobs)
      .set({ state: "cancelled", finishedAt: now })
      .where(and(eq(jobs.id, id), inArray(jobs.state, ["queued", "receiving"])));
  }
  if (job.state === "running") await tx.update(jobs).set({ cancelRequested: true }).where(eq(jobs.id, id));
  return job.state;
}

/**
 * Housekeeping: files of jobs that ended before `filesBefore`, uploads that
 * never finished arriving before `filesBefore`, and jobs that ended before
 * `jobsBefore`. Returns how many jobs went.
 */
export async function sweepJobs(tx: Tx, filesBefore: number, jobsBefore: number): Promise<number> {
  const ended = inArray(jobs.state, ["succeeded", "failed", "cancelled"]);
  await tx.delete(jobFiles).where(
    inArray(
      jobFiles.jobId,
      tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(and(ended, isNotNull(jobs.finishedAt), lte(jobs.finishedAt, filesBefore))),
    ),
  );
  const gone = await tx
    .delete(jobs)
    .where(or(and(ended, lte(jobs.finishedAt, jobsBefore)), and(eq(jobs.state, "receiving"), lte(jobs.createdAt, filesBefore))))
    .returning({ id: jobs.id });
  return gone.length;
}
