import { describe, expect, it } from "vitest";
import { csvLine, type Cell } from "@/lib/exports/csv";
import { parseCsv, unneutralize } from "./csv-parse";

const records = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`${parsed.code} at ${parsed.row}`);
  return parsed.records;
};

describe("the CSV parser", () => {
  it("splits plain fields and records, with or without a final line break", () => {
    expect(records("a,b,c\r\n1,2,3\r\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(records("a,b,c\n1,2,3")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(records("a\rb\r")).toEqual([["a"], ["b"]]);
  });

  it("keeps empty fields, also at the ends of a record", () => {
    expect(records(",a,,\n,\n")).toEqual([
      ["", "a", "", ""],
      ["", ""],
    ]);
    expect(records('""')).toEqual([[""]]);
    expect(records('a,""\n""\n')).toEqual([["a", ""], [""]]);
  });

  it("reads quoted separators, escaped quotes and line breaks inside a cell", () => {
    expect(records('"a,b","say ""hi""","two\r\nlines","x\ny"\r\nnext')).toEqual([["a,b", 'say "hi"', "two\r\nlines", "x\ny"], ["next"]]);
    expect(records('"""",""""""')).toEqual([['"', '""']]);
  });

  it("drops a UTF-8 byte-order mark and keeps Chinese text", () => {
    expect(records("\uFEFFresponse_id,segment\r\nr1,分店 B\r\n")).toEqual([
      ["response_id", "segment"],
      ["r1", "分店 B"],
    ]);
  });

  it("counts a record spanning several lines as one row", () => {
    const parsed = parseCsv('h\n"line 1\nline 2"\n"open');
    expect(parsed).toEqual({ ok: false, code: "unterminatedQuote", row: 3 });
  });

  it("refuses text after a closing quote but reads a stray quote inside plain text", () => {
    expect(parseCsv('a\n"x"y,1')).toEqual({ ok: false, code: "quoteInField", row: 2 });
    expect(records('5" tall,b')).toEqual([['5" tall', "b"]]);
  });

  it("stops after the row limit", () => {
    expect(parseCsv("h\n1\n2\n3\n", 3)).toEqual({ ok: false, code: "tooManyRows", row: 4 });
    expect(parseCsv("h\n1\n2\n", 3).ok).toBe(true);
  });

  it("reads back exactly what the export's writer wrote", () => {
    const rows: Cell[][] = [
      ["id", "comment", "n"],
      ["r-1", '服務太慢, "真的"\n等了很久', 3],
      ["r-2", "=SUM(A1)", -1.5],
      ["r-3", "", null],
    ];
    const parsed = records("\uFEFF" + rows.map(csvLine).join(""));
    expect(parsed.map((r) => r.map(unneutralize))).toEqual([
      ["id", "comment", "n"],
      ["r-1", '服務太慢, "真的"\n等了很久', "3"],
      ["r-2", "=SUM(A1)", "-1.5"],
      ["r-3", "", ""],
    ]);
  });

  it("undoes only the export's formula apostrophe", () => {
    expect(unneutralize("'=1+1")).toBe("=1+1");
    expect(unneutralize("'-5")).toBe("-5");
    expect(unneutralize("'quoted'")).toBe("'quoted'");
    expect(unneutralize("-5")).toBe("-5");
  });

  it("parses a file of 100,000 rows", () => {
    const line = 'r,2026-10-01T12:00:00.000Z,1,"Branch, A",en,one,a0,5,3,2,"a ""b""",false,rated,5,3\r\n';
    const text = line.repeat(100_000);
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.records.length).toBe(100_000);
    expect(parsed.ok && parsed.records[99_999][3]).toBe("Branch, A");
  });
});
