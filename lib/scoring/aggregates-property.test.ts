// Property test: for random workloads, the incremental aggregates (one
// contribution at a time, buckets merged in any grouping, flat rows summed)
// equal a from-scratch recompute, and computeResults on them equals the
// METHOD.md means computed directly from the raw responses, in the plainest
// way possible and without any of the library's aggregate code.

import { describe, it, expect } from "vitest";
import {
  addContribution,
  addContributionInto,
  addPerspectiveContribution,
  contributionOf,
  emptyAggregate,
  emptyPerspectiveAggregate,
  mergeAggregates,
  mergePerspectiveAggregates,
  perspectiveContributionOf,
  recomputeAggregate,
  recomputePerspectiveAggregate,
  type CustomerAggregate,
  type PerspectiveAggregate,
} from "./aggregates";
import { customerAggregateEntries, customerAggregateFromEntries } from "./aggregate-entries";
import { computeResults, type Results } from "./results";
import { tQuantile } from "./statistics";
import { perspectives, type CustomerAnswer, type Perspective, type PerspectiveAnswer, type VersionDefinition } from "./types";
import { mulberry32 } from "@/lib/questions/prng";

const TOL = 1e-9;

const item = (id: string, reverse = false) => ({ id, key: `k-${id}`, reverse });
const v1: VersionDefinition = {
  scale: 7,
  criteria: [
    { id: "c1", key: "one", weight: 40, items: [item("i1"), item("i2", true), item("i3"), item("i4")] },
    { id: "c2", key: "two", weight: 35, items: [item("i5"), item("i6"), item("i7", true), item("i8")] },
    { id: "c3", key: "three", weight: 25, items: [item("i9"), item("i10"), item("i11"), item("i12", true)] },
  ],
};
// v2 drops i4, adds i13 (reverse) and i14, adds criterion c4: different item sets per criterion.
const v2: VersionDefinition = {
  scale: 7,
  criteria: [
    { id: "c1", key: "one", weight: 30, items: [item("i1"), item("i2", true), item("i3"), item("i13", true)] },
    { id: "c2", key: "two", weight: 20, items: [item("i5"), item("i6"), item("i7", true), item("i8"), item("i14")] },
    { id: "c3", key: "three", weight: 20, items: [item("i9"), item("i10"), item("i11"), item("i12", true)] },
    { id: "c4", key: "four", weight: 30, items: [item("i15"), item("i16"), item("i17"), item("i18", true)] },
  ],
};

type CustomerRaw = { version: VersionDefinition; answers: CustomerAnswer[]; weights?: Record<string, number> };
type PerspectiveRaw = { version: VersionDefinition; answers: PerspectiveAnswer[] };

function workload(seed: number, options: { c4Answered: boolean; emptyPerspective?: Perspective }) {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const rating = () => int(1, 7);
  const customers: CustomerRaw[] = [];
  for (let r = 0; r < 240; r++) {
    const version = rnd() < 0.45 ? v1 : v2;
    const answers: CustomerAnswer[] = [];
    for (const c of version.criteria) {
      if (c.id === "c4" && !options.c4Answered) continue;
      if (rnd() < 0.12) continue; // criterion left unanswered by this respondent
      for (const i of c.items) {
        const u = rnd();
        if (u < 0.05) continue; // answer missing
        if (u < 0.15)
          answers.push({ itemId: i.id, expected: null, perceived: null }); // N/A
        else if (u < 0.2)
          answers.push({ itemId: i.id, expected: rating(), perceived: null }); // half pair
        else if (u < 0.23) answers.push({ itemId: i.id, expected: null, perceived: rating() });
        else answers.push({ itemId: i.id, expected: rating(), perceived: rating() });
      }
    }
    if (rnd() < 0.05) answers.push({ itemId: "ghost", expected: 7, perceived: 1 }); // unknown item
    let weights: Record<string, number> | undefined;
    if (rnd() < 0.5) {
      const raw = version.criteria.map(() => rnd());
      const total = raw.reduce((s, x) => s + x, 0);
      weights = Object.fromEntries(version.criteria.map((c, i) => [c.key, (100 * raw[i]) / total]));
    }
    customers.push({ version, answers, weights });
  }
  const internal = {} as Record<Perspective, PerspectiveRaw[]>;
  for (const p of perspectives) {
    const count = p === options.emptyPerspective ? 0 : int(2, 9);
    internal[p] = Array.from({ length: count }, () => {
      const version = rnd() < 0.5 ? v1 : v2;
      const answers = version.criteria.flatMap((c) =>
        c.items.filter(() => rnd() > 0.05).map((i) => ({ itemId: i.id, rating: rnd() < 0.1 ? null : rating() })),
      );
      return { version, answers };
    });
  }
  return { customers, internal };
}

