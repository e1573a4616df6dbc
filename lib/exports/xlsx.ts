import ExcelJS from "exceljs";
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import type { Cell } from "./csv";

// exceljs's streaming writer: rows are zipped as they are committed, so the
// workbook never sits in memory. It works synchronously per row, so the
// writer yields to the event loop every `yieldEvery` rows (STACK.md).

export const yieldEvery = 2000;

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
      sheet.addRow(values.map(toXlsx)).commit();
      if (++count % yieldEvery === 0) {
        if (output.writableNeedDrain) await once(output, "drain");
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  });
  sheet.commit();
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
