import { transaction, type Tx } from "@/db/client";
import { addPerspectiveEntries, clearCustomerAggregates, sumPerspectiveEntries } from "@/db/queries/aggregates";
import { customerResponsesWithAnswers, listAnswersOfRows, listCauseAnswers, listSubmitted, updateResponse } from "@/db/queries/responses";
import { listVersions, lockStudy } from "@/db/queries/studies";
import { causeStatementsFor } from "@/lib/responses/causes";
import { perspectiveAggregateEntries } from "@/lib/scoring/aggregate-entries";
import {
  contributionOf,
  emptyPerspectiveAggregate,
  mergePerspectiveAggregates,
  perspectiveContributionOf,
  type PerspectiveAggregate,
} from "@/lib/scoring/aggregates";
import { causeFactorContribution } from "@/lib/scoring/cause-scores";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { perspectives, type Perspective, type VersionDefinition } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import { CustomerBucketSums } from "./customer-buckets";

export type RecomputeOutcome = { responses: number; buckets: number; rows: number };

/**
 * The repair path: in one transaction, empties the study's customer
 * aggregates and rebuilds them from the submitted responses' raw answers,
 * with the submit path's own rule (contributionOf, bucket = version, segment,
 * UTC day of submittedAt), one write per bucket, and stores each response's
 * own weighted gap again (respondentWeightedGap, as at submit). Internal
 * perspectives keep their own sums (they are not touched).
 */
export async function recomputeStudyAggregates(studyId: string): Promise<RecomputeOutcome> {
  return transaction((tx) => recomputeIn(tx, studyId));
}

async function recomputeIn(tx: Tx, studyId: string): Promise<RecomputeOutcome> {
  // lockStudy: the buckets are rebuilt from what is read here; another
  // recompute of the study (a second instance's boot repair) waits, and so
  // does a submit's first write to a new bucket (its foreign-key lock on the
  // study). Emptying the buckets before reading the responses locks every
  // existing bucket row: a submit adding to one either committed before (its
  // response is read below) or waits and adds to the rebuilt row after.
  await lockStudy(tx, studyId);
  await clearCustomerAggregates(tx, studyId);
  const definitions = new Map<string, VersionDefinition>((await listVersions(tx, studyId)).map((v) => [v.id, versionDefinition(v.snapshot)]));
  const sums = new CustomerBucketSums();
  let responses = 0;
  for await (const r of customerResponsesWithAnswers(tx, studyId)) {
    const version = definitions.get(r.versionId);
    if (!version) continue;
    responses++;
    sums.add(r, contributionOf(version, r.answers, r.customerWeights));
    await updateResponse(tx, r.responseId, { gap: respondentWeightedGap(version, scoreCustomerResponse(version, r.answers)) });
  }
  const rows = await sums.write(tx, studyId);
  return { responses, buckets: sums.size, rows };
}

/**
 * Rebuilds the sums of each internal perspective (M, S, D, C) that has
 * submitted responses but no sums at all (migration 0003 dropped the old
 * ones), with the internal submit path's rule: item ratings and the cause
 * statements' factor scores, one bucket per version. Perspectives that have
 * sums are left alone. Returns the perspectives rebuilt.
 */
export async function rebuildMissingPerspectiveAggregates(studyId: string): Promise<Perspective[]> {
  return transaction(async (tx) => {
    // lockStudy: whether sums exist is read and then written; a second
    // instance's boot repair waits, then finds them and adds nothing.
    await lockStudy(tx, studyId);
    const present = new Set((await sumPerspectiveEntries(tx, studyId)).map((e) => e.perspective));
    const definitions = new Map<string, VersionDefinition>((await listVersions(tx, studyId)).map((v) => [v.id, versionDefinition(v.snapshot)]));
    const rebuilt: Perspective[] = [];
    for (const perspective of perspectives) {
      if (present.has(perspective)) continue;
      const rows = await listSubmitted(tx, studyId, perspective);
      if (rows.length === 0) continue;
      const answers = await listAnswersOfRows(tx, studyId, rows);
      const byVersion = new Map<string, PerspectiveAggregate>();
      for (const [i, row] of rows.entries()) {
        const version = definitions.get(row.versionId);
        if (!version) continue;
        const contribution = perspectiveContributionOf(
          version,
          answers[i].map((a) => ({ itemId: a.itemId, rating: a.rating })),
        );
        const causes = await listCauseAnswers(tx, row.id);
        contribution.causes = causeFactorContribution(
          version.scale,
          causeStatementsFor(perspective),
          causes.map((c) => ({ statement: c.statementKey, rating: c.rating })),
        );
        byVersion.set(row.versionId, mergePerspectiveAggregates(byVersion.get(row.versionId) ?? emptyPerspectiveAggregate(), contribution));
      }
      for (const [versionId, aggregate] of byVersion) {
        await addPerspectiveEntries(tx, { studyId, versionId, perspective }, perspectiveAggregateEntries(aggregate));
      }
      rebuilt.push(perspective);
    }
    return rebuilt;
  });
}
