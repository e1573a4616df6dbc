import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { loadResults } from "@/lib/results/load-results";
import { publishedStudy, type PublishedStudy } from "@/lib/results/test-db";
import { getDb, transaction } from "./client";
import { clearCustomerAggregates, hasCustomerBuckets } from "./queries/aggregates";
import { repairDatabase } from "./repair";
import { useTestDatabase } from "./testing";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("repair");
});
afterAll(() => done());

function submissions(fixture: PublishedStudy, count: number): CustomerSubmission[] {
  const version = fixture.versions[1];
  return Array.from({ length: count }, (_, r) => ({
    answers: version.snapshot.criteria.flatMap((c) => c.items.map((i, k) => ({ itemId: i.id, expected: 5, perceived: 1 + ((r + k) % 5) }))),
    comments: [],
    weights: null,
    studyId: fixture.study.id,
    versionId: version.id,
    snapshot: version.snapshot,
    segment: r % 2 === 0 ? "Branch A" : "",
    language: "en",
    source: "api",
    submittedAt: Date.UTC(2026, 9, 1 + (r % 9), 12),
  }));
}

async function results(fixture: PublishedStudy) {
  const loaded = await loadResults(getDb(), fixture.study, {});
  if (loaded.status !== "ok") throw new Error(loaded.status);
  return loaded.results;
}

describe("repairDatabase", () => {
  it("rebuilds the customer aggregates of studies that lost them, and only those", async () => {
    const lost = await publishedStudy("lost");
    const kept = await publishedStudy("kept");
    const empty = await publishedStudy("empty");
    await storeCustomerResponses(submissions(lost, 25));
    await storeCustomerResponses(submissions(kept, 10));
    const before = await results(lost);
    expect(before.n).toBe(25);

    // What migration 0003 leaves: responses with their answers, no customer buckets.
    await transaction((tx) => clearCustomerAggregates(tx, lost.study.id));
    expect(await hasCustomerBuckets(getDb(), lost.study.id)).toBe(false);
    expect((await results(lost)).n).toBe(0);

    const outcome = await repairDatabase();
    expect(outcome.studies).toEqual([lost.study.id]);
    expect(await results(lost)).toEqual(before);
    expect((await results(kept)).n).toBe(10);
    expect(await hasCustomerBuckets(getDb(), empty.study.id)).toBe(false);

    // Nothing left to do: a second start repairs nothing.
    expect((await repairDatabase()).studies).toEqual([]);
  });
});
