import type { Tx } from "@/db/client";
import { addCustomerBuckets } from "@/db/queries/aggregates";
import { dayOf } from "@/lib/scoring/aggregate-entries";
import { customerAggregateEntries } from "@/lib/scoring/aggregate-entries";
import { addContributionInto, emptyAggregate, type CustomerAggregate } from "@/lib/scoring/aggregates";

const bucketsPerStep = 10;

type Bucket = { versionId: string; segment: string; day: number; aggregate: CustomerAggregate };

/**
 * Many responses' contributions summed per customer bucket (version,
 * segment, UTC day of submission) in memory, then written once per bucket:
 * how an import and a recompute add to the aggregates. Entries are linear in
 * the sums, so this equals adding each response as a submit does.
 */
export class CustomerBucketSums {
  private readonly buckets = new Map<string, Bucket>();

  add(response: { versionId: string; segment: string; submittedAt: number }, contribution: CustomerAggregate) {
    const day = dayOf(response.submittedAt);
    const key = JSON.stringify([response.versionId, response.segment, day]);
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { versionId: response.versionId, segment: response.segment, day, aggregate: emptyAggregate() }));
    addContributionInto(bucket.aggregate, contribution);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Adds every bucket's sums to the study's aggregates; returns the number of entries written. */
  async write(tx: Tx, studyId: string): Promise<number> {
    // In the order addCustomerBuckets locks them (version, segment, day), a
    // slice at a time: an import's year of days and branches is hundreds of
    // buckets, and the event loop gets a turn between slices.
    const all = [...this.buckets.values()].sort((a, b) =>
      a.versionId !== b.versionId ? (a.versionId < b.versionId ? -1 : 1) : a.segment !== b.segment ? (a.segment < b.segment ? -1 : 1) : a.day - b.day,
    );
    let written = 0;
    for (let i = 0; i < all.length; i += bucketsPerStep) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const slice = all.slice(i, i + bucketsPerStep).map((b) => ({
        bucket: { studyId, versionId: b.versionId, segment: b.segment, day: b.day },
        entries: customerAggregateEntries(b.aggregate),
      }));
      await addCustomerBuckets(tx, studyId, slice);
      written += slice.reduce((n, b) => n + b.entries.length, 0);
    }
    return written;
  }
}
