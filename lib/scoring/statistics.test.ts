import { describe, it, expect } from "vitest";
import { addMoments, meanStat, momentsOf, pairedGapStat, sdOf, tQuantile, twoSidedP, varianceOf, welchTest } from "./statistics";

const EXACT = 1e-9;
const TABLE = 1e-6;

// R's `sleep` data set, the example of R's ?t.test.
const sleep1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleep2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("moments", () => {
  it("momentsOf and addMoments keep n, Σx, Σx²", () => {
    expect(momentsOf([1, 2, 3])).toEqual({ n: 3, sum: 6, sumSq: 14 });
    expect(addMoments(momentsOf([1, 2]), momentsOf([3]))).toEqual(momentsOf([1, 2, 3]));
    expect(momentsOf([])).toEqual({ n: 0, sum: 0, sumSq: 0 });
  });

  it("variance uses n − 1 and snaps cancellation noise to exactly 0", () => {
    expect(varianceOf(momentsOf([2, 4, 4, 4, 5, 5, 7, 9]))).toBeCloseTo(32 / 7, 12);
    expect(varianceOf(momentsOf([16 / 3, 16 / 3, 16 / 3]))).toBe(0);
    expect(varianceOf(momentsOf([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]))).toBe(0);
    expect(varianceOf(momentsOf([5]))).toBeNull();
    expect(sdOf(momentsOf([]))).toBeNull();
  });
});

describe("Student's t against published tables", () => {
  it("quantiles t(0.975, df)", () => {
    expect(Math.abs(tQuantile(0.975, 1) - 12.706204736)).toBeLessThan(TABLE);
    expect(Math.abs(tQuantile(0.975, 2) - 4.30265273)).toBeLessThan(TABLE);
    expect(Math.abs(tQuantile(0.975, 9) - 2.262157163)).toBeLessThan(TABLE);
    expect(Math.abs(tQuantile(0.975, 10) - 2.228138852)).toBeLessThan(TABLE);
    expect(Math.abs(tQuantile(0.975, 29) - 2.045229642)).toBeLessThan(TABLE);
  });

  it("two-sided p-values", () => {
    expect(Math.abs(twoSidedP(2.0, 10) - 0.07338803)).toBeLessThan(TABLE);
    expect(Math.abs(twoSidedP(-2.0, 10) - 0.07338803)).toBeLessThan(TABLE);
    expect(Math.abs(twoSidedP(2.228138852, 10) - 0.05)).toBeLessThan(TABLE);
    expect(twoSidedP(0, 5)).toBe(1);
  });
});

