import { describe, expect, it } from "vitest";
import { fmt, fmtCi, fmtGap, fmtP, fmtPoints } from "./format";

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
