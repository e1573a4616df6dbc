import type { Tx } from "@/db/client";
import { addCustomerBuckets } from "@/db/queries/aggregates";
import { dayOf } from "@/lib/scoring/aggregate-entries";
import { customerAggregateEntries } from "@/lib/scoring/aggregate-entries";
import { addContribution, emptyAggregate, type CustomerAggregate } from "@/lib/scoring/aggregates";

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
    const bucket = this.buckets.get(key) ?? { versionId: response.versionId, segment: response.segment, day, aggregate: emptyAggregate() };
    bucket.aggregate = addContribution(bucket.aggregate, contribution);
    this.buckets.set(key, bucket);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Adds every bucket's sums to the study's aggregates; returns the number of entries written. */
  async write(tx: Tx, studyId: string): Promise<number> {
    const buckets = [...this.buckets.values()].map((b) => ({
      bucket: { studyId, versionId: b.versionId, segment: b.segment, day: b.day },
      entries: customerAggregateEntries(b.aggregate),
    }));
    await addCustomerBuckets(tx, studyId, buckets);
    return buckets.reduce((n, b) => n + b.entries.length, 0);
  }
}