describe("meanStat", () => {
  it("n, mean, SD and the 95% t interval, by hand", () => {
    // x = 1..5: mean 3, s² = 10/4, CI = 3 ± t(.975,4)·√2.5/√5.
    const s = meanStat(momentsOf([1, 2, 3, 4, 5]));
    const half = (tQuantile(0.975, 4) * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(Math.abs((s.sd ?? NaN) - Math.sqrt(2.5))).toBeLessThan(EXACT);
    expect(Math.abs((s.ci?.[0] ?? NaN) - (3 - half))).toBeLessThan(EXACT);
    expect(Math.abs((s.ci?.[1] ?? NaN) - (3 + half))).toBeLessThan(EXACT);
    expect(Math.abs(half - 2.776445105 * Math.sqrt(0.5))).toBeLessThan(TABLE);
  });

  it("mean null when n = 0, sd and ci null when n < 2", () => {
    expect(meanStat(momentsOf([]))).toEqual({ n: 0, mean: null, sd: null, ci: null });
    expect(meanStat(momentsOf([4]))).toEqual({ n: 1, mean: 4, sd: null, ci: null });
  });
});

describe("pairedGapStat", () => {
  it("matches R's paired t.test on the sleep data", () => {
    // t.test(extra ~ group, data = sleep, paired = TRUE):
    // t = -4.0621, df = 9, p-value = 0.002833, CI -2.4598858 -0.7001142, mean -1.58
    const g = pairedGapStat(momentsOf(sleep1.map((x, i) => x - sleep2[i])));
    expect(Math.abs((g.mean ?? NaN) + 1.58)).toBeLessThan(EXACT);
    expect(Math.abs((g.t ?? NaN) + 4.0621)).toBeLessThan(5e-5);
    expect(Math.abs((g.p ?? NaN) - 0.002833)).toBeLessThan(5e-7);
    expect(Math.abs((g.ci?.[0] ?? NaN) + 2.4598858)).toBeLessThan(5e-8);
    expect(Math.abs((g.ci?.[1] ?? NaN) + 0.7001142)).toBeLessThan(5e-8);
    expect(g.verdict).toBe("exceeded");
  });

  it("hand-checked: gaps 1, 2, 3 give t = 2/(1/√3), df 2", () => {
    const g = pairedGapStat(momentsOf([1, 2, 3]));
    expect(g.mean).toBe(2);
    expect(Math.abs((g.t ?? NaN) - 2 * Math.sqrt(3))).toBeLessThan(EXACT);
    expect(Math.abs((g.p ?? NaN) - twoSidedP(2 * Math.sqrt(3), 2))).toBeLessThan(EXACT);
    const half = tQuantile(0.975, 2) / Math.sqrt(3);
    expect(Math.abs((g.ci?.[0] ?? NaN) - (2 - half))).toBeLessThan(EXACT);
    // CI = 2 ± 4.3027/√3 = [−0.48, 4.48] straddles 0.
    expect(g.verdict).toBe("met");
  });

  it("verdicts: above 0 shortfall, straddling met, below 0 exceeded", () => {
    expect(pairedGapStat(momentsOf([1, 1.2, 0.9, 1.1, 1])).verdict).toBe("shortfall");
    expect(pairedGapStat(momentsOf([-1, 1, 0.5, -0.5])).verdict).toBe("met");
    expect(pairedGapStat(momentsOf([-1, -1.2, -0.9, -1.1])).verdict).toBe("exceeded");
  });

  it("zero spread: t null, p 0 unless the gap is 0, no NaN anywhere", () => {
    const pos = pairedGapStat(momentsOf([1, 1, 1]));
    expect(pos).toEqual({ n: 3, mean: 1, sd: 0, ci: [1, 1], t: null, p: 0, verdict: "shortfall" });
    const zero = pairedGapStat(momentsOf([0, 0]));
    expect(zero).toEqual({ n: 2, mean: 0, sd: 0, ci: [0, 0], t: null, p: null, verdict: "met" });
    expect(pairedGapStat(momentsOf([2]))).toEqual({ n: 1, mean: 2, sd: null, ci: null, t: null, p: null, verdict: null });
    expect(pairedGapStat(momentsOf([]))).toEqual({ n: 0, mean: null, sd: null, ci: null, t: null, p: null, verdict: null });
  });
});

describe("welchTest", () => {
  it("matches R's Welch t.test on the sleep data", () => {
    // t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776,
    // p-value = 0.07939, CI -3.3654832 0.2054832, means 0.75 and 2.33
    const w = welchTest(momentsOf(sleep1), momentsOf(sleep2));
    expect(Math.abs((w.difference ?? NaN) - (0.75 - 2.33))).toBeLessThan(EXACT);
    expect(Math.abs((w.t ?? NaN) + 1.8608)).toBeLessThan(5e-5);
    expect(Math.abs((w.df ?? NaN) - 17.776)).toBeLessThan(5e-4);
    expect(Math.abs((w.p ?? NaN) - 0.07939)).toBeLessThan(5e-6);
    expect(Math.abs((w.ci?.[0] ?? NaN) + 3.3654832)).toBeLessThan(5e-8);
    expect(Math.abs((w.ci?.[1] ?? NaN) - 0.2054832)).toBeLessThan(5e-8);
  });

  it("hand-checked Welch–Satterthwaite", () => {
    // a = 19.1, 21.2, 20.3, 22.0 ; b = 18.0, 19.5, 18.7
    const a = [19.1, 21.2, 20.3, 22.0];
    const b = [18.0, 19.5, 18.7];
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = (xs: number[]) => xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
    const qa = v(a) / 4;
    const qb = v(b) / 3;
    const df = (qa + qb) ** 2 / (qa ** 2 / 3 + qb ** 2 / 2);
    const t = (mean(a) - mean(b)) / Math.sqrt(qa + qb);
    const w = welchTest(momentsOf(a), momentsOf(b));
    expect(Math.abs((w.difference ?? NaN) - (20.65 - 18.733333333333333))).toBeLessThan(EXACT);
    expect(Math.abs((w.df ?? NaN) - df)).toBeLessThan(EXACT);
    expect(Math.abs((w.t ?? NaN) - t)).toBeLessThan(EXACT);
    expect(Math.abs((w.p ?? NaN) - twoSidedP(t, df))).toBeLessThan(EXACT);
  });

  // scipy.stats.ttest_ind(a, b, equal_var=False) and .confidence_interval(0.95), SciPy 1.17:
  // the small staff groups of gaps 1–4 (2 to 5 answers).
  it.each([
    { a: [7, 6, 6], b: [6, 5], t: 1.3867504905630723, p: 0.3058986703151705, df: 1.898876404494382, ci: [-1.8887772533579459, 3.555443920024612] },
    // A group of 2 with no spread: df falls back to the other group's n − 1.
    { a: [7, 7], b: [5, 5.5, 6, 4.5, 5], t: 7.060180864974624, p: 0.0021228830538394692, df: 4, ci: [1.0921426115088637, 2.5078573884911357] },
    {
      a: [6.5, 7, 5.5, 6],
      b: [4, 5],
      t: 2.9405881764588204,
      p: 0.10510070034332412,
      df: 1.8971553610503278,
      ci: [-0.948320414456191, 4.448320414456191],
    },
  ])("matches SciPy's Welch test and interval for small groups: $a vs $b", ({ a, b, t, p, df, ci }) => {
    const w = welchTest(momentsOf(a), momentsOf(b));
    expect(Math.abs((w.t ?? NaN) - t)).toBeLessThan(1e-9);
    expect(Math.abs((w.df ?? NaN) - df)).toBeLessThan(1e-9);
    expect(Math.abs((w.p ?? NaN) - p)).toBeLessThan(1e-9);
    expect(Math.abs((w.ci?.[0] ?? NaN) - ci[0])).toBeLessThan(1e-9);
    expect(Math.abs((w.ci?.[1] ?? NaN) - ci[1])).toBeLessThan(1e-9);
  });

  it("nulls when a group has fewer than 2, difference null when one is empty", () => {
    expect(welchTest(momentsOf([1]), momentsOf([1, 2]))).toEqual({ difference: -0.5, t: null, df: null, p: null, ci: null });
    expect(welchTest(momentsOf([]), momentsOf([1, 2])).difference).toBeNull();
    expect(welchTest(momentsOf([3, 3]), momentsOf([1, 1]))).toEqual({ difference: 2, t: null, df: null, p: 0, ci: [2, 2] });
  });
});
