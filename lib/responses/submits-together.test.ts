import { expectSameSums } from "@/lib/results/test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentEngine, getDb } from "@/db/client";
import { sumCustomerEntries } from "@/db/queries/aggregates";
import { countSubmitted } from "@/db/queries/responses";
import { useTestDatabase } from "@/db/testing";
import { recomputeStudyAggregates } from "@/lib/results/recompute";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import type { CustomerSubmission } from "./store-customer";
import { storeCustomerResponsesTogether } from "./submits-together";

// Group commit of the API's small requests: many at once are all stored,
// each answered with its own outcomes, a resend within the same group counts
// once, the aggregates equal a recompute, and a request that cannot be
// stored fails alone.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("together");
}, 60_000);
afterAll(() => done());

function submission(f: FixtureStudy, n: number, clientId = `t-${n}`): CustomerSubmission {
  const items = f.snapshot.criteria.flatMap((c) => c.items);
  return {
    clientId,
    studyId: f.studyId,
    versionId: f.versionId,
    snapshot: f.snapshot,
    segment: ["A", "B", "C"][n % 3],
    language: "en",
    source: "api",
    submittedAt: Date.now() - (n % 2) * 86_400_000,
    weights: null,
    comments: [],
    answers: items.map((item, i) => ({ itemId: item.id, expected: 1 + ((n + i) % 7), perceived: 1 + ((n * 5 + i) % 7) })),
  };
}

describe(`submits stored together on ${currentEngine()}`, () => {
  it("stores 60 concurrent requests once each, each with its own outcome; a resend in the same group counts once", { timeout: 60_000 }, async () => {
    const f = await makePublishedStudy();
    const requests = Array.from({ length: 60 }, (_, n) => [submission(f, n)]);
    // The same client id as request 1, sent at the same moment: a resend.
    // (All are sent in one turn of the event loop: they go in one transaction.)
    requests.push([submission(f, 1)]);
    // A request of two responses stays all together.
    requests.push([submission(f, 100), submission(f, 101)]);
    const outcomes = await Promise.all(requests.map((r) => storeCustomerResponsesTogether(r)));

    expect(outcomes.map((o) => o.length)).toEqual(requests.map((r) => r.length));
    expect(outcomes.slice(0, 60).every(([o]) => o.stored)).toBe(true);
    expect(outcomes[60]).toEqual([{ responseId: outcomes[1][0].responseId, stored: false }]);
    expect(outcomes[61].map((o) => o.stored)).toEqual([true, true]);
    expect(
      new Set(
        outcomes
          .flat()
          .filter((o) => o.stored)
          .map((o) => o.responseId),
      ).size,
    ).toBe(62);
    expect(await countSubmitted(getDb(), f.studyId)).toBe(62);

    const summed = await sumCustomerEntries(getDb(), { studyId: f.studyId });
    await recomputeStudyAggregates(f.studyId);
    expectSameSums(await sumCustomerEntries(getDb(), { studyId: f.studyId }), summed);
  });

  it("a request that cannot be stored fails alone; the others that waited with it are stored", { timeout: 60_000 }, async () => {
    const f = await makePublishedStudy();
    // Passed the checks (as if), but names no item of the study: storing it throws.
    const broken: CustomerSubmission = { ...submission(f, 7), answers: [{ itemId: "not-an-item", expected: 5, perceived: 5 }] };
    const requests = [[submission(f, 1)], [submission(f, 2)], [broken], [submission(f, 3)], [submission(f, 4)]];
    const settled = await Promise.allSettled(requests.map((r) => storeCustomerResponsesTogether(r)));

    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(String((settled[2] as PromiseRejectedResult).reason)).toMatch(/not an item/);
    expect(await countSubmitted(getDb(), f.studyId)).toBe(4);
    const [responses] = (await sumCustomerEntries(getDb(), { studyId: f.studyId })).filter((e) => e.key === JSON.stringify(["responses"]));
    expect(responses.n).toBe(4);
  });
});
