import type { JobRow } from "@/db/queries/jobs";

// A job as the API shows it (API.md "Imports and jobs"): `result` only once
// it succeeded, `problems` why it failed; "receiving" (the upload still
// arriving) reads as queued.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function jobJson(job: JobRow) {
  const state = job.state === "receiving" ? "queued" : job.state;
  return {
    id: job.id,
    kind: job.kind,
    study: job.studyId,
    state,
    progress: { done: job.progressDone, total: job.progressTotal },
    result: state === "succeeded" ? (job.result ?? null) : null,
    problems: job.problems ?? [],
    attempts: job.attempts,
    createdAt: iso(job.createdAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}
