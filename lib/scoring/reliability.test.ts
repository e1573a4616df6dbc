import { describe, it, expect } from "vitest";
import { cronbachAlpha, cronbachAlphaFromMatrix } from "./reliability";
import { momentsOf } from "./statistics";
import type { AlphaMoments } from "./types";

const EXACT = 1e-9;

/** α the textbook way: k/(k−1)·(1 − Σσ_ii / ΣΣσ_ij) from the covariance matrix. */
function alphaByCovariance(rows: number[][]): number {
  const n = rows.length;
  const k = rows[0].length;
  const means = Array.from({ length: k }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  let diag = 0;
  let all = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const cov = rows.reduce((s, r) => s + (r[i] - means[i]) * (r[j] - means[j]), 0) / (n - 1);
      all += cov;
      if (i === j) diag += cov;
    }
  }
  return (k / (k - 1)) * (1 - diag / all);
}

const alphaMoments = (rows: number[][]): AlphaMoments => ({
  itemIds: rows[0].map((_, i) => `i${i}`),
  items: rows[0].map((_, i) => momentsOf(rows.map((r) => r[i]))),
  total: momentsOf(rows.map((r) => r.reduce((s, x) => s + x, 0))),
});

describe("Cronbach's α", () => {
  it("hand-checked 3 × 2: s²_i = 1, 1, s²_total = 3 → α = 2·(1 − 2/3) = 2/3", () => {
    const rows = [
      [1, 1],
      [2, 3],
      [3, 2],
    ];
    expect(Math.abs((cronbachAlphaFromMatrix(rows) ?? NaN) - 2 / 3)).toBeLessThan(EXACT);
  });

  it("hand-checked 5 × 3: s²_i = .7, .8, .7, s²_total = 4.3 → α = 1.5·(1 − 2.2/4.3) = 63/86", () => {
    const rows = [
      [3, 4, 3],
      [2, 3, 4],
      [4, 4, 5],
      [3, 2, 3],
      [4, 4, 4],
    ];
    expect(Math.abs((cronbachAlphaFromMatrix(rows) ?? NaN) - 63 / 86)).toBeLessThan(EXACT);
    expect(Math.abs((cronbachAlpha(alphaMoments(rows)) ?? NaN) - 63 / 86)).toBeLessThan(EXACT);
  });

  it("agrees with the covariance-matrix form on a 7-point 10 × 5 data set", () => {
    const rows = [
      [7, 6, 7, 5, 6],
      [5, 5, 4, 4, 5],
      [6, 7, 6, 6, 7],
      [3, 2, 4, 3, 2],
      [4, 5, 5, 3, 4],
      [6, 6, 5, 7, 6],
      [2, 3, 2, 1, 3],
      [5, 4, 6, 5, 5],
      [7, 7, 6, 6, 7],
      [4, 3, 3, 4, 2],
    ];
    const expected = alphaByCovariance(rows);
    expect(Math.abs((cronbachAlpha(alphaMoments(rows)) ?? NaN) - expected)).toBeLessThan(EXACT);
    expect(Math.abs((cronbachAlphaFromMatrix(rows) ?? NaN) - expected)).toBeLessThan(EXACT);
    expect(expected).toBeGreaterThan(0.9);
  });

  it("null when k < 2, n < 2 or the totals do not vary", () => {
    expect(cronbachAlphaFromMatrix([[1], [2], [3]])).toBeNull();
    expect(cronbachAlphaFromMatrix([[1, 2]])).toBeNull();
    expect(cronbachAlphaFromMatrix([])).toBeNull();
    expect(
      cronbachAlphaFromMatrix([
        [1, 3],
        [3, 1],
      ]),
    ).toBeNull();
  });
});
