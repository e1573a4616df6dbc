import { transaction, type Tx } from "@/db/client";
import { clearCustomerAggregates } from "@/db/queries/aggregates";
import { customerResponsesWithAnswers } from "@/db/queries/responses";
import { listVersions, lockStudy } from "@/db/queries/studies";
import { contributionOf } from "@/lib/scoring/aggregates";
import type { VersionDefinition } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import { CustomerBucketSums } from "./customer-buckets";

export type RecomputeOutcome = { responses: number; buckets: number; rows: number };

/**
 * The repair path: in one transaction, empties the study's customer
 * aggregates and rebuilds them from the submitted responses' raw answers,
 * with the submit path's own rule (contributionOf, bucket = version, segment,
 * UTC day of submittedAt), one write per bucket. Internal perspectives keep
 * their own sums (they are not touched).
 */
export async function recomputeStudyAggregates(studyId: string): Promise<RecomputeOutcome> {
  return transaction((tx) => recomputeIn(tx, studyId));
}

async function recomputeIn(tx: Tx, studyId: string): Promise<RecomputeOutcome> {
  // lockStudy: the buckets are emptied and rebuilt from what is read here;
  // another recompute of the study (a second instance's boot repair) waits.
  await lockStudy(tx, studyId);
  const definitions = new Map<string, VersionDefinition>((await listVersions(tx, studyId)).map((v) => [v.id, versionDefinition(v.snapshot)]));
  const sums = new CustomerBucketSums();
  let responses = 0;
  for await (const r of customerResponsesWithAnswers(tx, studyId)) {
    const version = definitions.get(r.versionId);
    if (!version) continue;
    responses++;
    sums.add(r, contributionOf(version, r.answers, r.customerWeights));
  }
  await clearCustomerAggregates(tx, studyId);
  const rows = await sums.write(tx, studyId);
  return { responses, buckets: sums.size, rows };
}
