// RFC 4180 CSV as spreadsheets write it: quoted fields with "" for a quote,
// separators and line breaks inside quotes, CRLF or LF (or a lone CR, old
// Excel for Mac) between records, and an optional UTF-8 byte-order mark.
// Written here rather than taken from a package: it is small, and the
// importer needs exact record numbers for its problem report.

import { startsLikeFormula } from "@/lib/exports/csv";

export type CsvParseResult =
  { ok: true; records: string[][] } | { ok: false; code: "unterminatedQuote" | "quoteInField" | "tooManyRows"; row: number };

/**
 * Splits `text` into records of fields. Record n (1-based) is the row a
 * spreadsheet shows, even when a quoted field spans several lines. A final
 * line break does not make an empty record. Stops with `tooManyRows` after
 * `maxRecords` records, so a huge file fails fast.
 */
export function parseCsv(text: string, maxRecords = Number.POSITIVE_INFINITY): CsvParseResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = "";
  };
  while (i < length) {
    const ch = text[i];
    if (ch === '"' && field !== "") {
      // A quote inside an unquoted field is text, as spreadsheets read it.
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      // A quoted field: read to the closing quote, "" standing for one quote.
      let j = i + 1;
      let value = "";
      for (;;) {
        const close = text.indexOf('"', j);
        if (close === -1) return { ok: false, code: "unterminatedQuote", row: records.length + 1 };
        value += text.slice(j, close);
        if (text[close + 1] === '"') {
          value += '"';
          j = close + 2;
        } else {
          j = close + 1;
          break;
        }
      }
      field = value;
      i = j;
      const next = text[i];
      // Spreadsheets tolerate text after the closing quote; RFC 4180 does not.
      if (i < length && next !== "," && next !== "\r" && next !== "\n") return { ok: false, code: "quoteInField", row: records.length + 1 };
      // An empty quoted field must not be confused with "no field yet".
      if (i >= length) {
        endRecord();
        break;
      }
      continue;
    }
    if (ch === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      if (records.length > maxRecords) return { ok: false, code: "tooManyRows", row: records.length };
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      // Plain text up to the next separator, line break or quote.
      let j = i;
      while (j < length) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 13 || c === 10 || c === 34) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== "" || record.length > 0) endRecord();
  if (records.length > maxRecords) return { ok: false, code: "tooManyRows", row: records.length };
  return { ok: true, records };
}

/**
 * Undoes the export's defence against formula injection: a text cell that
 * starts like a formula was written with a leading apostrophe
 * (lib/exports/csv.ts neutralizeFormula), which is not part of the value.
 */
export function unneutralize(cell: string): string {
  return cell.startsWith("'") && startsLikeFormula(cell.slice(1)) ? cell.slice(1) : cell;
}
