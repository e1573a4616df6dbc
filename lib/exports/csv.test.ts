import { describe, expect, it } from "vitest";
import { unneutralize } from "@/lib/imports/csv-records";
import { csvCell, csvLine } from "./csv";

describe("csvCell", () => {
  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("Harbour, North")).toBe('"Harbour, North"');
    expect(csvCell("St Mary's")).toBe("St Mary's");
  });

  it("writes numbers, booleans and missing values as they are", () => {
    expect(csvCell(-1.5)).toBe("-1.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvLine(["a", 1, true])).toBe("a,1,true\r\n");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
  });

  it("defuses the full-width ＝ ＋ － ＠ too", () => {
    for (const sign of ["＝", "＋", "－", "＠"]) expect(csvCell(`${sign}1+1`)).toBe(`'${sign}1+1`);
    expect(csvCell("a＝b")).toBe("a＝b");
  });

  it("is undone by the importer, so a round trip keeps the text", () => {
    for (const text of ["=1", "＝1", "－2", "'quoted", "plain"]) expect(unneutralize(csvCell(text))).toBe(text);
  });
});
