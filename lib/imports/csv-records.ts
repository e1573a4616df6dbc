import { Readable } from "node:stream";
import { parse, CsvError } from "csv-parse";
import { startsLikeFormula } from "@/lib/exports/csv";

// CSV as spreadsheets write it, read as a stream with csv-parse: quoted
// fields with "" for a quote, separators and line breaks inside quotes,
// CRLF, LF or a lone CR (old Excel for Mac) between records, an optional
// UTF-8 byte-order mark, and a stray quote inside a plain field kept as
// text. The file is decoded as strict UTF-8 on the way, chunk by chunk, so
// neither the bytes nor the text of a large file are ever held whole.

/** The bytes (or text) of a file, as an upload or the job store hands them over. */
export type FileSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export type CsvRecord = { fields: string[]; /** The row a spreadsheet shows (1-based), even when a quoted field spans lines. */ row: number };

export type CsvProblemCode = "notUtf8" | "unterminatedQuote" | "tooManyRows";

/** Why a file could not be read as CSV, and at which row. */
export class CsvFileProblem extends Error {
  constructor(
    readonly code: CsvProblemCode,
    readonly row: number,
  ) {
    super(`${code} at row ${row}`);
  }
}

// The parser reads each piece it is given in one go: pieces this small keep
// that to a few milliseconds, however large the stored chunks are.
const pieceBytes = 16 * 1024;

async function* utf8Text(source: FileSource): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of source) {
      if (typeof chunk === "string") {
        for (let i = 0; i < chunk.length; i += pieceBytes) yield chunk.slice(i, i + pieceBytes);
        continue;
      }
      for (let i = 0; i < chunk.byteLength; i += pieceBytes) yield decoder.decode(chunk.subarray(i, i + pieceBytes), { stream: true });
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError) throw new CsvFileProblem("notUtf8", 1);
    throw error;
  }
}

// Small enough that the work on one batch (checking, planning) is a few
// milliseconds: the caller yields to the event loop between batches.
const recordsPerBatch = 25;

/**
 * The records of a CSV file, in batches (fewer awaits per record). Throws
 * CsvFileProblem for a file that is not UTF-8, a quote never closed, or more
 * than `maxRecords` records (the header counts).
 */
export async function* csvRecords(source: FileSource, maxRecords = Number.POSITIVE_INFINITY): AsyncGenerator<CsvRecord[]> {
  const text = Readable.from(utf8Text(source), { objectMode: true });
  const parser = parse({ bom: true, relax_quotes: true, relax_column_count: true, record_delimiter: ["\r\n", "\n", "\r"], info: true });
  text.on("error", (error) => parser.destroy(error));
  text.pipe(parser);
  let batch: CsvRecord[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      if (info.records > maxRecords) throw new CsvFileProblem("tooManyRows", info.records);
      batch.push({ fields: record, row: info.records });
      if (batch.length >= recordsPerBatch) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") throw new CsvFileProblem("unterminatedQuote", Number(error.records) + 1);
    throw error;
  } finally {
    text.destroy();
    parser.destroy();
  }
  if (batch.length > 0) yield batch;
}

/** Every record of a whole text (tests, and files small enough to hold). */
export async function csvRecordsOf(text: string, maxRecords?: number): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of csvRecords([text], maxRecords)) for (const r of batch) out.push(r.fields);
  return out;
}

/**
 * Undoes the export's defence against formula injection: a text cell that
 * starts like a formula was written with a leading apostrophe
 * (lib/exports/csv.ts neutralizeFormula), which is not part of the value.
 */
export function unneutralize(cell: string): string {
  return cell.startsWith("'") && startsLikeFormula(cell.slice(1)) ? cell.slice(1) : cell;
}
