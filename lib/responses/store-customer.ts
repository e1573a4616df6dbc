import { transaction, type Tx } from "@/db/client";
import { addCustomerEntries } from "@/db/queries/aggregates";
import { replaceAnswers, replaceComments } from "@/db/queries/responses";
import type { VersionSnapshot } from "@/db/schema";
import { customerAggregateEntries, dayOf } from "@/lib/scoring/aggregate-entries";
import { contributionOf } from "@/lib/scoring/aggregates";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { ResponseSource } from "./kinds";
import type { CheckedCustomerResponse } from "./check";
import { duplicateOf, submitResponseRow } from "./submitted-row";

export type CustomerSubmission = CheckedCustomerResponse & {
  /** Fixed when the survey was opened; or generated for the API. */
  responseId?: string;
  /** An API client's own id. */
  clientId?: string;
  studyId: string;
  versionId: string;
  snapshot: VersionSnapshot;
  linkId?: string | null;
  segment: string;
  language: string;
  source: ResponseSource;
  submittedAt: number;
};

export type StoreOutcome = { responseId: string; stored: boolean };

/**
 * Writes one submitted customer response, its answers, comments, its own
 * weighted gap and its contribution to the aggregates. Call inside a
 * transaction (`tx`): it is all or nothing. A response already submitted
 * (same id, or same client id) is left as it is and reported with
 * stored: false, so a resend never counts twice.
 */
export async function storeCustomerResponse(submission: CustomerSubmission, tx: Tx): Promise<StoreOutcome> {
  const version = versionDefinition(submission.snapshot);
  const responseId = await submitResponseRow(
    tx,
    {
      studyId: submission.studyId,
      versionId: submission.versionId,
      linkId: submission.linkId ?? null,
      perspective: "customer",
      clientId: submission.clientId ?? null,
      segment: submission.segment,
      language: submission.language,
      source: submission.source,
      customerWeights: submission.weights,
      gap: respondentWeightedGap(version, scoreCustomerResponse(version, submission.answers)),
      submittedAt: submission.submittedAt,
    },
    submission.responseId,
  );
  if (responseId === null) {
    return { responseId: await duplicateOf(tx, submission.studyId, "customer", submission.clientId, submission.responseId), stored: false };
  }
  await replaceAnswers(tx, submission.studyId, responseId, submission.answers);
  await replaceComments(tx, responseId, submission.comments);
  const contribution = contributionOf(version, submission.answers, submission.weights);
  await addCustomerEntries(
    tx,
    { studyId: submission.studyId, versionId: submission.versionId, segment: submission.segment, day: dayOf(submission.submittedAt) },
    customerAggregateEntries(contribution),
  );
  return { responseId, stored: true };
}

/** Stores many responses in one transaction: all or nothing. */
export async function storeCustomerResponses(submissions: CustomerSubmission[]): Promise<StoreOutcome[]> {
  return transaction(async (tx) => {
    const outcomes: StoreOutcome[] = [];
    for (const s of submissions) outcomes.push(await storeCustomerResponse(s, tx));
    return outcomes;
  });
}
