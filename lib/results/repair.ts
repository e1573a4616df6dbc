import { rebuildMissingPerspectiveAggregates, recomputeStudyAggregates } from "@/lib/results/recompute";
import { perspectives } from "@/lib/scoring/types";
import { getDb } from "@/db/client";
import { hasCustomerBuckets, sumPerspectiveEntries } from "@/db/queries/aggregates";
import { countSubmitted } from "@/db/queries/responses";
import { listAllStudies } from "@/db/queries/studies";

// What an upgrade leaves to rebuild, run after the migrations at every start
// (and before every CLI command). Migration 0003 drops the old aggregate rows:
// a study with submitted customer responses but no customer buckets gets its
// customer aggregates (and its responses' stored gaps) recomputed from the
// raw answers, and an internal perspective with submitted responses but no
// sums gets those rebuilt. Cheap when there is nothing to do: a few indexed
// lookups per study.

export type RepairOutcome = { studies: string[] };

export async function repairDatabase(log: (line: string) => void = () => {}): Promise<RepairOutcome> {
  const repaired = new Set<string>();
  for (const { id } of await listAllStudies(getDb())) {
    // Both rebuilds lock the study first, so two instances starting at once
    // repair it one after the other, and the second one's result is the same.
    if (!(await hasCustomerBuckets(getDb(), id)) && (await countSubmitted(getDb(), id, "customer")) > 0) {
      const outcome = await recomputeStudyAggregates(id);
      log(`Rebuilt the customer aggregates of study ${id}: ${outcome.responses} responses, ${outcome.buckets} buckets.`);
      repaired.add(id);
    }
    const withSums = new Set((await sumPerspectiveEntries(getDb(), id)).map((e) => e.perspective));
    let missing = false;
    for (const perspective of perspectives) {
      if (!withSums.has(perspective) && (await countSubmitted(getDb(), id, perspective)) > 0) missing = true;
    }
    if (missing) {
      const rebuilt = await rebuildMissingPerspectiveAggregates(id);
      log(`Rebuilt the ${rebuilt.join(", ")} sums of study ${id}.`);
      repaired.add(id);
    }
  }
  return { studies: [...repaired] };
}
