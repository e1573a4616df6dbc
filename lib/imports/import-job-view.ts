import type { JobRow } from "@/db/queries/jobs";
import { importPayload, type ImportJobResult } from "./import-job";
import type { ImportProblem } from "./problems";
import type { SignConvention } from "./resolve";

// An import job as the import page shows it: where it stands, and what came
// of it once it ended. Pure, so the page, its report and the list of recent
// imports read a job the same way.

export type ImportJobStage =
  /** Received, waiting for a worker (or for another import of the study to end). */
  | "waiting"
  | "running"
  /** Running, and asked to stop: it will, at its next progress report. */
  | "stopping"
  /** A check without problems: its responses can be imported. */
  | "checked"
  | "imported"
  /** The file has problems (row and column); nothing was stored. */
  | "problems"
  /** Stopped on a whole-file problem (study unpublished, file gone) or an error; nothing was stored. */
  | "failed"
  | "cancelled";

export type ImportJobView = {
  id: string;
  fileName: string;
  bytes: number;
  sign: SignConvention;
  /** A check (nothing is written) rather than an import. */
  check: boolean;
  stage: ImportJobStage;
  /** Still to end: the page refreshes itself and offers Cancel. */
  active: boolean;
  progress: { done: number; total: number | null };
  /** The report (checked, imported, problems). */
  report: ImportJobResult | null;
  /** Every problem the report counted, shown or not. */
  problemCount: number;
  /** Whole-file problems of a failed job without a report. */
  failures: ImportProblem[];
  /** New responses: the check would add them, or the import added them. */
  added: number;
  /** Responses of the file the study already held. */
  present: number;
  createdBy: string;
  createdAt: number;
  finishedAt: number | null;
};

function stageOf(job: JobRow, check: boolean, report: ImportJobResult | null): ImportJobStage {
  switch (job.state) {
    case "receiving":
    case "queued":
      return "waiting";
    case "running":
      return job.cancelRequested ? "stopping" : "running";
    case "succeeded":
      return check ? "checked" : "imported";
    case "failed":
      return report ? "problems" : "failed";
    case "cancelled":
      return "cancelled";
  }
}

export function importJobView(job: JobRow): ImportJobView {
  const payload = importPayload(job);
  const report = (job.result as ImportJobResult | null) ?? null;
  const stage = stageOf(job, payload.dryRun, report);
  return {
    id: job.id,
    fileName: payload.fileName,
    bytes: payload.bytes,
    sign: payload.sign,
    check: payload.dryRun,
    stage,
    active: stage === "waiting" || stage === "running" || stage === "stopping",
    progress: { done: job.progressDone, total: job.progressTotal },
    report,
    problemCount: report ? report.problems.length + report.moreProblems : 0,
    failures: stage === "failed" ? ((job.problems ?? []) as ImportProblem[]) : [],
    added: report?.accepted ?? 0,
    present: report?.duplicates ?? 0,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/** Who asked for a job, as the page names them. */
export type Requester = { kind: "member"; name: string } | { kind: "apiKey" } | { kind: "cli" } | { kind: "unknown" };

/** Reads a job's `createdBy` ("user:<id>", "key:<id>", "cli"); a member who has left the workspace is "unknown". */
export function requesterOf(createdBy: string, members: ReadonlyMap<string, string>): Requester {
  if (createdBy === "cli") return { kind: "cli" };
  if (createdBy.startsWith("key:")) return { kind: "apiKey" };
  const name = createdBy.startsWith("user:") ? members.get(createdBy.slice(5)) : undefined;
  return name ? { kind: "member", name } : { kind: "unknown" };
}
