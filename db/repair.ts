import { recomputeStudyAggregates } from "@/lib/results/recompute";
import { getDb } from "./client";
import { hasCustomerBuckets } from "./queries/aggregates";
import { countSubmittedResponses, listAllStudies } from "./queries/studies";

// What an upgrade leaves to rebuild, run after the migrations at every start
// (and before every CLI command). Migration 0003 drops the old aggregate rows:
// a study with submitted customer responses but no customer buckets gets its
// aggregates (and its responses' stored gaps) recomputed from the raw
// answers. Cheap when there is nothing to do: one indexed lookup per study.

export type RepairOutcome = { studies: string[] };

export async function repairDatabase(log: (line: string) => void = () => {}): Promise<RepairOutcome> {
  const repaired: string[] = [];
  for (const { id } of await listAllStudies(getDb())) {
    if (await hasCustomerBuckets(getDb(), id)) continue;
    if ((await countSubmittedResponses(getDb(), id)) === 0) continue;
    // recomputeStudyAggregates locks the study and empties its customer
    // buckets first, so two instances starting at once rebuild it one after
    // the other, and the second one's result is the same.
    const outcome = await recomputeStudyAggregates(id);
    log(`Rebuilt the aggregates of study ${id}: ${outcome.responses} responses, ${outcome.buckets} buckets.`);
    repaired.push(id);
  }
  return { studies: repaired };
}
