import { parseCsv } from "./csv-parse";
import { ProblemList, type ImportProblem } from "./problems";
import { catalogueOf, detectFormat, readLong, readWide, type ImportFormat } from "./read-rows";
import { resolveResponse, type ImportContext, type PlannedResponse } from "./resolve";
import { env } from "@/lib/env";

// The dry run: a file's bytes → every problem by row and column, or the
// responses ready to store. Pure (the caller supplies the study's versions
// and segments), so the CLI, the UI and the tests all plan the same way.

export const importLimits = {
  bytes: env.IMPORT_MAX_BYTES,
  /** Data rows, header excluded. */
  rows: env.IMPORT_MAX_ROWS,
};

export type ImportSummary = {
  rows: number;
  /** Responses found in the file (distinct response ids). */
  found: number;
  /** Of these, the ones without problems (all of them when the plan has none). */
  responses: number;
  versions: { number: number; responses: number }[];
  segments: { name: string; responses: number }[];
  from: number | null;
  to: number | null;
};

export type ImportPlan = {
  format: ImportFormat | null;
  problems: ImportProblem[];
  /** Problems past the report's cap, counted only. */
  moreProblems: number;
  responses: PlannedResponse[];
  summary: ImportSummary;
};

const emptySummary: ImportSummary = { rows: 0, found: 0, responses: 0, versions: [], segments: [], from: null, to: null };

function failed(problems: ProblemList, format: ImportFormat | null = null, rows = 0): ImportPlan {
  return { format, problems: problems.sorted(), moreProblems: problems.more, responses: [], summary: { ...emptySummary, rows } };
}

/** UTF-8 text of an uploaded file within the size limit, else the problem (row 1: the file as a whole). */
export function decodeImportFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; plan: ImportPlan } {
  const problems = new ProblemList();
  if (bytes.byteLength > importLimits.bytes) {
    problems.add(1, "", "fileTooLarge", { limit: Math.round(importLimits.bytes / (1024 * 1024)) });
    return { ok: false, plan: failed(problems) };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    problems.add(1, "", "notUtf8");
    return { ok: false, plan: failed(problems) };
  }
}

function summarize(responses: PlannedResponse[], rows: number, found: number): ImportSummary {
  const versions = new Map<number, number>();
  const segments = new Map<string, number>();
  let from: number | null = null;
  let to: number | null = null;
  for (const r of responses) {
    versions.set(r.version.number, (versions.get(r.version.number) ?? 0) + 1);
    segments.set(r.segment, (segments.get(r.segment) ?? 0) + 1);
    from = from === null ? r.submittedAt : Math.min(from, r.submittedAt);
    to = to === null ? r.submittedAt : Math.max(to, r.submittedAt);
  }
  return {
    rows,
    found,
    responses: responses.length,
    versions: [...versions].sort((a, b) => a[0] - b[0]).map(([number, n]) => ({ number, responses: n })),
    segments: [...segments].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name, n]) => ({ name, responses: n })),
    from,
    to,
  };
}

/**
 * Reads the CSV (long or wide, found from the header), maps rows to
 * responses, and checks each against its version. Any problem means nothing
 * may be stored: `responses` is then empty.
 */
export function planImport(text: string, context: ImportContext): ImportPlan {
  const problems = new ProblemList();
  if (text.length > importLimits.bytes) {
    problems.add(1, "", "fileTooLarge", { limit: Math.round(importLimits.bytes / (1024 * 1024)) });
    return failed(problems);
  }
  const parsed = parseCsv(text, importLimits.rows + 1);
  if (!parsed.ok) {
    if (parsed.code === "tooManyRows") problems.add(1, "", "tooManyRows", { limit: importLimits.rows });
    else problems.add(parsed.row, "", parsed.code);
    return failed(problems);
  }
  const records = parsed.records;
  const rows = records.slice(1).filter((r) => r.some((c) => c.trim() !== "")).length;
  if (records.length === 0 || rows === 0) {
    problems.add(records.length === 0 ? 1 : 2, "", "emptyFile");
    return failed(problems);
  }
  const format = detectFormat(records[0]);
  if (!format) {
    problems.add(1, "", "unknownFormat");
    return failed(problems, null, rows);
  }
  const raw =
    format === "long"
      ? readLong(records, problems)
      : readWide(records, catalogueOf([...context.versions].reverse().map((v) => v.snapshot)), problems);
  const responses: PlannedResponse[] = [];
  for (const r of raw) {
    const planned = resolveResponse(r, context, problems);
    if (planned) responses.push(planned);
  }
  const summary = summarize(responses, rows, raw.length);
  if (problems.count > 0) return { ...failed(problems, format, rows), summary };
  return { format, problems: [], moreProblems: 0, responses, summary };
}
