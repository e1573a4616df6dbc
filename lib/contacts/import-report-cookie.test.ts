import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";
import { decodeReport, encodeReport, type ImportReport } from "./import-report-cookie";

describe("the import report cookie", () => {
  it("round-trips a report, and keeps as many problems as fit in a cookie when there are many", () => {
    const small: ImportReport = { id: "r1", file: "客戶.csv", count: 1, problems: [{ row: 3, column: "電子郵件", code: "invalidEmail" }] };
    expect(decodeReport(encodeReport(small))).toEqual(small);
    const problems = Array.from({ length: 5000 }, (_, i) => ({
      row: i + 2,
      column: `column ${i % 7}`,
      code: "duplicateEmail" as const,
      params: { other: (i * 7919) % 4999 },
    }));
    const value = encodeReport({ id: "r2", file: "big.csv", count: 5000, problems });
    expect(value.length).toBeLessThanOrEqual(3600);
    const back = decodeReport(value)!;
    expect(back.count).toBe(5000);
    expect(back.problems.length).toBeGreaterThan(50);
    expect(back.problems).toEqual(problems.slice(0, back.problems.length));
  });

  it("refuses a forged or broken value", () => {
    expect(decodeReport(undefined)).toBeNull();
    expect(decodeReport("not-deflate")).toBeNull();
    expect(decodeReport(encodeReport({ id: "x", file: "f", count: 1, problems: [{ row: 1, column: "", code: "nope" as never }] }))).toBeNull();
  });
});

describe("the contacts cursor", () => {
  it("round-trips an email and refuses what no list handed out", () => {
    expect(decodeCursor(encodeCursor("lin.mei@example.com"))).toBe("lin.mei@example.com");
    for (const bad of ["", "!!", "a b", Buffer.from("a\u0000b").toString("base64url"), "x".repeat(401)]) expect(decodeCursor(bad), bad).toBeNull();
  });
});
