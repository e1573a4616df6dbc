import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";
import type { Cell } from "./csv";

// exceljs's streaming writer (4.4.0, shared strings off): rows are zipped as
// they are committed, so the workbook never sits in memory. It works
// synchronously per row, so the writer yields to the event loop every
// `yieldEvery` rows (STACK.md).
//
// Its streams ignore backpressure, though: a sheet's XML goes into a StreamBuf
// that never refuses a write, which archiver wraps in a PassThrough that holds
// everything until the zip's deflate reads it. Waiting for the download's
// "drain" alone let that buffer grow by the whole sheet (≈ 70 MB of XML for
// 40,000 rows of 60 cells behind a slow client, measured). So the writer
// also measures that buffer (sheetBacklog) and waits while it holds more than
// `maxBacklog` bytes: after it, every stage (deflate, zip, the download) has
// real backpressure.

export const yieldEvery = 2000;
/** How a fraction is displayed: three decimals (means, gaps, p-values to 0.001). */
export const decimalFormat = "0.000";
/** Uncompressed sheet XML allowed to wait for the zip before rows stop being added. */
export const maxBacklog = 1 << 20;
const checkEvery = 50;
const backlogPollMs = 5;

export type SheetWriter = {
  /** Adds a row; resolves after yielding to the event loop when due. Rejects once the download is gone. */
  add(values: Cell[]): Promise<void>;
};

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

const toXlsx = (value: Cell) =>
  value === null || value === undefined ? undefined : typeof value === "number" && !Number.isFinite(value) ? undefined : value;

export class DownloadGone extends Error {}

export async function writeSheet(
  workbook: Workbook,
  output: PassThrough,
  name: string,
  header: string[],
  fill: (sheet: SheetWriter) => Promise<void>,
  widths: number[] = [],
): Promise<void> {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((h, i) => ({ header: h, key: `c${i}`, width: widths[i] ?? Math.min(40, Math.max(10, h.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  await fill({
    async add(values) {
      if (output.destroyed) throw new DownloadGone();
      const row = sheet.addRow(values.map(toXlsx));
      // Fractions show rounded (the value in the cell stays exact, as the API gives it).
      values.forEach((value, i) => {
        if (typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)) row.getCell(i + 1).numFmt = decimalFormat;
      });
      row.commit();
      count++;
      if (count % checkEvery === 0) {
        // Polled, not awaited on an event: the zip takes from the backlog without telling, and a download that is gone sends no "drain".
        while (sheetBacklog(sheet) > maxBacklog || output.writableNeedDrain) {
          if (output.destroyed) throw new DownloadGone();
          await new Promise<void>((resolve) => setTimeout(resolve, backlogPollMs));
        }
      }
      if (count % yieldEvery === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    },
  });
  sheet.commit();
}

type BufferedStream = { _readableState?: { length?: number }; _writableState?: { length?: number } };
type SheetInternals = { _stream?: { buffers?: { length: number }[]; pipes?: BufferedStream[] } };

/**
 * Bytes of a sheet's XML that exceljs has written and the zip has not yet
 * read: the sheet stream's own buffers and what waits in the streams it
 * writes to. Reads exceljs 4.4.0's and archiver 5's internals (checked by a
 * test, so an upgrade that moves them fails there instead of silently).
 */
export function sheetBacklog(sheet: ExcelJS.Worksheet): number {
  const stream = (sheet as unknown as SheetInternals)._stream;
  if (!stream) return 0;
  let bytes = 0;
  for (const buffer of stream.buffers ?? []) bytes += buffer.length;
  for (const pipe of stream.pipes ?? []) bytes += (pipe._readableState?.length ?? 0) + (pipe._writableState?.length ?? 0);
  return bytes;
}

/** Streams a workbook that `build` fills sheet by sheet. */
export function xlsxStream(build: (workbook: Workbook, output: PassThrough) => Promise<void>): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  void (async () => {
    try {
      await build(workbook, output);
      await workbook.commit();
    } catch (error) {
      if (!(error instanceof DownloadGone)) {
        console.error("XLSX export failed", error);
        output.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    }
  })();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
