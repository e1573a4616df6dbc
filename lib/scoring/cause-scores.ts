import { usableRating, reverseScore } from "./response-scores";
import { addValue, emptyMoments } from "./statistics";
import type { Moments, Scale } from "./types";

// A cause factor (METHOD.md §5) is measured by 2–3 agreement statements,
// some worded negatively. A respondent's factor score is the mean of their
// answered statements of that factor after reverse scoring each statement
// (METHOD.md §2: x → L + 1 − x); the factor's moments are over respondents.

export type CauseStatementDefinition = { key: string; factor: string; reverse: boolean };
export type CauseStatementAnswer = { statement: string; rating: number | null };

/** One respondent's factor scores: statement ratings reversed where needed, averaged per factor. */
export function causeFactorScores(
  scale: Scale,
  statements: readonly CauseStatementDefinition[],
  answers: readonly CauseStatementAnswer[],
): Record<string, number> {
  const byKey = new Map(statements.map((s) => [s.key, s]));
  const seen = new Set<string>();
  const sums = new Map<string, { sum: number; n: number }>();
  for (const answer of answers) {
    const statement = byKey.get(answer.statement);
    const rating = usableRating(answer.rating, scale);
    if (!statement || rating === null || seen.has(answer.statement)) continue;
    seen.add(answer.statement);
    const acc = sums.get(statement.factor) ?? { sum: 0, n: 0 };
    acc.sum += reverseScore(rating, scale, statement.reverse);
    acc.n += 1;
    sums.set(statement.factor, acc);
  }
  return Object.fromEntries([...sums].map(([factor, { sum, n }]) => [factor, sum / n]));
}

/** The contribution of one respondent to the factor moments. */
export function causeFactorContribution(
  scale: Scale,
  statements: readonly CauseStatementDefinition[],
  answers: readonly CauseStatementAnswer[],
): Record<string, Moments> {
  const scores = causeFactorScores(scale, statements, answers);
  return Object.fromEntries(Object.entries(scores).map(([factor, score]) => [factor, addValue(emptyMoments(), score)]));
}
