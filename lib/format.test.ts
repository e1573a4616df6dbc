import { describe, expect, it } from "vitest";
import { fmt, fmtCi, fmtGap, fmtP, fmtPoints, fmtUtcMinute } from "./format";

describe("display rounding", () => {
  it("gives two decimals, never -0.00, and a dash where nothing can be computed", () => {
    expect(fmt(1.005 + 1)).toBe("2.00");
    expect(fmt(-0.001)).toBe("0.00");
    expect(fmt(null)).toBe("—");
    expect(fmt(Number.NaN)).toBe("—");
  });

  it("signs a shortfall, and writes p, intervals and points as readers expect", () => {
    expect(fmtGap(0.714)).toBe("+0.71");
    expect(fmtGap(-0.2)).toBe("-0.20");
    expect(fmtP(0.0004)).toBe("< 0.001");
    expect(fmtCi([0.1, 0.25])).toBe("[0.10, 0.25]");
    expect(fmtPoints(16.666)).toBe("16.67");
    expect(fmtPoints(20)).toBe("20");
  });
});

describe("fmtUtcMinute", () => {
  it("shows the moment in UTC to the minute, whatever the formatter's own zone", () => {
    const format = { dateTime: (date: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", options).format(date) };
    expect(fmtUtcMinute(format, Date.UTC(2026, 10, 30, 9, 5))).toBe("30 Nov 2026, 09:05 UTC");
  });
});
