import { describe, expect, it } from "vitest";
import { csvLine, type Cell } from "@/lib/exports/csv";
import { csvRecords, csvRecordsOf, CsvFileProblem, unneutralize } from "./csv-records";

const records = csvRecordsOf;

/** The problem reading `text` ends on, as { code, row }. */
async function problemOf(text: string, maxRecords?: number) {
  try {
    await csvRecordsOf(text, maxRecords);
  } catch (error) {
    if (error instanceof CsvFileProblem) return { code: error.code, row: error.row };
    throw error;
  }
  return null;
}

describe("the CSV reader", () => {
  it("splits plain fields and records, with or without a final line break", async () => {
    expect(await records("a,b,c\r\n1,2,3\r\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(await records("a,b,c\n1,2,3")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(await records("a\rb\r")).toEqual([["a"], ["b"]]);
  });

  it("keeps empty fields, also at the ends of a record", async () => {
    expect(await records(",a,,\n,\n")).toEqual([
      ["", "a", "", ""],
      ["", ""],
    ]);
    expect(await records('""')).toEqual([[""]]);
    expect(await records('a,""\n""\n')).toEqual([["a", ""], [""]]);
  });

  it("reads quoted separators, escaped quotes and line breaks inside a cell", async () => {
    expect(await records('"a,b","say ""hi""","two\r\nlines","x\ny"\r\nnext')).toEqual([["a,b", 'say "hi"', "two\r\nlines", "x\ny"], ["next"]]);
    expect(await records('"""",""""""')).toEqual([['"', '""']]);
  });

  it("drops a UTF-8 byte-order mark and keeps Chinese text", async () => {
    expect(await records("\uFEFFresponse_id,segment\r\nr1,分店 B\r\n")).toEqual([
      ["response_id", "segment"],
      ["r1", "分店 B"],
    ]);
  });

  it("counts a record spanning several lines as one row", async () => {
    expect(await problemOf('h\n"line 1\nline 2"\n"open')).toEqual({ code: "unterminatedQuote", row: 3 });
  });

  it("keeps a stray quote as text, inside plain text and after a quoted start", async () => {
    expect(await records('5" tall,b')).toEqual([['5" tall', "b"]]);
    expect(await records('a\n"x"y,1')).toEqual([["a"], ['"x"y', "1"]]);
  });

  it("stops after the row limit", async () => {
    expect(await problemOf("h\n1\n2\n3\n", 3)).toEqual({ code: "tooManyRows", row: 4 });
    expect(await problemOf("h\n1\n2\n", 3)).toBeNull();
  });

  it("reads back exactly what the export's writer wrote", async () => {
    const rows: Cell[][] = [
      ["id", "comment", "n"],
      ["r-1", '服務太慢, "真的"\n等了很久', 3],
      ["r-2", "=SUM(A1)", -1.5],
      ["r-3", "", null],
    ];
    const parsed = await records("\uFEFF" + rows.map(csvLine).join(""));
    expect(parsed.map((r) => r.map(unneutralize))).toEqual([
      ["id", "comment", "n"],
      ["r-1", '服務太慢, "真的"\n等了很久', "3"],
      ["r-2", "=SUM(A1)", "-1.5"],
      ["r-3", "", ""],
    ]);
  });

  it("undoes only the export's formula apostrophe", async () => {
    expect(unneutralize("'=1+1")).toBe("=1+1");
    expect(unneutralize("'-5")).toBe("-5");
    expect(unneutralize("'quoted'")).toBe("'quoted'");
    expect(unneutralize("-5")).toBe("-5");
  });

  it("parses a file of 100,000 rows", async () => {
    const line = 'r,2026-10-01T12:00:00.000Z,1,"Branch, A",en,one,a0,5,3,2,"a ""b""",false,rated,5,3\r\n';
    const text = line.repeat(100_000);
    const parsed = await records(text);
    expect(parsed.length).toBe(100_000);
    expect(parsed[99_999][3]).toBe("Branch, A");
  });

  it("reads a file streamed in chunks that split records, quotes and characters", async () => {
    const text = 'id,comment\r\nr1,"服務, ""好""\n很好"\r\nr2,ok\r\n';
    const bytes = Buffer.from(text, "utf8");
    const chunks = [...Array(bytes.length).keys()].map((i) => bytes.subarray(i, i + 1));
    const rows: { fields: string[]; row: number }[] = [];
    for await (const batch of csvRecords(chunks)) rows.push(...batch);
    expect(rows).toEqual([
      { fields: ["id", "comment"], row: 1 },
      { fields: ["r1", '服務, "好"\n很好'], row: 2 },
      { fields: ["r2", "ok"], row: 3 },
    ]);
  });

  it("refuses bytes that are not UTF-8", async () => {
    const read = async () => {
      for await (const batch of csvRecords([new Uint8Array([0x72, 0x2c, 0xe9, 0x0a])])) void batch;
    };
    await expect(read()).rejects.toMatchObject({ code: "notUtf8", row: 1 });
  });
});