function shuffled<T>(xs: T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Splits into random buckets, folds each, then merges the buckets pairwise in random order. */
function randomGrouping<T>(xs: T[], rnd: () => number, empty: T, merge: (a: T, b: T) => T): { whole: T; buckets: T[] } {
  const buckets: T[] = [];
  let current = empty;
  for (const x of shuffled(xs, rnd)) {
    current = merge(current, x);
    if (rnd() < 0.1) {
      buckets.push(current);
      current = empty;
    }
  }
  buckets.push(current);
  const pool = [...buckets];
  while (pool.length > 1) {
    const i = Math.floor(rnd() * pool.length);
    const [a] = pool.splice(i, 1);
    const j = Math.floor(rnd() * pool.length);
    pool[j] = rnd() < 0.5 ? merge(a, pool[j]) : merge(pool[j], a);
  }
  return { whole: pool[0], buckets };
}

/** Deep equality with numbers within TOL; keys must match exactly. */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(actual - expected) > TOL) throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== "object") {
    if (actual !== expected) throw new Error(`${path}: ${String(actual)} ≠ ${String(expected)}`);
    return;
  }
  if (actual === null || typeof actual !== "object") throw new Error(`${path}: not an object`);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
  for (const k of Object.keys(e)) expectClose(a[k], e[k], `${path}.${k}`);
}

// ---- direct computation from raw, independent of the aggregate code ----

const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sampleSd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - avg(xs)) ** 2, 0) / (xs.length - 1));
const ok = (x: number | null) => x !== null;
const rev = (x: number, reverse: boolean) => (reverse ? 8 - x : x);

function directCustomer(raw: CustomerRaw[], version: VersionDefinition) {
  const byCriterion: Record<string, { e: number[]; p: number[]; g: number[] }> = {};
  const byItem: Record<string, number[][]> = {};
  const complete: Record<string, number[][]> = {}; // rows of [E items..., P items...] for the newest item set
  const weights: Record<string, number[]> = {};
  const allGaps: number[] = [];
  for (const r of raw) {
    for (const c of r.version.criteria) {
      const e: number[] = [];
      const p: number[] = [];
      for (const i of c.items) {
        const a = r.answers.find((x) => x.itemId === i.id);
        if (!a || !ok(a.expected) || !ok(a.perceived)) continue;
        const ei = rev(a.expected as number, i.reverse);
        const pi = rev(a.perceived as number, i.reverse);
        e.push(ei);
        p.push(pi);
        (byItem[i.id] ??= []).push([ei, pi]);
        allGaps.push(ei - pi);
      }
      if (e.length === 0) continue;
      const s = (byCriterion[c.id] ??= { e: [], p: [], g: [] });
      s.e.push(avg(e));
      s.p.push(avg(p));
      s.g.push(avg(e) - avg(p));
      const newest = version.criteria.find((x) => x.id === c.id);
      const sameSet = newest && [...newest.items.map((i) => i.id)].sort().join() === [...c.items.map((i) => i.id)].sort().join();
      if (sameSet && e.length === c.items.length) {
        // Sorted item order, like the library's canonical order, for comparable rows.
        const order = c.items.map((i, k) => [i.id, k] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));
        (complete[c.id] ??= []).push([...order.map(([, k]) => e[k]), ...order.map(([, k]) => p[k])]);
      }
    }
    if (r.weights) for (const c of r.version.criteria) (weights[c.id] ??= []).push(r.weights[c.key] ?? 0);
  }
  return { byCriterion, byItem, complete, weights, allGaps };
}

function alphaDirect(rows: number[][]): number | null {
  if (rows.length < 2) return null;
  const k = rows[0].length;
  const itemVar = Array.from({ length: k }, (_, j) => sampleSd(rows.map((r) => r[j])) ** 2).reduce((s, x) => s + x, 0);
  const totalVar = sampleSd(rows.map((r) => r.reduce((s, x) => s + x, 0))) ** 2;
  return totalVar < 1e-12 ? null : (k / (k - 1)) * (1 - itemVar / totalVar);
}

