import { describe, expect, it } from "vitest";
import { fmt, fmtCi, fmtGap, fmtP, fmtPoints, fmtMinute } from "./format";

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

describe("fmtMinute", () => {
  const format = { dateTime: (date: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", options).format(date) };
  it("shows the moment in the workspace's zone to the minute, naming the zone", () => {
    expect(fmtMinute(format, Date.UTC(2026, 10, 30, 9, 5), "UTC", "en")).toBe("30 Nov 2026, 09:05 UTC");
    expect(fmtMinute(format, Date.UTC(2026, 10, 30, 9, 5), "Asia/Taipei", "en")).toBe("30 Nov 2026, 17:05 Taiwan Time");
    expect(fmtMinute(format, Date.UTC(2026, 6, 1, 13, 0), "America/New_York", "en")).toBe("1 Jul 2026, 09:00 EDT");
  });
  it("puts the zone in full-width brackets in Chinese", () => {
    const zh = { dateTime: (date: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("zh-Hant", options).format(date) };
    expect(fmtMinute(zh, Date.UTC(2026, 11, 5, 1, 0), "Asia/Taipei", "zh-Hant")).toBe("2026年12月5日 上午9:00（台灣時間）");
  });
});
