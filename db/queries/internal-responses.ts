import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { answers, causeAnswers, responses } from "../schema";

/** The response this browser started on an internal link (found by the resume cookie's hash). */
export function findResumable(linkId: string, resumeHash: string, db: Executor = getDb()) {
  return db
    .select()
    .from(responses)
    .where(and(eq(responses.linkId, linkId), eq(responses.resumeHash, resumeHash)))
    .get();
}

export function saveRatings(responseId: string, ratings: Map<string, number | null>, db: Executor = getDb()) {
  for (const [itemId, rating] of ratings) {
    db.insert(answers)
      .values({ responseId, itemId, rating })
      .onConflictDoUpdate({ target: [answers.responseId, answers.itemId], set: { rating } })
      .run();
  }
}

export function saveCauseRatings(responseId: string, ratings: Map<string, number | null>, db: Executor = getDb()) {
  for (const [statementKey, rating] of ratings) {
    db.insert(causeAnswers)
      .values({ responseId, statementKey, rating })
      .onConflictDoUpdate({ target: [causeAnswers.responseId, causeAnswers.statementKey], set: { rating } })
      .run();
  }
}
