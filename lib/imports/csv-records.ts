import { Readable } from "node:stream";
import { parse, CsvError } from "csv-parse";
import { startsLikeFormula } from "@/lib/exports/csv";
import { sniffBytes, sniffEncoding, textDecoder, textEncodings, type TextEncoding } from "./text-encoding";

// CSV as spreadsheets write it, read as a stream with csv-parse: quoted
// fields with "" for a quote, separators and line breaks inside quotes,
// CRLF, LF or a lone CR (old Excel for Mac) between records, an optional
// UTF-8 byte-order mark, and a stray quote inside a plain field kept as
// text. The file is decoded on the way, chunk by chunk (strict UTF-8, or
// Big5 / GB18030: lib/imports/text-encoding.ts), so neither the bytes nor the
// text of a large file are ever held whole.

/** The bytes (or text) of a file, as an upload or the job store hands them over. */
export type FileSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export type CsvRecord = { fields: string[]; /** The row a spreadsheet shows (1-based), even when a quoted field spans lines. */ row: number };

export type CsvProblemCode = "notUtf8" | "unterminatedQuote" | "tooManyRows" | "notXlsx" | "noResponsesSheet";

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

/** "auto": guessed from the file's first 64 KB. */
export const encodingChoices = ["auto", ...textEncodings] as const;
export type EncodingChoice = (typeof encodingChoices)[number];

async function* decodedText(source: FileSource, choice: EncodingChoice, onEncoding?: (encoding: TextEncoding) => void): AsyncGenerator<string> {
  let decoder: ReturnType<typeof textDecoder> | null = choice === "auto" ? null : textDecoder(choice);
  let encoding: TextEncoding | null = choice === "auto" ? null : choice;
  if (encoding) onEncoding?.(encoding);
  // Until the encoding is known (auto), the file's start waits here.
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  function* decode(bytes: Uint8Array): Generator<string> {
    for (let i = 0; i < bytes.byteLength; i += pieceBytes) yield decoder!.write(bytes.subarray(i, i + pieceBytes));
  }
  function choose(): Uint8Array {
    const sample = Buffer.concat(held);
    held = [];
    encoding = sniffEncoding(sample.subarray(0, sniffBytes));
    onEncoding?.(encoding);
    decoder = textDecoder(encoding);
    return sample;
  }
  try {
    for await (const chunk of source) {
      if (typeof chunk === "string") {
        for (let i = 0; i < chunk.length; i += pieceBytes) yield chunk.slice(i, i + pieceBytes);
        continue;
      }
      if (!decoder) {
        held.push(chunk);
        heldBytes += chunk.byteLength;
        if (heldBytes < sniffBytes) continue;
        yield* decode(choose());
        continue;
      }
      yield* decode(chunk);
    }
    if (!decoder && heldBytes > 0) yield* decode(choose());
    const rest = decoder?.end();
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
 * CsvFileProblem for a file that is not valid in its encoding (strict for
 * UTF-8), a quote never closed, or more than `maxRecords` records (the header
 * counts). `encoding` says how its bytes are read ("auto": guessed, told to
 * `onEncoding`).
 */
export async function* csvRecords(
  source: FileSource,
  maxRecords = Number.POSITIVE_INFINITY,
  { encoding = "auto", onEncoding }: { encoding?: EncodingChoice; onEncoding?: (encoding: TextEncoding) => void } = {},
): AsyncGenerator<CsvRecord[]> {
  const text = Readable.from(decodedText(source, encoding, onEncoding), { objectMode: true });
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
