import { expectSameSums } from "@/lib/results/test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentEngine, getDb, transaction } from "@/db/client";
import { sumCustomerEntries } from "@/db/queries/aggregates";
import { countSubmitted } from "@/db/queries/responses";
import { findStudyById } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import { storePlanned } from "@/lib/imports/import-file";
import type { PlannedResponse } from "@/lib/imports/resolve";
import { storeCustomerResponse, storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { loadResults } from "./load-results";
import { recomputeStudyAggregates } from "./recompute";

// The async data layer under concurrency (issue 14): many submits (single and
// batched), imports and dashboard reads at once, every transaction awaiting
// inside. On SQLite this is the trap of one connection shared by interleaved
// transactions; on PostgreSQL, of row locks and a pool. Afterwards every
// stored figure must equal a recompute from the raw answers, and every
// acknowledged response must be there once.

const segments = ["North", "South"];

function submission(fixture: FixtureStudy, n: number, clientId: string): CustomerSubmission {
  const items = fixture.snapshot.criteria.flatMap((c) => c.items);
  return {
    clientId,
    studyId: fixture.studyId,
    versionId: fixture.versionId,
    snapshot: fixture.snapshot,
    segment: segments[n % 2],
    language: "en",
    source: "api",
    // Three days, so submits and imports meet in the same buckets.
    submittedAt: Date.UTC(2026, 5, 1 + (n % 3), 12),
    weights: null,
    comments: [],
    answers: items.map((item, i) => ({ itemId: item.id, expected: 1 + ((n + i) % 7), perceived: 1 + ((n * 3 + i) % 7) })),
  };
}

function planned(fixture: FixtureStudy, n: number): PlannedResponse {
  const s = submission(fixture, n, `import-${n}`);
  return {
    responseId: `import-${n}`,
    row: n + 2,
    version: { id: fixture.versionId, number: 1, snapshot: fixture.snapshot },
    segment: s.segment,
    language: "en",
    submittedAt: s.submittedAt,
    value: { answers: s.answers, comments: [], weights: null },
  };
}

describe(`concurrent submits, imports and reads on ${currentEngine()}`, () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("concurrency");
  });
  afterAll(() => done());

  it("stores every acknowledged response once, and the aggregates equal a recompute", { timeout: 60_000 }, async () => {
    const fixture = await makePublishedStudy({ segments });
    const study = (await findStudyById(getDb(), fixture.studyId))!;
    const work: Promise<unknown>[] = [];
    const reads: Promise<unknown>[] = [];
    let n = 0;
    for (let round = 0; round < 20; round++) {
      // Single submits, each in its own transaction.
      for (let i = 0; i < 6; i++) {
        const s = submission(fixture, n, `single-${n}`);
        n++;
        work.push(transaction((tx) => storeCustomerResponse(s, tx)));
      }
      // A batch of the API (all or nothing), one with a resend of an id already sent.
      const batch = [0, 1, 2].map((i) => submission(fixture, n + i, `batch-${n + i}`));
      n += 3;
      work.push(storeCustomerResponses(batch));
      work.push(storeCustomerResponses([submission(fixture, n - 1, `batch-${n - 1}`)]));
      // An import of five rows, one of them sent twice within the file's reach.
      const rows = [0, 1, 2, 3, 4].map((i) => planned(fixture, round * 5 + i));
      work.push(transaction((tx) => storePlanned(tx, fixture.studyId, rows)));
      // Dashboard reads while all that is in flight.
      reads.push(loadResults(getDb(), study, {}));
      reads.push(sumCustomerEntries(getDb(), { studyId: fixture.studyId, segment: "North" }));
    }
    const outcomes = await Promise.allSettled([...work, ...reads]);
    const failures = outcomes.filter((o) => o.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    for (const r of (await Promise.all(reads)).slice(0, 1)) expect(r).toBeTruthy();

    // 20 rounds × (6 singles + 3 batched) + 100 imported, each once.
    expect(await countSubmitted(getDb(), fixture.studyId)).toBe(20 * 9 + 100);

    const stored = await sumCustomerEntries(getDb(), { studyId: fixture.studyId });
    const before = await loadResults(getDb(), study, {});
    await recomputeStudyAggregates(fixture.studyId);
    expectSameSums(await sumCustomerEntries(getDb(), { studyId: fixture.studyId }), stored);
    const after = await loadResults(getDb(), study, {});
    expect(before.status).toBe("ok");
    if (before.status === "ok" && after.status === "ok") {
      expect(before.results.n).toBe(280);
      expect(before.results.serviceQualityGap).toBeCloseTo(after.results.serviceQualityGap!, 9);
    }
  });
});
