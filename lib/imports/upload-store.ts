import { randomBytes } from "node:crypto";
import type { Reader, Tx } from "@/db/client";
import { deleteExpiredImportUploads, deleteImportUpload, findImportUpload, insertImportUpload } from "@/db/queries/import-uploads";
import type { ImportOutcome } from "./import-file";
import type { ImportSummary } from "./plan";
import type { ImportProblem } from "./problems";
import type { SignConvention } from "./resolve";

// An uploaded file and its report between "Check file" and "Import", so the
// manager does not upload it twice and the report is a plain page (works
// without JavaScript, can be reloaded or left and come back to). Kept in the
// database (table import_uploads), so any instance can import what another
// one checked, under an unguessable token, bound to the workspace and study
// that uploaded it; it expires after a day and is swept when a new upload is
// stored.

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

export type StoredUpload = { record: UploadRecord; file: Uint8Array | null };

export const uploadMaxAgeMs = 24 * 60 * 60 * 1000;
const tokenPattern = /^[A-Za-z0-9_-]{32}$/;

// The stored content: a 4-byte big-endian length, the report as JSON, then
// the file's bytes (none once imported, or when it had problems).
function pack(record: UploadRecord, file: Uint8Array | null): Buffer {
  const json = Buffer.from(JSON.stringify(record), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.byteLength);
  return Buffer.concat([length, json, file ?? new Uint8Array(0)]);
}

function unpack(content: Uint8Array): StoredUpload | null {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (buffer.byteLength < 4) return null;
  const length = buffer.readUInt32BE(0);
  if (4 + length > buffer.byteLength) return null;
  const record = JSON.parse(buffer.subarray(4, 4 + length).toString("utf8")) as UploadRecord;
  const rest = buffer.subarray(4 + length);
  return { record, file: rest.byteLength > 0 ? new Uint8Array(rest) : null };
}

async function write(tx: Tx, token: string, record: UploadRecord, file: Uint8Array | null) {
  await insertImportUpload(tx, {
    id: token,
    workspaceId: record.workspaceId,
    studyId: record.studyId,
    fileName: record.fileName,
    content: pack(record, file),
    createdAt: record.createdAt,
    expiresAt: record.createdAt + uploadMaxAgeMs,
  });
}

/** Saves a report, and the file itself when it may still be imported; sweeps expired uploads; returns the token. */
export async function saveUpload(tx: Tx, record: UploadRecord, file: Uint8Array | null): Promise<string> {
  await deleteExpiredImportUploads(tx, Date.now());
  const token = randomBytes(24).toString("base64url");
  await write(tx, token, record, file);
  return token;
}

/** The report and file of `token` if it belongs to this workspace and study and has not expired, else null (also for a malformed token). */
export async function loadUpload(db: Reader, token: string, workspaceId: string, studyId: string): Promise<StoredUpload | null> {
  if (!tokenPattern.test(token)) return null;
  const row = await findImportUpload(db, workspaceId, studyId, token, Date.now());
  return row ? unpack(row.content) : null;
}

/** Replaces the report; drops the file (once imported). The upload keeps its token and its expiry. */
export async function replaceUpload(tx: Tx, token: string, record: UploadRecord): Promise<void> {
  if (!tokenPattern.test(token)) return;
  await deleteImportUpload(tx, record.workspaceId, record.studyId, token);
  await write(tx, token, record, null);
}

export async function removeUpload(tx: Tx, token: string, workspaceId: string, studyId: string): Promise<void> {
  if (!tokenPattern.test(token)) return;
  await deleteImportUpload(tx, workspaceId, studyId, token);
}

/** The record of an import's outcome (not for "unpublished": nothing to report there). */
export function recordOf(
  outcome: Exclude<ImportOutcome, { status: "unpublished" }>,
  base: Pick<UploadRecord, "workspaceId" | "studyId" | "fileName" | "bytes" | "sign" | "createdAt">,
): UploadRecord {
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
