import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentEngine, getDb, transaction } from "@/db/client";
import { useTestDatabase } from "@/db/testing";
import { makePublishedStudy } from "@/lib/survey/fixture-study";
import { addCustomerBuckets, dailyCustomerEntries, type CustomerBucket } from "./aggregates";

// Many buckets added in one call (a group of submits, an import's slice):
// concurrent transactions that add to the same buckets, named in different
// orders, some of the buckets new, end with every addition counted once.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("aggregates");
}, 60_000);
afterAll(() => done());

describe(`several buckets added at once on ${currentEngine()}`, () => {
  it("counts every addition of 12 concurrent transactions to 4 shared buckets once", { timeout: 60_000 }, async () => {
    const f = await makePublishedStudy();
    const bucket = (segment: string, day: number): CustomerBucket => ({ studyId: f.studyId, versionId: f.versionId, segment, day });
    const shared = [bucket("A", 100), bucket("B", 100), bucket("A", 101), bucket("Ü", 100)];
    // Two exist before; the other two are first added by the racing transactions.
    await transaction((tx) =>
      addCustomerBuckets(
        tx,
        f.studyId,
        shared.slice(0, 2).map((b) => ({ bucket: b, entries: [{ key: "n", n: 1, sum: 1, sumSq: 1 }] })),
      ),
    );
    await Promise.all(
      Array.from({ length: 12 }, (_, t) =>
        transaction((tx) =>
          addCustomerBuckets(
            tx,
            f.studyId,
            (t % 2 ? [...shared].reverse() : shared).map((b) => ({ bucket: b, entries: [{ key: "n", n: 1, sum: t, sumSq: t * t }] })),
          ),
        ),
      ),
    );
    const perDay = await dailyCustomerEntries(getDb(), { studyId: f.studyId }, ["n"]);
    const sumOf = (day: number) => perDay.filter((e) => e.day === day).reduce((a, e) => ({ n: a.n + e.n, sum: a.sum + e.sum }), { n: 0, sum: 0 });
    // Day 100: A, B (1 each before) and Ü, 12 additions each; day 101: A, 12.
    expect(sumOf(100)).toEqual({ n: 2 + 3 * 12, sum: 2 + 3 * 66 });
    expect(sumOf(101)).toEqual({ n: 12, sum: 66 });
  });
});
