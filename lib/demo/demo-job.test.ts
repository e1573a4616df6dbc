import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listDemoStudies } from "@/db/queries/demo";
import { findJobById } from "@/db/queries/jobs";
import { jobs, responses } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createOwner } from "@/lib/accounts/accounts";
import { newWorkerId, runNextJob } from "@/lib/jobs/worker";
import { demoJobView, startDemo, type DemoJobResult } from "./demo-job";

// "Explore a demo" as a job, on this process's engine: two clicks queue one
// job, the job reports its progress while it generates, and it ends with the
// demo study it made, in the same transaction.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("demo-job");
});
afterAll(() => done());

const demoJobs = async (workspaceId: string) =>
  (
    await getDb()
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.workspaceId, workspaceId), eq(jobs.kind, "demo")))
  )[0].n;

describe("the demo job", () => {
  it("queues one job for two clicks, reports progress, and ends with the one demo study", { timeout: 60_000 }, async () => {
    const owner = await createOwner({ email: "demo-job@example.test", password: "long enough pw", workspace: "demo job" });
    const start = () => startDemo(owner.workspaceId, owner.userId, { userId: owner.userId, responses: 200 });
    const [first, second] = await Promise.all([start(), start()]);
    if (!("job" in first)) throw new Error("expected a job");
    expect(second).toEqual(first);
    expect(await demoJobs(owner.workspaceId)).toBe(1);
    expect(demoJobView((await findJobById(getDb(), first.job))!)).toEqual({ stage: "waiting", done: 0, total: 200 });

    // What the progress page would read, every few milliseconds while the job runs.
    const seen: number[] = [];
    const watch = setInterval(() => {
      void findJobById(getDb(), first.job).then((job) => {
        const view = job && demoJobView(job);
        if (view?.stage === "running") seen.push(view.done);
      });
    }, 5);
    try {
      expect(await runNextJob(newWorkerId(), () => {})).toBe(true);
    } finally {
      clearInterval(watch);
    }
    expect(seen.some((n) => n > 0 && n < 200)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const job = (await findJobById(getDb(), first.job))!;
    const demos = await listDemoStudies(getDb(), owner.workspaceId);
    expect(demos).toHaveLength(1);
    expect(job.state).toBe("succeeded");
    expect(job.result as DemoJobResult).toEqual({ studyId: demos[0].id });
    expect(job.progressDone).toBe(200);
    expect(demoJobView(job)).toEqual({ stage: "succeeded", studyId: demos[0].id });
    const [{ n }] = await getDb().select({ n: count() }).from(responses).where(eq(responses.studyId, demos[0].id));
    expect(n).toBeGreaterThan(200);

    // The next click opens the demo; no second job.
    expect(await start()).toEqual({ studyId: demos[0].id });
    expect(await demoJobs(owner.workspaceId)).toBe(1);
  });
});
