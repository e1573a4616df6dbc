import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ImportSummary } from "./plan";
import type { ImportProblem } from "./problems";
import type { SignConvention } from "./resolve";
import { env } from "@/lib/env";

// An uploaded file and its report between "Check file" and "Import", so the
// manager does not upload it twice and the report is a plain page (works
// without JavaScript, can be reloaded or left and come back to). Kept on
// local disk beside nothing else, under an unguessable token, bound to the
// workspace and study that uploaded it; removed after a day.

export type UploadStatus = "problems" | "checked" | "imported";

export type UploadRecord = {
  workspaceId: string;
  studyId: string;
  fileName: string;
  bytes: number;
  sign: SignConvention;
  createdAt: number;
  status: UploadStatus;
  format: "long" | "wide" | null;
  summary: ImportSummary;
  problems: ImportProblem[];
  moreProblems: number;
  /** Responses of the file the study already holds (checked) or held (imported). */
  present: number;
  added?: number;
  importedAt?: number;
};

const maxAgeMs = 24 * 60 * 60 * 1000;
const tokenPattern = /^[A-Za-z0-9_-]{32}$/;

function dir(): string {
  const d = env.IMPORT_UPLOAD_DIR ?? path.join(os.tmpdir(), "gapmodel-imports");
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return d;
}

const filesOf = (token: string) => ({ meta: path.join(dir(), `${token}.json`), csv: path.join(dir(), `${token}.csv`) });

function sweep(now: number) {
  for (const name of fs.readdirSync(dir())) {
    const file = path.join(dir(), name);
    try {
      if (now - fs.statSync(file).mtimeMs > maxAgeMs) fs.rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/** Saves a report, and the file itself when it may still be imported; returns the token. */
export function saveUpload(record: UploadRecord, file: Uint8Array | null): string {
  sweep(record.createdAt);
  const token = randomBytes(24).toString("base64url");
  const files = filesOf(token);
  if (file) fs.writeFileSync(files.csv, file, { mode: 0o600 });
  fs.writeFileSync(files.meta, JSON.stringify(record), { mode: 0o600 });
  return token;
}

/** The record of `token` if it belongs to this workspace and study, else null (also for a malformed token). */
export function loadUpload(token: string, workspaceId: string, studyId: string): UploadRecord | null {
  if (!tokenPattern.test(token)) return null;
  try {
    const record = JSON.parse(fs.readFileSync(filesOf(token).meta, "utf8")) as UploadRecord;
    return record.workspaceId === workspaceId && record.studyId === studyId ? record : null;
  } catch {
    return null;
  }
}

export function uploadedFile(token: string): Uint8Array | null {
  if (!tokenPattern.test(token)) return null;
  try {
    return new Uint8Array(fs.readFileSync(filesOf(token).csv));
  } catch {
    return null;
  }
}

/** Replaces the record; drops the file once imported (or when asked). */
export function updateUpload(token: string, record: UploadRecord, keepFile: boolean): void {
  if (!tokenPattern.test(token)) return;
  const files = filesOf(token);
  fs.writeFileSync(files.meta, JSON.stringify(record), { mode: 0o600 });
  if (!keepFile) fs.rmSync(files.csv, { force: true });
}

export function removeUpload(token: string): void {
  if (!tokenPattern.test(token)) return;
  const files = filesOf(token);
  fs.rmSync(files.meta, { force: true });
  fs.rmSync(files.csv, { force: true });
}

type Outcome = import("./import-file").ImportOutcome;

/** The record of an import's outcome (not for "unpublished": nothing to report there). */
export function recordOf(outcome: Exclude<Outcome, { status: "unpublished" }>, base: Pick<UploadRecord, "workspaceId" | "studyId" | "fileName" | "bytes" | "sign" | "createdAt">): UploadRecord {
  const { plan } = outcome;
  return {
    ...base,
    status: outcome.status,
    format: plan.format,
    summary: plan.summary,
    problems: plan.problems,
    moreProblems: plan.moreProblems,
    present: outcome.status === "problems" ? 0 : outcome.present,
    ...(outcome.status === "imported" ? { added: outcome.added, importedAt: Date.now() } : {}),
  };
}
