import { csvRecords, type CsvRecord, type EncodingChoice, type FileSource } from "./csv-records";
import type { TextEncoding } from "./text-encoding";
import { looksLikeXlsx, xlsxRecords } from "./xlsx-records";

/** How a file was read: a CSV in one of the text encodings, or a workbook. */
export type FileReading = TextEncoding | "xlsx";

/**
 * The records of an import file, CSV or XLSX (told apart by the zip
 * signature every .xlsx starts with, not by its name); `onReading` learns
 * which, and for a CSV the encoding used.
 */
export async function* fileRecords(
  source: FileSource,
  maxRecords: number,
  { encoding = "auto", onReading }: { encoding?: EncodingChoice; onReading?: (reading: FileReading) => void } = {},
): AsyncGenerator<CsvRecord[]> {
  const iterator = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()) as
    AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string>;
  const first = await iterator.next();
  if (first.done) return;
  async function* whole(): AsyncGenerator<Uint8Array | string> {
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (looksLikeXlsx(first.value)) {
    onReading?.("xlsx");
    yield* xlsxRecords(whole(), maxRecords);
  } else {
    yield* csvRecords(whole(), maxRecords, { encoding, onEncoding: onReading });
  }
}
