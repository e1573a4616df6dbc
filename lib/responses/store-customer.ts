import { transaction, type Tx } from "@/db/client";
import { addCustomerEntries } from "@/db/queries/aggregates";
import { insertResponseContact, type ResponseContact } from "@/db/queries/response-contacts";
import { insertComments, packAnswers, replaceComments } from "@/db/queries/responses";
import type { VersionSnapshot } from "@/db/schema";
import { customerAggregateEntries, dayOf } from "@/lib/scoring/aggregate-entries";
import { contributionOf, type CustomerAggregate } from "@/lib/scoring/aggregates";
import { CustomerBucketSums } from "@/lib/results/customer-buckets";
import { eventLoopPacer } from "@/lib/event-loop";
import { closeTheLoop, type LoopCache } from "@/lib/follow-up/on-submit";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { ResponseSource } from "./kinds";
import type { CheckedCustomerResponse } from "./check";
import { duplicateOf, submitNewRows, submitResponseRow, type SubmittedRow } from "./submitted-row";

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
  /** What the customer gave on the consent step, when they agreed to be contacted. */
  contact?: ResponseContact | null;
};

/**
 * `closeLoop: false` for answers that are not news (the demo's made-up
 * history): no alert, no case, no webhook. Imports never come this way.
 */
export type StoreOptions = { closeLoop?: boolean };

export type StoreOutcome = { responseId: string; stored: boolean };

type Prepared = {
  version: ReturnType<typeof versionDefinition>;
  scored: ReturnType<typeof scoreCustomerResponse>;
  gap: number | null;
  row: SubmittedRow;
};

/** The response's scores and the row that stores it, before anything is written. */
async function prepareCustomerResponse(submission: CustomerSubmission, tx: Tx): Promise<Prepared> {
  const version = versionDefinition(submission.snapshot);
  const scored = scoreCustomerResponse(version, submission.answers);
  const gap = respondentWeightedGap(version, scored);
  const row: SubmittedRow = {
    studyId: submission.studyId,
    versionId: submission.versionId,
    linkId: submission.linkId ?? null,
    perspective: "customer",
    clientId: submission.clientId ?? null,
    segment: submission.segment,
    language: submission.language,
    source: submission.source,
    customerWeights: submission.weights,
    gap,
    submittedAt: submission.submittedAt,
    answers: await packAnswers(tx, submission.studyId, submission.answers),
  };
  return { version, scored, gap, row };
}

/** A response that comes without an id of ours (the API's) is a new row: those go in many to a statement (submitNewRows). */
const isNewRow = (s: CustomerSubmission) => s.responseId === undefined;

/**
 * The response's row with its packed answers (one statement for a new row;
 * none when `rowId` says what submitNewRows did with it), its comments, its
 * own weighted gap, the consent step's contact and, with `loop`, what
 * closing the loop writes; not its aggregates. Returns the contribution to
 * add, or null for a response submitted before.
 */
async function writeCustomerResponse(
  submission: CustomerSubmission,
  tx: Tx,
  loop: LoopCache | null,
  prepared: Prepared,
  rowId?: string | null,
): Promise<{ outcome: StoreOutcome; contribution: CustomerAggregate | null }> {
  const { version, scored, gap } = prepared;
  const responseId = rowId !== undefined ? rowId : await submitResponseRow(tx, prepared.row, submission.responseId);
  if (responseId === null) {
    const duplicate = await duplicateOf(tx, submission.studyId, "customer", submission.clientId, submission.responseId);
    return { outcome: { responseId: duplicate, stored: false }, contribution: null };
  }
  // Without a given id the row is new (a fresh UUID): it has no comments to replace.
  if (submission.responseId === undefined) await insertComments(tx, responseId, submission.comments);
  else await replaceComments(tx, responseId, submission.comments);
  if (submission.contact) await insertResponseContact(tx, { responseId, studyId: submission.studyId, ...submission.contact });
  if (loop) {
    await closeTheLoop(
      tx,
      {
        studyId: submission.studyId,
        responseId,
        segment: submission.segment,
        submittedAt: submission.submittedAt,
        gap,
        criterionGap: (key) => {
          const criterion = version.criteria.find((c) => c.key === key);
          return scored.criteria.find((c) => c.criterionId === criterion?.id)?.gap ?? null;
        },
        snapshot: submission.snapshot,
      },
      loop,
    );
  }
  return { outcome: { responseId, stored: true }, contribution: contributionOf(version, submission.answers, submission.weights) };
}

/**
 * Writes one submitted customer response, its answers, comments, its own
 * weighted gap and its contribution to the aggregates. Call inside a
 * transaction (`tx`): it is all or nothing. A response already submitted
 * (same id, or same client id) is left as it is and reported with
 * stored: false, so a resend never counts twice. A new response also
 * closes the loop (lib/follow-up/on-submit.ts: alert, case, mail, webhooks)
 * in the same transaction.
 */
export async function storeCustomerResponse(submission: CustomerSubmission, tx: Tx, options: StoreOptions = {}): Promise<StoreOutcome> {
  const { outcome, contribution } = await writeCustomerResponse(
    submission,
    tx,
    options.closeLoop === false ? null : new Map(),
    await prepareCustomerResponse(submission, tx),
  );
  if (contribution) {
    await addCustomerEntries(
      tx,
      { studyId: submission.studyId, versionId: submission.versionId, segment: submission.segment, day: dayOf(submission.submittedAt) },
      customerAggregateEntries(contribution),
    );
  }
  return outcome;
}

/**
 * Stores many responses (the API's batches, up to 5,000) in one transaction:
 * all or nothing, and nothing visible to any reader before the commit. The
 * event loop gets a turn every few milliseconds (eventLoopPacer), so other requests are answered meanwhile (on SQLite other writers
 * wait in the writer's queue, readers read the last commit; on PostgreSQL
 * the transaction holds only its own new rows until the end). The
 * aggregates are summed in memory and written once per bucket at the end.
 */
export async function storeCustomerResponses(submissions: CustomerSubmission[], loopSettings?: LoopCache): Promise<StoreOutcome[]> {
  return transaction(async (tx) => {
    const outcomes: StoreOutcome[] = [];
    const sums = new Map<string, CustomerBucketSums>();
    const pace = eventLoopPacer();
    // Each study's alert rule and webhooks are read once per batch (or were read with the study, `loopSettings`).
    const loop: LoopCache = new Map(loopSettings);
    const prepared: Prepared[] = [];
    for (const s of submissions) {
      await pace();
      prepared.push(await prepareCustomerResponse(s, tx));
    }
    // The new rows first, a hundred to a statement (a round
    // trip each would hold the transaction open for as many turns of the
    // event loop); the rest one by one below.
    const together = submissions.flatMap((s, i) => (isNewRow(s) ? [i] : []));
    const rowIds = new Map<number, string | null>();
    const ids = await submitNewRows(
      tx,
      together.map((i) => prepared[i].row),
    );
    together.forEach((i, n) => rowIds.set(i, ids[n]));
    for (let i = 0; i < submissions.length; i++) {
      await pace();
      const s = submissions[i];
      const { outcome, contribution } = await writeCustomerResponse(s, tx, loop, prepared[i], rowIds.get(i));
      outcomes.push(outcome);
      if (!contribution) continue;
      let study = sums.get(s.studyId);
      if (!study) sums.set(s.studyId, (study = new CustomerBucketSums()));
      study.add(s, contribution);
    }
    for (const [studyId, study] of sums) await study.write(tx, studyId);
    return outcomes;
  });
}
