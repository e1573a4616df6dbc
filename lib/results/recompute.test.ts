// DB-level property test (issue D): random workloads go through the real
// submit path (storeCustomerResponses) into a temporary SQLite file; the
// aggregates kept at write time must give the same results as a recompute
// from the raw answers, for several filters. N/A pairs, missing answers,
// reverse-scored items, customer weights, segments, days and two versions
// are all in the mix.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConnection } from "@/db/client";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import type { Results } from "@/lib/scoring/results";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { loadResults } from "./load-results";
import { recomputeStudyAggregates } from "./recompute";
import { publishedStudy, useTempDatabase } from "./test-db";

const TOL = 1e-9;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deep equality with a numeric tolerance; reports the first differing path. */
function expectClose(actual: unknown, expected: unknown, path = "results") {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(actual - expected) > TOL * Math.max(1, Math.abs(expected))) {
      expect.fail(`${path}: ${actual} ≠ ${expected}`);
    }
    return;
  }
  if (expected === null || typeof expected !== "object") {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(typeof actual, path).toBe("object");
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) expectClose(a[key], e[key], `${path}.${key}`);
}

const day0 = Date.UTC(2026, 9, 1);
const dayMs = 86_400_000;

function randomWorkload(seed: number, fixture: ReturnType<typeof publishedStudy>, count: number): CustomerSubmission[] {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const out: CustomerSubmission[] = [];
  for (let r = 0; r < count; r++) {
    const version = rnd() < 0.4 ? fixture.versions[0] : fixture.versions[1];
    const answers: CustomerSubmission["answers"] = [];
    for (const c of version.snapshot.criteria) {
      if (rnd() < 0.1) continue; // criterion skipped
      for (const i of c.items) {
        const u = rnd();
        if (u < 0.05) continue; // no answer row at all
        if (u < 0.15) answers.push({ itemId: i.id, expected: null, perceived: null }); // N/A
        else answers.push({ itemId: i.id, expected: int(1, 5), perceived: int(1, 5) });
      }
    }
    let weights: Record<string, number> | null = null;
    if (rnd() < 0.3) {
      const [a, b] = [int(0, 60), int(0, 40)];
      const ids = version.snapshot.criteria.map((c) => c.id);
      weights = { [ids[0]]: a, [ids[1]]: b, [ids[2]]: 100 - a - b };
    }
    out.push({
      answers,
      comments: rnd() < 0.2 ? [{ criterionId: version.snapshot.criteria[0].id, text: `comment ${r}` }] : [],
      weights,
      studyId: fixture.study.id,
      versionId: version.id,
      snapshot: version.snapshot,
      segment: ["Branch A", "Branch B", ""][int(0, 2)],
      language: "en",
      source: "api",
      submittedAt: day0 + int(0, 20) * dayMs + int(0, dayMs - 1),
    });
  }
  return out;
}

const filters: ResultsFilter[] = [
  {},
  { version: 1 },
  { version: 2 },
  { segment: "Branch A" },
  { from: "2026-10-05", to: "2026-10-12" },
  { version: 2, segment: "", from: "2026-10-03" },
];

function snapshotResults(study: ReturnType<typeof publishedStudy>["study"]): Results[] {
  return filters.map((f) => {
    const loaded = loadResults(study, f);
    if (loaded.status !== "ok") throw new Error(loaded.status);
    return loaded.results;
  });
}

describe("aggregates kept at write time vs a recompute from raw answers (SQLite)", () => {
  let cleanup: () => void;
  beforeAll(() => {
    cleanup = useTempDatabase();
  });
  afterAll(() => cleanup());

  it.each([11, 29, 1234])("give the same results on a random workload (seed %i)", (seed) => {
    const fixture = publishedStudy(`seed ${seed}`);
    const workload = randomWorkload(seed, fixture, 300);
    // Several transactions, as real submits would be.
    for (let i = 0; i < workload.length; i += 37) storeCustomerResponses(workload.slice(i, i + 37));

    const before = snapshotResults(fixture.study);
    expect(before[0].n).toBe(300);
    // The workload really exercises what it claims to.
    expect(before[0].items.some((i) => i.n < 300)).toBe(true);
    expect(before[1].n + before[2].n).toBe(300);
    expect(before[0].criteria.every((c) => c.customerWeight !== null)).toBe(true);

    const outcome = recomputeStudyAggregates(fixture.study.id);
    expect(outcome.responses).toBe(300);
    const after = snapshotResults(fixture.study);
    filters.forEach((_, i) => expectClose(after[i], before[i], `filter ${i}`));
  });

  it("repairs aggregates that were damaged or lost", () => {
    const fixture = publishedStudy("repair");
    storeCustomerResponses(randomWorkload(7, fixture, 120));
    const before = snapshotResults(fixture.study);
    const { sqlite } = getConnection();
    sqlite.prepare("UPDATE aggregates SET sum = sum + 3 WHERE study_id = ? AND length(key) % 3 = 0").run(fixture.study.id);
    sqlite.prepare("DELETE FROM aggregates WHERE study_id = ? AND length(key) % 5 = 0").run(fixture.study.id);
    const damaged = snapshotResults(fixture.study);
    expect(() => filters.forEach((_, i) => expectClose(damaged[i], before[i]))).toThrow();

    recomputeStudyAggregates(fixture.study.id);
    const repaired = snapshotResults(fixture.study);
    filters.forEach((_, i) => expectClose(repaired[i], before[i], `filter ${i}`));
  });

  it("leaves other studies' aggregates alone and empties a study without responses", () => {
    const a = publishedStudy("a");
    const b = publishedStudy("b");
    storeCustomerResponses(randomWorkload(3, a, 40));
    storeCustomerResponses(randomWorkload(4, b, 40));
    const bBefore = snapshotResults(b.study);
    getConnection().sqlite.prepare("DELETE FROM responses WHERE study_id = ?").run(a.study.id);
    expect(recomputeStudyAggregates(a.study.id)).toEqual({ responses: 0, buckets: 0, rows: 0 });
    expect(snapshotResults(a.study)[0].n).toBe(0);
    const bAfter = snapshotResults(b.study);
    filters.forEach((_, i) => expectClose(bAfter[i], bBefore[i], `filter ${i}`));
  });
});
