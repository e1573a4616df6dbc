import iconv from "iconv-lite";
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

  describe("files saved by Excel on Chinese Windows (Big5, GB18030)", () => {
    const traditional = "response_id,segment,comment\r\nr1,台北分店,櫃檯服務很好，但等待時間太長。\r\nr2,高雄分店,房間乾淨，早餐選擇不多。\r\n";
    const simplified = "response_id,segment,comment\r\nr1,上海分店,前台服务很好，但等待时间太长。\r\nr2,北京分店,房间干净，早餐选择不多。\r\n";
    const records = async (bytes: Uint8Array[], encoding?: "utf-8" | "big5" | "gb18030") => {
      const out: string[][] = [];
      let seen: string | undefined;
      for await (const batch of csvRecords(bytes, undefined, { encoding, onEncoding: (e) => (seen = e) })) for (const r of batch) out.push(r.fields);
      return { out, seen };
    };

    it("guesses Big5 and reads Traditional Chinese intact", async () => {
      const { out, seen } = await records([iconv.encode(traditional, "big5")]);
      expect(seen).toBe("big5");
      expect(out[1]).toEqual(["r1", "台北分店", "櫃檯服務很好，但等待時間太長。"]);
    });

    it("guesses GB18030 and reads Simplified Chinese intact", async () => {
      const { out, seen } = await records([iconv.encode(simplified, "gb18030")]);
      expect(seen).toBe("gb18030");
      expect(out[2]).toEqual(["r2", "北京分店", "房间干净，早餐选择不多。"]);
    });

    it("keeps UTF-8 for UTF-8, also when the file's start arrives in pieces and a character is cut between them", async () => {
      const bytes = new TextEncoder().encode(traditional.repeat(2000));
      let cut = 70_000;
      while ((bytes[cut] & 0xc0) !== 0x80) cut++; // inside a character
      const pieces = [bytes.subarray(0, 7), bytes.subarray(7, cut), bytes.subarray(cut)];
      const { out, seen } = await records(pieces);
      expect(seen).toBe("utf-8");
      expect(out).toHaveLength(3 * 2000);
      expect(out[4000]).toEqual(["r1", "台北分店", "櫃檯服務很好，但等待時間太長。"]);
    });

    it("decodes a large Big5 file across chunk boundaries, the guess made on its first 64 KB", async () => {
      const bytes = iconv.encode(traditional.repeat(3000), "big5");
      const pieces: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += 10_001) pieces.push(bytes.subarray(i, i + 10_001));
      const { out, seen } = await records(pieces);
      expect(seen).toBe("big5");
      expect(out.filter((r) => r[1] === "高雄分店")).toHaveLength(3000);
    });

    it("reads the encoding the manager chose, and refuses bytes that encoding does not have", async () => {
      const { out } = await records([iconv.encode(simplified, "gb18030")], "gb18030");
      expect(out[1][1]).toBe("上海分店");
      const read = async () => {
        for await (const batch of csvRecords([new Uint8Array([0x72, 0x2c, 0xa4, 0x0a])], undefined, { encoding: "big5" })) void batch;
      };
      await expect(read()).rejects.toMatchObject({ code: "notUtf8" });
    });
  });
});
