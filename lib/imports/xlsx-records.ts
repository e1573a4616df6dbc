import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import type { CellValue } from "exceljs";
import { CsvFileProblem, type CsvRecord, type FileSource } from "./csv-records";

// A workbook read as the import reads a CSV: the first sheet with a
// `response_id` column (the product's own XLSX export keeps its responses in
// the "Responses" sheet, after the summary sheets), row by row from a
// streaming reader, each cell as the text a CSV of it would hold.

/** Whether a file's first bytes are a zip's, as every .xlsx is. */
export function looksLikeXlsx(first: Uint8Array | string): boolean {
  return typeof first !== "string" && first.length >= 4 && first[0] === 0x50 && first[1] === 0x4b && first[2] === 0x03 && first[3] === 0x04;
}

/** A cell's value as CSV text: numbers as JavaScript writes them, dates in ISO 8601, rich text and formulas by their text or result. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return cellText(value.result as CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

const recordsPerBatch = 25;

export async function* xlsxRecords(source: FileSource, maxRecords = Number.POSITIVE_INFINITY): AsyncGenerator<CsvRecord[]> {
  async function* bytes() {
    for await (const chunk of source)
      yield typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  const input = Readable.from(bytes());
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    entries: "ignore",
  });
  let found = false;
  try {
    for await (const sheet of workbook) {
      if (found) continue;
      let batch: CsvRecord[] = [];
      let isResponses: boolean | null = null;
      for await (const row of sheet) {
        const values = (row.values as CellValue[]).slice(1).map(cellText);
        if (isResponses === null) {
          isResponses = values.some((v) => v.trim() === "response_id");
          if (!isResponses) break;
          found = true;
        }
        if (row.number > maxRecords) throw new CsvFileProblem("tooManyRows", row.number);
        batch.push({ fields: values, row: row.number });
        if (batch.length >= recordsPerBatch) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    if (error instanceof CsvFileProblem) throw error;
    throw new CsvFileProblem("notXlsx", 1);
  } finally {
    input.destroy();
  }
  if (!found) throw new CsvFileProblem("noResponsesSheet", 1);
}
