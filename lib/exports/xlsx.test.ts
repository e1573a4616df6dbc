import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { maxBacklog, sheetBacklog, writeSheet, xlsxStream } from "./xlsx";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Rows of text that does not compress (so the zip cannot hide a backlog), about 2 KB of XML each.
let seed = 1;
const noise = () => {
  let text = "";
  for (let i = 0; i < 100; i++) {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    text += seed.toString(36);
  }
  return text;
};
const header = ["id", "a", "b", "c"];
const row = (r: number) => [`r${r}`, noise(), noise(), r];

describe("XLSX streaming writer", () => {
  it("sees the sheet XML that waits for the zip (the exceljs internals sheetBacklog reads are still there)", async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet("Rows");
    sheet.columns = header.map((h) => ({ header: h, key: h }));
    // Nobody reads the output and nothing yields: every row stays in the backlog.
    for (let r = 0; r < 500; r++) sheet.addRow(row(r)).commit();
    expect(sheetBacklog(sheet)).toBeGreaterThan(500 * 1000);
  });

  it("stops adding rows while the client does not read, and stops for good when the client leaves", { timeout: 20_000 }, async () => {
    const total = 20_000;
    let added = 0;
    let finished = false;
    const body = xlsxStream(async (workbook, output) => {
      try {
        await writeSheet(workbook, output, "Rows", header, async (sheet) => {
          for (let r = 0; r < total; r++) {
            await sheet.add(row(r));
            added++;
          }
        });
      } finally {
        finished = true;
      }
    });
    const reader = body.getReader();
    await reader.read();
    await sleep(1000);
    const stalledAt = added;
    await sleep(300);
    expect(added).toBe(stalledAt);
    // ≈ 2 KB a row: what waits anywhere stays near maxBacklog, not the thousands of rows a drain-only check let through.
    expect(stalledAt * 2000).toBeLessThan(2 * maxBacklog);
    await reader.cancel();
    for (let waited = 0; !finished && waited < 2000; waited += 20) await sleep(20);
    expect(finished).toBe(true);
    expect(added).toBeLessThan(total);
  });
});
