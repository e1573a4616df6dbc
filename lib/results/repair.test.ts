import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { storePerspectiveResponses, type PerspectiveSubmission } from "@/lib/responses/store-perspective";
import { loadResults } from "@/lib/results/load-results";
import { publishedStudy, type PublishedStudy } from "@/lib/results/test-db";
import { getDb, transaction } from "@/db/client";
import { clearCustomerAggregates, hasCustomerBuckets } from "@/db/queries/aggregates";
import { repairDatabase } from "./repair";
import { aggregateBuckets } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";

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

function internal(fixture: PublishedStudy, perspective: PerspectiveSubmission["perspective"], level: number): PerspectiveSubmission {
  const version = fixture.versions[1];
  return {
    answers: version.snapshot.criteria.flatMap((c) => c.items.map((i) => ({ itemId: i.id, rating: level }))),
    causes: perspective === "management" ? [{ statement: "management-commitment.resources", rating: 2 }] : [],
    studyId: fixture.study.id,
    versionId: version.id,
    snapshot: version.snapshot,
    perspective,
    language: "en",
    source: "api",
    submittedAt: Date.UTC(2026, 9, 2),
  };
}

async function results(fixture: PublishedStudy) {
  const loaded = await loadResults(getDb(), fixture.study, {});
  if (loaded.status !== "ok") throw new Error(loaded.status);
  return loaded.results;
}

describe("repairDatabase", () => {
  it("rebuilds the aggregates of studies that lost them, and only those", async () => {
    const lost = await publishedStudy("lost");
    const kept = await publishedStudy("kept");
    const empty = await publishedStudy("empty");
    await storeCustomerResponses(submissions(lost, 25));
    await storeCustomerResponses(submissions(kept, 10));
    await storePerspectiveResponses([internal(lost, "management", 4), internal(lost, "management", 5), internal(lost, "delivery", 3)]);
    const before = await results(lost);
    expect(before.n).toBe(25);
    expect(before.gaps["1"].total).not.toBeNull();

    // What migration 0003 leaves: responses with their answers, no aggregate buckets.
    await transaction(async (tx) => {
      await clearCustomerAggregates(tx, lost.study.id);
      await tx.delete(aggregateBuckets).where(and(eq(aggregateBuckets.studyId, lost.study.id), ne(aggregateBuckets.perspective, "customer")));
    });
    expect(await hasCustomerBuckets(getDb(), lost.study.id)).toBe(false);
    expect((await results(lost)).n).toBe(0);
    expect((await results(lost)).gaps["1"].total).toBeNull();

    const outcome = await repairDatabase();
    expect(outcome.studies).toEqual([lost.study.id]);
    expect(await results(lost)).toEqual(before);
    expect((await results(kept)).n).toBe(10);
    expect(await hasCustomerBuckets(getDb(), empty.study.id)).toBe(false);

    // Nothing left to do: a second start repairs nothing.
    expect((await repairDatabase()).studies).toEqual([]);
  });
});
