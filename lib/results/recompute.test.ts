// DB-level property test (issue D): random workloads go through the real
// submit path (storeCustomerResponses) into a test database (either engine); the
// aggregates kept at write time must give the same results as a recompute
// from the raw answers, for several filters. N/A pairs, missing answers,
// reverse-scored items, customer weights, segments, days and two versions
// are all in the mix.

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { addCustomerEntries, clearCustomerAggregates } from "@/db/queries/aggregates";
import { listSubmitted, updateResponse } from "@/db/queries/responses";
import { responses } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { dayMs } from "@/lib/scoring/aggregate-entries";
import type { Results } from "@/lib/scoring/results";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { loadResults } from "./load-results";
import { recomputeStudyAggregates } from "./recompute";
import { publishedStudy, type PublishedStudy } from "./test-db";
import { mulberry32 } from "@/lib/questions/prng";

const TOL = 1e-9;

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

function randomWorkload(seed: number, fixture: PublishedStudy, count: number): CustomerSubmission[] {
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
        if (u < 0.15)
          answers.push({ itemId: i.id, expected: null, perceived: null }); // N/A
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

async function snapshotResults(study: PublishedStudy["study"]): Promise<Results[]> {
  const out: Results[] = [];
  for (const f of filters) {
    const loaded = await loadResults(getDb(), study, f);
    if (loaded.status !== "ok") throw new Error(loaded.status);
    out.push(loaded.results);
  }
  return out;
}

describe("aggregates kept at write time vs a recompute from raw answers", () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("recompute");
  });
  afterAll(() => done());

  it.each([11, 29, 1234])("give the same results on a random workload (seed %i)", { timeout: 60_000 }, async (seed) => {
    const fixture = await publishedStudy(`seed ${seed}`);
    const workload = randomWorkload(seed, fixture, 300);
    // Several transactions, as real submits would be.
    for (let i = 0; i < workload.length; i += 37) await storeCustomerResponses(workload.slice(i, i + 37));

    const before = await snapshotResults(fixture.study);
    expect(before[0].n).toBe(300);
    // The workload really exercises what it claims to.
    expect(before[0].items.some((i) => i.n < 300)).toBe(true);
    expect(before[1].n + before[2].n).toBe(300);
    expect(before[0].criteria.every((c) => c.customerWeight !== null)).toBe(true);

    const outcome = await recomputeStudyAggregates(fixture.study.id);
    expect(outcome.responses).toBe(300);
    const after = await snapshotResults(fixture.study);
    filters.forEach((_, i) => expectClose(after[i], before[i], `filter ${i}`));
  });

  it("repairs aggregates that were damaged or lost", async () => {
    const fixture = await publishedStudy("repair");
    await storeCustomerResponses(randomWorkload(7, fixture, 120));
    const before = await snapshotResults(fixture.study);
    const [v1, v2] = fixture.versions;
    const item = v2.snapshot.criteria[0].items[0].id;
    // Sums that no response explains, in an existing bucket and in a new one.
    await transaction(async (tx) => {
      const bogus = [
        { key: JSON.stringify(["responses"]), n: 4, sum: 0, sumSq: 0 },
        { key: JSON.stringify(["item", item, "gap"]), n: 1, sum: 3, sumSq: 9 },
      ];
      await addCustomerEntries(
        tx,
        { studyId: fixture.study.id, versionId: v2.id, segment: "Branch A", day: Date.UTC(2026, 9, 3) / 86_400_000 },
        bogus,
      );
      await addCustomerEntries(tx, { studyId: fixture.study.id, versionId: v1.id, segment: "Nowhere", day: 1 }, bogus);
    });
    const damaged = await snapshotResults(fixture.study);
    expect(() => filters.forEach((_, i) => expectClose(damaged[i], before[i]))).toThrow();

    await recomputeStudyAggregates(fixture.study.id);
    const repaired = await snapshotResults(fixture.study);
    filters.forEach((_, i) => expectClose(repaired[i], before[i], `filter ${i}`));

    // Lost altogether, with the responses' stored gaps (the 0003 upgrade drops the
    // aggregates, and responses stored before it have no gap).
    const gaps = async () => new Map((await listSubmitted(getDb(), fixture.study.id)).map((r) => [r.id, r.gap]));
    const gapsBefore = await gaps();
    expect([...gapsBefore.values()].some((g) => g !== null && g > 0)).toBe(true);
    await transaction(async (tx) => {
      for (const id of gapsBefore.keys()) await updateResponse(tx, id, { gap: null });
    });
    await transaction((tx) => clearCustomerAggregates(tx, fixture.study.id));
    expect((await snapshotResults(fixture.study))[0].n).toBe(0);
    await recomputeStudyAggregates(fixture.study.id);
    const rebuilt = await snapshotResults(fixture.study);
    filters.forEach((_, i) => expectClose(rebuilt[i], before[i], `filter ${i}`));
    expect(await gaps()).toEqual(gapsBefore);
  });

  it("leaves other studies' aggregates alone and empties a study without responses", async () => {
    const a = await publishedStudy("a");
    const b = await publishedStudy("b");
    await storeCustomerResponses(randomWorkload(3, a, 40));
    await storeCustomerResponses(randomWorkload(4, b, 40));
    const bBefore = await snapshotResults(b.study);
    await transaction(async (tx) => {
      await tx.delete(responses).where(eq(responses.studyId, a.study.id));
    });
    expect(await recomputeStudyAggregates(a.study.id)).toEqual({ responses: 0, buckets: 0, rows: 0 });
    expect((await snapshotResults(a.study))[0].n).toBe(0);
    const bAfter = await snapshotResults(b.study);
    filters.forEach((_, i) => expectClose(bAfter[i], bBefore[i], `filter ${i}`));
  });
});
