import { randomUUID } from "node:crypto";
import { getDb, transaction, type Reader } from "@/db/client";
import { listDemoStudies, lockWorkspaceForDemo } from "@/db/queries/demo";
import { findActiveJob, insertJob, type JobRow } from "@/db/queries/jobs";
import { wakeWorkers, type JobHandler } from "@/lib/jobs/worker";
import { createDemoStudy } from "./demo-study";

// "Explore a demo" as a background job: generating the demo (about a second
// on SQLite, several on PostgreSQL) runs in the worker, all or nothing in one
// transaction, and the person who asked follows its progress on
// /studies/demo?job=… instead of holding a request open.

export type DemoJobPayload = { responses: number; userId: string | null };
/** What a demo job leaves in `result` when it succeeded. */
export type DemoJobResult = { studyId: string };

/** Customer responses in the demo study. */
export const demoResponses = 600;

const payloadOf = (job: JobRow) => job.payload as DemoJobPayload;

/** Where "Explore a demo" leads: the workspace's demo study, or the job that is making it. */
export type DemoStart = { studyId: string } | { job: string };

async function demoOrJob(db: Reader, workspaceId: string): Promise<DemoStart | undefined> {
  const [demo] = await listDemoStudies(db, workspaceId);
  if (demo) return { studyId: demo.id };
  const job = await findActiveJob(db, workspaceId, "demo");
  return job && { job: job.id };
}

/**
 * The workspace's demo study, or the queued or running job making it, or a
 * new such job: clicking twice never makes two demos or two jobs.
 */
export async function startDemo(workspaceId: string, createdBy: string, options: { userId: string | null; responses?: number }): Promise<DemoStart> {
  // Read first without the lock: a running job holds it until its demo commits.
  const known = await demoOrJob(getDb(), workspaceId);
  if (known) return known;
  const started = await transaction(async (tx) => {
    // lockWorkspaceForDemo: "is there a demo or a demo job yet?" decides the insert; a second click waits here and finds this job.
    await lockWorkspaceForDemo(tx, workspaceId);
    const found = await demoOrJob(tx, workspaceId);
    if (found) return found;
    const id = randomUUID();
    const responses = options.responses ?? demoResponses;
    const payload: DemoJobPayload = { responses, userId: options.userId };
    await insertJob(tx, {
      id,
      kind: "demo",
      workspaceId,
      studyId: null,
      state: "queued",
      payload,
      createdBy,
      progressTotal: responses,
      createdAt: Date.now(),
    });
    return { job: id };
  });
  if ("job" in started) wakeWorkers();
  return started;
}

// Progress of the demo jobs this process runs, by job id. The generation is
// one transaction, and on SQLite nothing else can write until it commits, so
// the saved progress stays at 0 until the end; a page served by this process
// reads the figure from here meanwhile. On globalThis: Next.js bundles the
// worker (instrumentation) and the pages separately.
const globalForDemo = globalThis as unknown as { __gapwiseDemoProgress?: Map<string, number> };
const liveProgress = () => (globalForDemo.__gapwiseDemoProgress ??= new Map<string, number>());

/** A demo job as its progress page shows it. */
export type DemoJobView =
  { stage: "waiting" | "running"; done: number; total: number } | { stage: "succeeded"; studyId: string } | { stage: "failed" };

export function demoJobView(job: JobRow): DemoJobView {
  if (job.state === "succeeded") return { stage: "succeeded", studyId: (job.result as DemoJobResult).studyId };
  if (job.state === "failed" || job.state === "cancelled") return { stage: "failed" };
  const total = job.progressTotal ?? payloadOf(job).responses;
  const done = Math.min(total, Math.max(job.progressDone, liveProgress().get(job.id) ?? 0));
  return { stage: job.state === "running" ? "running" : "waiting", done, total };
}

const saveEveryMs = 1_000;

export const demoJobHandler: JobHandler = {
  async run(context) {
    const { job } = context;
    const { responses, userId } = payloadOf(job);
    let done = 0;
    let stop: unknown;
    let generating = true;
    // A transaction cannot open another, so the progress (and the lease it
    // renews) is saved from outside the generation's transaction, once a
    // second. On SQLite that save waits for the generation to commit (one
    // writer at a time) and then finds the job ended, which is fine.
    void (async () => {
      while (generating) {
        await new Promise((resolve) => setTimeout(resolve, saveEveryMs).unref());
        if (!generating) return;
        try {
          await context.progress(done, responses, true);
        } catch (error) {
          // JobCancelled or JobLost: the generation stops at its next report and rolls back.
          stop = error;
          return;
        }
      }
    })();
    try {
      await transaction(async (tx) => {
        // lockWorkspaceForDemo: "is there a demo yet?" decides the write (the set-up or the CLI may be making one).
        await lockWorkspaceForDemo(tx, job.workspaceId);
        const [existing] = await listDemoStudies(tx, job.workspaceId);
        const studyId =
          existing?.id ??
          (await createDemoStudy(tx, job.workspaceId, userId, {
            responses,
            onProgress: (stored) => {
              if (stop) throw stop;
              done = stored;
              liveProgress().set(job.id, stored);
            },
          }));
        // Ends the job in the demo's own transaction: the page never sees a succeeded job without its study.
        await context.succeedIn(tx, { studyId } satisfies DemoJobResult);
      });
    } finally {
      generating = false;
      liveProgress().delete(job.id);
    }
    return { state: "ended" };
  },
};
