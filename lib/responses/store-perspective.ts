import { transaction, type Tx } from "@/db/client";
import { addPerspectiveEntries } from "@/db/queries/aggregates";
import { replaceAnswers, replaceCauseAnswers } from "@/db/queries/responses";
import type { VersionSnapshot } from "@/db/schema";
import { perspectiveAggregateEntries } from "@/lib/scoring/aggregate-entries";
import { perspectiveContributionOf } from "@/lib/scoring/aggregates";
import { causeFactorContribution } from "@/lib/scoring/cause-scores";
import type { Perspective } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { ResponseSource } from "./kinds";
import { causeStatementsFor } from "./causes";
import type { AnswerProblem } from "./check";
import { itemLookup } from "./check";
import type { StoreOutcome } from "./store-customer";
import { duplicateOf, submitResponseRow } from "./submitted-row";

export type CheckedPerspectiveResponse = {
  answers: { itemId: string; rating: number | null }[];
  causes: { statement: string; rating: number | null }[];
};

/** Checks internal ratings against the version: known items, whole ratings 1…L, known statements. */
export function checkPerspectiveResponse(
  snapshot: VersionSnapshot,
  perspective: Perspective,
  input: { answers: { item: string; rating: number | null }[]; causes?: { statement: string; rating: number | null }[] },
  prefix = "",
): { ok: true; value: CheckedPerspectiveResponse } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const items = itemLookup(snapshot);
  const L = snapshot.scale;
  const seen = new Set<string>();
  const answers: CheckedPerspectiveResponse["answers"] = [];
  const inRange = (r: number | null) => r === null || (Number.isInteger(r) && r >= 1 && r <= L);
  input.answers.forEach((answer, index) => {
    const path = `${prefix}answers.${index}`;
    const item = items.get(answer.item);
    if (!item) {
      problems.push({ path: `${path}.item`, code: "unknownItem", message: `"${answer.item}" is not an item of this questionnaire version.` });
    } else if (seen.has(item.id)) {
      problems.push({ path: `${path}.item`, code: "duplicateItem", message: `Item "${answer.item}" is answered twice.` });
    } else if (!inRange(answer.rating)) {
      problems.push({ path: `${path}.rating`, code: "ratingOutOfRange", message: `Ratings are whole numbers from 1 to ${L}.` });
    } else {
      seen.add(item.id);
      answers.push({ itemId: item.id, rating: answer.rating });
    }
  });
  const allowed = new Set(causeStatementsFor(perspective).map((s) => s.key));
  const causes: CheckedPerspectiveResponse["causes"] = [];
  const rated = new Set<string>();
  (input.causes ?? []).forEach((cause, index) => {
    const path = `${prefix}causes.${index}`;
    if (!allowed.has(cause.statement)) {
      problems.push({
        path: `${path}.statement`,
        code: "unknownStatement",
        message: `"${cause.statement}" is not a cause statement for the ${perspective} perspective.`,
      });
    } else if (rated.has(cause.statement)) {
      problems.push({ path: `${path}.statement`, code: "duplicateStatement", message: `The cause statement "${cause.statement}" is rated twice.` });
    } else if (!inRange(cause.rating)) {
      problems.push({ path: `${path}.rating`, code: "ratingOutOfRange", message: `Ratings are whole numbers from 1 to ${L}.` });
    } else {
      rated.add(cause.statement);
      causes.push(cause);
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { answers, causes } };
}

export type PerspectiveSubmission = CheckedPerspectiveResponse & {
  responseId?: string;
  clientId?: string;
  studyId: string;
  versionId: string;
  snapshot: VersionSnapshot;
  perspective: Perspective;
  linkId?: string | null;
  language: string;
  source: ResponseSource;
  submittedAt: number;
};

/** Writes one internal response and its aggregate contribution; call inside a transaction. Idempotent. */
export async function storePerspectiveResponse(submission: PerspectiveSubmission, tx: Tx): Promise<StoreOutcome> {
  const responseId = await submitResponseRow(
    tx,
    {
      studyId: submission.studyId,
      versionId: submission.versionId,
      linkId: submission.linkId ?? null,
      perspective: submission.perspective,
      clientId: submission.clientId ?? null,
      segment: "",
      language: submission.language,
      source: submission.source,
      submittedAt: submission.submittedAt,
    },
    submission.responseId,
  );
  if (responseId === null) {
    return {
      responseId: await duplicateOf(tx, submission.studyId, submission.perspective, submission.clientId, submission.responseId),
      stored: false,
    };
  }
  await replaceAnswers(
    tx,
    submission.studyId,
    responseId,
    submission.answers.map((a) => ({ itemId: a.itemId, rating: a.rating })),
  );
  await replaceCauseAnswers(
    tx,
    responseId,
    submission.causes.map((c) => ({ statementKey: c.statement, rating: c.rating })),
  );
  const version = versionDefinition(submission.snapshot);
  const contribution = perspectiveContributionOf(version, submission.answers);
  contribution.causes = causeFactorContribution(version.scale, causeStatementsFor(submission.perspective), submission.causes);
  await addPerspectiveEntries(
    tx,
    { studyId: submission.studyId, versionId: submission.versionId, perspective: submission.perspective },
    perspectiveAggregateEntries(contribution),
  );
  return { responseId, stored: true };
}

/** Stores many internal responses in one transaction: all or nothing. */
export async function storePerspectiveResponses(submissions: PerspectiveSubmission[]): Promise<StoreOutcome[]> {
  return transaction(async (tx) => {
    const outcomes: StoreOutcome[] = [];
    for (const s of submissions) outcomes.push(await storePerspectiveResponse(s, tx));
    return outcomes;
  });
}