function directPerspectiveCriterionMeans(raw: PerspectiveRaw[]): Record<string, number> {
  const scores: Record<string, number[]> = {};
  for (const r of raw) {
    for (const c of r.version.criteria) {
      const xs = c.items.flatMap((i) => {
        const a = r.answers.find((x) => x.itemId === i.id);
        return a && a.rating !== null ? [rev(a.rating, i.reverse)] : [];
      });
      if (xs.length > 0) (scores[c.id] ??= []).push(avg(xs));
    }
  }
  return Object.fromEntries(Object.entries(scores).map(([id, xs]) => [id, avg(xs)]));
}

function checkAgainstRaw(results: Results, raw: ReturnType<typeof workload>, version: VersionDefinition) {
  const d = directCustomer(raw.customers, version);
  expect(results.n).toBe(raw.customers.length);
  const means: Record<string, { e: number; p: number } | null> = {};
  for (const [k, c] of version.criteria.entries()) {
    const got = results.criteria[k];
    const s = d.byCriterion[c.id];
    means[c.id] = s ? { e: avg(s.e), p: avg(s.p) } : null;
    expect(got.n).toBe(s?.g.length ?? 0);
    if (!s) {
      expect(got.expected.mean).toBeNull();
      continue;
    }
    expectClose(got.expected.mean, avg(s.e));
    expectClose(got.perceived.mean, avg(s.p));
    expectClose(got.gap.mean, avg(s.g));
    expectClose(got.expected.sd, sampleSd(s.e));
    expectClose(got.gap.sd, sampleSd(s.g));
    const half = (tQuantile(0.975, s.g.length - 1) * sampleSd(s.g)) / Math.sqrt(s.g.length);
    expectClose(got.gap.ci, [avg(s.g) - half, avg(s.g) + half]);
    const rows = d.complete[c.id] ?? [];
    const kItems = c.items.length;
    expectClose(got.alpha.expected, alphaDirect(rows.map((r) => r.slice(0, kItems))));
    expectClose(got.alpha.perceived, alphaDirect(rows.map((r) => r.slice(kItems))));
    expectClose(got.customerWeight?.mean ?? null, d.weights[c.id] ? avg(d.weights[c.id]) : null);
  }
  for (const it of results.items) {
    const id = it.key.slice(2);
    const pairs = d.byItem[id] ?? [];
    expect(it.n).toBe(pairs.length);
    if (pairs.length > 0) {
      expectClose(it.expected.mean, avg(pairs.map((x) => x[0])));
      expectClose(it.perceived.mean, avg(pairs.map((x) => x[1])));
      expectClose(it.gap.mean, avg(pairs.map((x) => x[0] - x[1])));
    }
  }
  const missing = version.criteria.filter((c) => c.weight > 0 && means[c.id] === null);
  if (missing.length > 0) {
    expect(results.expectedQuality).toBeNull();
    expect(results.qualityReason).toEqual({ code: "criterion-without-data", criteria: missing.map((c) => c.key) });
  } else {
    const eq = version.criteria.reduce((s, c) => s + (c.weight / 100) * (means[c.id]?.e ?? 0), 0);
    const pq = version.criteria.reduce((s, c) => s + (c.weight / 100) * (means[c.id]?.p ?? 0), 0);
    expectClose(results.expectedQuality, eq);
    expectClose(results.perceivedQuality, pq);
    expectClose(results.serviceQualityGap, eq - pq);
  }
  const withData = version.criteria.flatMap((c) => (means[c.id] ? [means[c.id]!.e - means[c.id]!.p] : []));
  expectClose(results.unweightedGap, avg(withData));
  expectClose(results.meanItemGap, avg(d.allGaps));

  // Gaps 1–4 per criterion: difference of the two groups' criterion means.
  const group = {
    E: Object.fromEntries(Object.entries(means).map(([id, m]) => [id, m?.e])),
    M: directPerspectiveCriterionMeans(raw.internal.management),
    S: directPerspectiveCriterionMeans(raw.internal.standard),
    D: directPerspectiveCriterionMeans(raw.internal.delivery),
    C: directPerspectiveCriterionMeans(raw.internal.communication),
  };
  const pairs = { "1": ["E", "M"], "2": ["M", "S"], "3": ["S", "D"], "4": ["C", "D"] } as const;
  const owners = { M: "management", S: "standard", D: "delivery", C: "communication", E: null } as const;
  for (const [gap, [a, b]] of Object.entries(pairs) as [keyof typeof pairs, (typeof pairs)[keyof typeof pairs]][]) {
    const g = results.gaps[gap];
    const empty = [a, b].some((x) => {
      const o = owners[x];
      return o !== null && raw.internal[o].length === 0;
    });
    expect(g.status).toBe(empty ? "not-enough-data" : "ok");
    for (const c of version.criteria) {
      const va = group[a][c.id];
      const vb = group[b][c.id];
      expectClose(g.criteria[c.key], empty || va === undefined || vb === undefined ? null : va - vb);
    }
  }
}

