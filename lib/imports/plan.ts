import { CsvFileProblem, type CsvRecord, type EncodingChoice, type FileSource } from "./csv-records";
import { fileRecords, type FileReading } from "./file-records";
import { ProblemList, type ImportProblem } from "./problems";
import { catalogueOf, detectFormat, LongReader, WideReader, type ImportFormat } from "./read-rows";
import { resolveResponse, type ImportContext, type PlannedResponse } from "./resolve";
import { env } from "@/lib/env";

// The check of an import file: its records, as they stream in, → every
// problem by row and column, and the responses ready to store. Pure (the
// caller supplies the study's versions and segments), so the job, the CLI
// and the tests all plan the same way.

export const importLimits = {
  bytes: env.IMPORT_MAX_BYTES,
  /** Data rows, header excluded. */
  rows: env.IMPORT_MAX_ROWS,
};

export type ImportSummary = {
  /** How the file was read: a CSV's encoding, or "xlsx" (null when empty). */
  readAs?: FileReading | null;
  rows: number;
  /** Responses found in the file (distinct response ids). */
  found: number;
  /** Of these, the ones without problems (all of them when the file has none). */
  responses: number;
  versions: { number: number; responses: number }[];
  segments: { name: string; responses: number }[];
  from: number | null;
  to: number | null;
};

/** What the check found: the report a page, the API and the CLI show. */
export type ImportReport = {
  format: ImportFormat | null;
  problems: ImportProblem[];
  /** Problems past the report's cap, counted only. */
  moreProblems: number;
  summary: ImportSummary;
};

export type ImportPlan = ImportReport & { responses: PlannedResponse[] };

const byName = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Plans an import record batch by record batch. Wide files yield their
 * responses as they are read; long files (a response's rows may lie anywhere)
 * at finish(). Once any problem is found nothing may be stored, but reading
 * goes on to report every problem.
 */
export class ImportPlanner {
  private readonly problems = new ProblemList();
  private reader: LongReader | WideReader | null = null;
  private format: ImportFormat | null = null;
  private stopped = false;
  private sawRecord = false;
  private rows = 0;
  private found = 0;
  private planned = 0;
  private readonly versions = new Map<number, number>();
  private readonly segments = new Map<string, number>();
  private from: number | null = null;
  private to: number | null = null;

  constructor(private readonly context: ImportContext) {}

  get hasProblems(): boolean {
    return this.problems.count > 0;
  }

  /** Reads a batch of records; returns the responses planned from it. */
  push(records: CsvRecord[]): PlannedResponse[] {
    const out: PlannedResponse[] = [];
    for (const { fields, row } of records) {
      if (this.stopped) break;
      if (!this.sawRecord) {
        this.sawRecord = true;
        this.readHeader(fields);
        continue;
      }
      if (fields.every((c) => c.trim() === "")) continue;
      this.rows++;
      if (this.reader instanceof WideReader) {
        const raw = this.reader.read(fields, row);
        if (raw) this.plan(raw, out);
      } else this.reader?.read(fields, row);
    }
    return out;
  }

  /** The responses only the end of the file completes (long format). */
  finish(): PlannedResponse[] {
    const out: PlannedResponse[] = [];
    if (this.reader instanceof LongReader) for (const raw of this.reader.finish()) this.plan(raw, out);
    if (!this.stopped && this.rows === 0) this.problems.add(this.sawRecord ? 2 : 1, "", "emptyFile");
    else if (!this.stopped && !this.format) this.problems.add(1, "", "unknownFormat");
    return out;
  }

  /** The file could not be read further (not UTF-8, an open quote, too many rows). */
  fileProblem(problem: CsvFileProblem): void {
    this.stopped = true;
    if (problem.code === "tooManyRows") this.problems.add(1, "", "tooManyRows", { limit: importLimits.rows });
    else this.problems.add(problem.row, "", problem.code);
  }

  report(): ImportReport {
    return {
      format: this.format,
      problems: this.problems.sorted(),
      moreProblems: this.problems.more,
      summary: {
        rows: this.rows,
        found: this.found,
        responses: this.planned,
        versions: [...this.versions].sort((a, b) => a[0] - b[0]).map(([number, n]) => ({ number, responses: n })),
        segments: [...this.segments].sort(byName).map(([name, n]) => ({ name, responses: n })),
        from: this.from,
        to: this.to,
      },
    };
  }

  private readHeader(fields: string[]) {
    this.format = detectFormat(fields);
    // An unknown header is reported at finish(): a file with no data rows is "empty" first.
    if (!this.format) return;
    this.reader =
      this.format === "long"
        ? new LongReader(fields, this.problems)
        : new WideReader(fields, catalogueOf([...this.context.versions].reverse().map((v) => v.snapshot)), this.problems);
    if (!this.reader.ok) this.stopped = true;
  }

  private plan(raw: Parameters<typeof resolveResponse>[0], out: PlannedResponse[]) {
    this.found++;
    const r = resolveResponse(raw, this.context, this.problems);
    if (!r) return;
    this.planned++;
    this.versions.set(r.version.number, (this.versions.get(r.version.number) ?? 0) + 1);
    this.segments.set(r.segment, (this.segments.get(r.segment) ?? 0) + 1);
    this.from = this.from === null ? r.submittedAt : Math.min(this.from, r.submittedAt);
    this.to = this.to === null ? r.submittedAt : Math.max(this.to, r.submittedAt);
    out.push(r);
  }
}

/**
 * Plans a whole file, yielding the planned responses in batches as they are
 * read (none once a problem is found); the report comes with the last.
 */
export async function* planBatches(
  source: FileSource,
  context: ImportContext,
  { encoding = "auto" }: { encoding?: EncodingChoice } = {},
): AsyncGenerator<{ responses: PlannedResponse[]; rowsRead: number }, ImportReport> {
  const planner = new ImportPlanner(context);
  let rowsRead = 0;
  let readAs: FileReading | null = null;
  try {
    for await (const records of fileRecords(source, importLimits.rows + 1, { encoding, onReading: (r) => (readAs = r) })) {
      rowsRead = records[records.length - 1].row;
      const responses = planner.push(records);
      yield { responses: planner.hasProblems ? [] : responses, rowsRead };
    }
  } catch (error) {
    if (!(error instanceof CsvFileProblem)) throw error;
    planner.fileProblem(error);
  }
  // A long file's responses, complete only now: in batches all the same.
  const last = planner.finish();
  for (let i = 0; i < last.length && !planner.hasProblems; i += 100) yield { responses: last.slice(i, i + 100), rowsRead };
  const report = planner.report();
  return { ...report, summary: { ...report.summary, readAs } };
}

/** Plans a whole file held in memory (tests, small files): every problem, or every response. */
export async function planImport(file: string | Uint8Array, context: ImportContext): Promise<ImportPlan> {
  const responses: PlannedResponse[] = [];
  const batches = planBatches([file], context);
  for (;;) {
    const next = await batches.next();
    if (next.done) return { ...next.value, responses: next.value.problems.length > 0 || next.value.moreProblems > 0 ? [] : responses };
    responses.push(...next.value.responses);
  }
}
