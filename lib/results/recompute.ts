import { getConnection } from "@/db/client";
import { addCustomerEntries, clearCustomerAggregates } from "@/db/queries/aggregates";
import { iterateCustomerAnswers, type RawCustomerAnswerRow } from "@/db/queries/responses";
import { listVersions } from "@/db/queries/studies";
import { customerAggregateEntries } from "@/lib/scoring/aggregate-entries";
import { addContribution, contributionOf, emptyAggregate, type CustomerAggregate } from "@/lib/scoring/aggregates";
import type { CustomerAnswer, VersionDefinition } from "@/lib/scoring/types";
import { dayOf } from "@/lib/responses/store-customer";
import { versionDefinition } from "@/lib/studies/version-definition";

export type RecomputeOutcome = { responses: number; buckets: number; rows: number };

type Bucket = { versionId: string; segment: string; day: number; aggregate: CustomerAggregate };

/**
 * The repair path: in one transaction, empties the study's customer
 * aggregates and rebuilds them from the submitted responses' raw answers,
 * with the submit path's own rule (contributionOf → customerAggregateEntries,
 * bucket = version, segment, UTC day of submittedAt). Contributions are added
 * up per bucket in memory first (entries are linear in the sums, so this
 * equals adding each response's entries), and each aggregate row is written once.
 * Internal perspectives keep their own sums (they are not touched).
 */
export function recomputeStudyAggregates(studyId: string): RecomputeOutcome {
  const { db } = getConnection();
  return db.transaction(() => {
    const definitions = new Map<string, VersionDefinition>(listVersions(studyId).map((v) => [v.id, versionDefinition(v.snapshot)]));
    const buckets = new Map<string, Bucket>();
    let responses = 0;

    const add = (first: RawCustomerAnswerRow, answers: CustomerAnswer[]) => {
      const version = definitions.get(first.versionId);
      if (!version) return;
      responses++;
      const weights = first.customerWeights ? (JSON.parse(first.customerWeights) as Record<string, number>) : null;
      const day = dayOf(first.submittedAt);
      const bucketKey = JSON.stringify([first.versionId, first.segment, day]);
      let bucket = buckets.get(bucketKey);
      if (!bucket) {
        bucket = { versionId: first.versionId, segment: first.segment, day, aggregate: emptyAggregate() };
        buckets.set(bucketKey, bucket);
      }
      bucket.aggregate = addContribution(bucket.aggregate, contributionOf(version, answers, weights));
    };

    // Rows arrive grouped by response; collect one response's answers, then add it.
    let current: RawCustomerAnswerRow | null = null;
    let answers: CustomerAnswer[] = [];
    for (const row of iterateCustomerAnswers(studyId)) {
      if (current && current.responseId !== row.responseId) {
        add(current, answers);
        answers = [];
      }
      current = row;
      if (row.itemId !== null) answers.push({ itemId: row.itemId, expected: row.expected, perceived: row.perceived });
    }
    if (current) add(current, answers);

    clearCustomerAggregates(studyId);
    let rows = 0;
    for (const bucket of buckets.values()) {
      const entries = customerAggregateEntries(bucket.aggregate);
      addCustomerEntries({ studyId, versionId: bucket.versionId, segment: bucket.segment, day: bucket.day }, entries);
      rows += entries.length;
    }
    return { responses, buckets: buckets.size, rows };
  });
}