describe("property: incremental aggregates = recompute = raw", () => {
  const scenarios = [
    { seed: 1, c4Answered: true },
    { seed: 2, c4Answered: true, emptyPerspective: "standard" as const },
    { seed: 3, c4Answered: false },
    { seed: 4, c4Answered: true, emptyPerspective: "communication" as const },
  ];
  for (const s of scenarios) {
    it(`seed ${s.seed}${s.c4Answered ? "" : ", criterion c4 never answered"}`, () => {
      const raw = workload(s.seed, s);
      const rnd = mulberry32(1000 + s.seed);
      const contributions = raw.customers.map((r) => contributionOf(r.version, r.answers, r.weights));

      const incremental = contributions.reduce(addContribution, emptyAggregate());
      // Adding in place gives the very same sums (same additions, same order), and leaves the contributions alone.
      const before = JSON.stringify(contributions);
      const inPlace = emptyAggregate();
      for (const c of contributions) addContributionInto(inPlace, c);
      expect(inPlace).toEqual(incremental);
      expect(JSON.stringify(contributions)).toBe(before);
      const recomputed = [v1, v2]
        .map((v) =>
          recomputeAggregate(
            v,
            raw.customers.filter((r) => r.version === v),
          ),
        )
        .reduce(mergeAggregates, emptyAggregate());
      expectClose(incremental, recomputed);

      const grouped = randomGrouping(contributions, rnd, emptyAggregate(), mergeAggregates);
      expectClose(grouped.whole, recomputed);
      const fromRows = customerAggregateFromEntries(grouped.buckets.flatMap(customerAggregateEntries));
      expectClose(fromRows, recomputed);

      const internal = {} as Record<Perspective, PerspectiveAggregate>;
      for (const p of perspectives) {
        const one = raw.internal[p].map((r) => perspectiveContributionOf(r.version, r.answers));
        const inc = one.reduce(addPerspectiveContribution, emptyPerspectiveAggregate());
        const rec = [v1, v2]
          .map((v) =>
            recomputePerspectiveAggregate(
              v,
              raw.internal[p].filter((r) => r.version === v),
            ),
          )
          .reduce(mergePerspectiveAggregates, emptyPerspectiveAggregate());
        expectClose(inc, rec);
        expectClose(randomGrouping(one, rnd, emptyPerspectiveAggregate(), mergePerspectiveAggregates).whole, rec);
        internal[p] = inc;
      }

      const otherItems = [{ id: "i4", key: "k-i4", criterionKey: "one" }];
      const results = (customer: CustomerAggregate) => computeResults({ version: v2, customer, perspectives: internal, otherItems });
      const fromIncremental = results(incremental);
      expectClose(fromIncremental, results(recomputed));
      expectClose(fromIncremental, results(grouped.whole));
      checkAgainstRaw(fromIncremental, raw, v2);
      // Guard against a vacuous pass: the workload must exercise the totals and α.
      expect(fromIncremental.expectedQuality === null).toBe(!s.c4Answered);
      expect(fromIncremental.criteria.filter((c) => c.alpha.expected !== null).length).toBeGreaterThan(1);
      expect(fromIncremental.gaps["1"].total === null).toBe(!s.c4Answered);
    });
  }

  it("filtering to one version gives that version's exact figures", () => {
    const raw = workload(7, { c4Answered: true });
    const onlyV1 = { ...raw, customers: raw.customers.filter((r) => r.version === v1) };
    const customer = recomputeAggregate(v1, onlyV1.customers);
    const internal = Object.fromEntries(
      perspectives.map((p) => [
        p,
        recomputePerspectiveAggregate(
          v1,
          raw.internal[p].filter((r) => r.version === v1),
        ),
      ]),
    ) as Record<Perspective, PerspectiveAggregate>;
    const r = computeResults({ version: v1, customer, perspectives: internal });
    const filtered = {
      customers: onlyV1.customers,
      internal: Object.fromEntries(perspectives.map((p) => [p, raw.internal[p].filter((x) => x.version === v1)])) as Record<
        Perspective,
        PerspectiveRaw[]
      >,
    };
    checkAgainstRaw(r, filtered, v1);
  });
});
