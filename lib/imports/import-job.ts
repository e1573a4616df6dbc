import { randomUUID } from "node:crypto";
import { getDb, transaction } from "@/db/client";
import { deleteJob, findJob, insertJob, queueReceivedJob, type JobRow } from "@/db/queries/jobs";
import { findStudy } from "@/db/queries/studies";
import { FileTooLarge, readJobFile, receiveJobFile } from "@/lib/jobs/job-files";
import { wakeWorkers, type JobHandler } from "@/lib/jobs/worker";
import { clearStaged, importStream, type ImportOutcome } from "./import-file";
import { importLimits, type ImportReport } from "./plan";
import type { EncodingChoice } from "./csv-records";
import { fileProblem } from "./problems";
import type { SignConvention } from "./resolve";

// Imports as background jobs. A file is received into the job store as it
// uploads (a check job, or an import straight away from the API), and a
// worker checks or imports it (./import-file.ts). "Import" after a clean
// check is a second job that reads the check job's stored file.

export type ImportJobPayload = {
  sign: SignConvention;
  dryRun: boolean;
  /** How a CSV's bytes are read (absent in jobs from before it could be chosen: guessed). */
  encoding?: EncodingChoice;
  fileName: string;
  bytes: number;
  /** The job whose stored file this one reads (itself, or the check before it). */
  file: string;
};

/** What an import job leaves in `result`: counts when it succeeded, the report either way. */
export type ImportJobResult = ImportReport & { accepted?: number; duplicates?: number };

export const importPayload = (job: JobRow) => job.payload as ImportJobPayload;

type Receive = {
  workspaceId: string;
  studyId: string;
  createdBy: string;
  sign: SignConvention;
  dryRun: boolean;
  encoding?: EncodingChoice;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
};

/**
 * Stores an uploaded file as it arrives and queues the job that checks or
 * imports it; "tooLarge" (nothing kept) past the import size limit.
 */
export async function receiveImport(input: Receive): Promise<{ job: string } | { refused: "tooLarge" }> {
  const id = randomUUID();
  const payload: ImportJobPayload = {
    sign: input.sign,
    dryRun: input.dryRun,
    encoding: input.encoding ?? "auto",
    fileName: input.fileName.slice(0, 200),
    bytes: 0,
    file: id,
  };
  await transaction((tx) =>
    insertJob(tx, {
      id,
      kind: "import",
      workspaceId: input.workspaceId,
      studyId: input.studyId,
      state: "receiving",
      payload,
      createdBy: input.createdBy,
      createdAt: Date.now(),
    }),
  );
  try {
    const file = await receiveJobFile(id, input.source, importLimits.bytes);
    // Line feeds size the progress bar: about one per row.
    await transaction((tx) => queueReceivedJob(tx, id, { payload: { ...payload, bytes: file.bytes }, progressTotal: Math.max(file.lines, 1) }));
  } catch (error) {
    await transaction((tx) => deleteJob(tx, id));
    if (error instanceof FileTooLarge) return { refused: "tooLarge" };
    throw error;
  }
  wakeWorkers();
  return { job: id };
}

/** Queues the import of a file a check job found clean; null when that check is not one (or not of this study). */
export async function importCheckedFile(workspaceId: string, studyId: string, checkJob: string, createdBy: string): Promise<string | null> {
  const check = await findJob(getDb(), workspaceId, checkJob);
  if (!check || check.kind !== "import" || check.studyId !== studyId || check.state !== "succeeded" || !importPayload(check).dryRun) return null;
  const id = randomUUID();
  await transaction((tx) =>
    insertJob(tx, {
      id,
      kind: "import",
      workspaceId,
      studyId,
      state: "queued",
      payload: { ...importPayload(check), dryRun: false },
      createdBy,
      progressTotal: check.progressTotal,
      createdAt: Date.now(),
    }),
  );
  wakeWorkers();
  return id;
}

function resultOf(outcome: Exclude<ImportOutcome, { status: "unpublished" }>): ImportJobResult {
  if (outcome.status === "problems") return outcome.report;
  return {
    ...outcome.report,
    accepted: outcome.status === "imported" ? outcome.added : outcome.report.summary.responses - outcome.present,
    duplicates: outcome.present,
  };
}

export const importJobHandler: JobHandler = {
  async run(context) {
    const { job } = context;
    const payload = importPayload(job);
    const study = job.studyId ? await findStudy(getDb(), job.workspaceId, job.studyId) : undefined;
    if (!study) return { state: "failed", problems: [fileProblem("studyGone")] };
    // A check's file goes a day after it ended (db/queries/jobs.ts sweepJobs).
    if (payload.file !== job.id && !(await readJobFile(payload.file).next()).value) return { state: "failed", problems: [fileProblem("fileGone")] };
    const outcome = await importStream(study, readJobFile(payload.file), {
      sign: payload.sign,
      dryRun: payload.dryRun,
      encoding: payload.encoding,
      progress: (read) => context.progress(read, Math.max(job.progressTotal ?? 0, read)),
      finishIn: async (tx, done) => {
        if (done.status !== "unpublished") await context.succeedIn(tx, resultOf(done));
      },
    });
    switch (outcome.status) {
      case "unpublished":
        return { state: "failed", problems: [fileProblem("unpublished")] };
      case "problems":
        return { state: "failed", result: resultOf(outcome), problems: outcome.report.problems };
      case "checked":
        return { state: "succeeded", result: resultOf(outcome) };
      case "imported":
        return { state: "ended" };
    }
  },
  async cleanUp(job) {
    if (!importPayload(job).dryRun && job.studyId) await clearStaged(job.studyId);
  },
};
