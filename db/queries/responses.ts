import { and, asc, count, desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { answers, causeAnswers, comments, responses } from "../schema";

export type ResponseRow = typeof responses.$inferSelect;

export function findResponse(id: string, db: Executor = getDb()): ResponseRow | undefined {
  return db.select().from(responses).where(eq(responses.id, id)).get();
}

export function findResponseByClientId(studyId: string, clientId: string, db: Executor = getDb()) {
  return db
    .select()
    .from(responses)
    .where(and(eq(responses.studyId, studyId), eq(responses.clientId, clientId)))
    .get();
}

export function insertResponse(row: typeof responses.$inferInsert, db: Executor = getDb()) {
  db.insert(responses).values(row).run();
}

export function updateResponse(id: string, patch: Partial<typeof responses.$inferInsert>, db: Executor = getDb()) {
  return db.update(responses).set(patch).where(eq(responses.id, id)).run().changes;
}

/** Replaces a response's answers with `rows` (a survey saves step by step, then submits). */
export function replaceAnswers(
  responseId: string,
  rows: { itemId: string; expected?: number | null; perceived?: number | null; rating?: number | null }[],
  db: Executor = getDb(),
) {
  db.delete(answers).where(eq(answers.responseId, responseId)).run();
  if (rows.length > 0) db.insert(answers).values(rows.map((r) => ({ responseId, ...r }))).run();
}

/** Saves or overwrites the answers to some items, keeping the others. */
export function upsertAnswers(
  responseId: string,
  rows: { itemId: string; expected?: number | null; perceived?: number | null; rating?: number | null }[],
  db: Executor = getDb(),
) {
  for (const r of rows) {
    db.insert(answers)
      .values({ responseId, ...r })
      .onConflictDoUpdate({
        target: [answers.responseId, answers.itemId],
        set: { expected: r.expected ?? null, perceived: r.perceived ?? null, rating: r.rating ?? null },
      })
      .run();
  }
}

export function listAnswers(responseId: string, db: Executor = getDb()) {
  return db.select().from(answers).where(eq(answers.responseId, responseId)).all();
}

export function replaceComments(responseId: string, rows: { criterionId: string; text: string }[], db: Executor = getDb()) {
  db.delete(comments).where(eq(comments.responseId, responseId)).run();
  if (rows.length > 0) db.insert(comments).values(rows.map((r) => ({ responseId, ...r }))).run();
}

export function upsertComment(responseId: string, criterionId: string, text: string, db: Executor = getDb()) {
  if (!text.trim()) {
    db.delete(comments).where(and(eq(comments.responseId, responseId), eq(comments.criterionId, criterionId))).run();
    return;
  }
  db.insert(comments)
    .values({ responseId, criterionId, text })
    .onConflictDoUpdate({ target: [comments.responseId, comments.criterionId], set: { text } })
    .run();
}

export function listComments(responseId: string, db: Executor = getDb()) {
  return db.select().from(comments).where(eq(comments.responseId, responseId)).all();
}

export function replaceCauseAnswers(responseId: string, rows: { statementKey: string; rating: number | null }[], db: Executor = getDb()) {
  db.delete(causeAnswers).where(eq(causeAnswers.responseId, responseId)).run();
  if (rows.length > 0) db.insert(causeAnswers).values(rows.map((r) => ({ responseId, ...r }))).run();
}

export function listCauseAnswers(responseId: string, db: Executor = getDb()) {
  return db.select().from(causeAnswers).where(eq(causeAnswers.responseId, responseId)).all();
}

export function countSubmitted(studyId: string, perspective = "customer", db: Executor = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(responses)
      .where(and(eq(responses.studyId, studyId), eq(responses.perspective, perspective), eq(responses.status, "submitted")))
      .get()?.n ?? 0
  );
}

/** Submitted responses of a study in submission order, for exports and the recompute path. */
export function listSubmitted(studyId: string, perspective = "customer", db: Executor = getDb()) {
  return db
    .select()
    .from(responses)
    .where(and(eq(responses.studyId, studyId), eq(responses.perspective, perspective), eq(responses.status, "submitted")))
    .orderBy(asc(responses.submittedAt), asc(responses.id))
    .all();
}

export function answersOfStudy(studyId: string, perspective = "customer", db: Executor = getDb()) {
  return db
    .select({ responseId: answers.responseId, itemId: answers.itemId, expected: answers.expected, perceived: answers.perceived, rating: answers.rating })
    .from(answers)
    .innerJoin(responses, eq(responses.id, answers.responseId))
    .where(and(eq(responses.studyId, studyId), eq(responses.perspective, perspective), eq(responses.status, "submitted")))
    .all();
}

export function latestSubmissions(studyId: string, limit: number, db: Executor = getDb()) {
  return db
    .select()
    .from(responses)
    .where(and(eq(responses.studyId, studyId), eq(responses.status, "submitted")))
    .orderBy(desc(responses.submittedAt))
    .limit(limit)
    .all();
}

export function submittedCountByLink(linkId: string, db: Executor = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(responses)
      .where(and(eq(responses.linkId, linkId), eq(responses.status, "submitted")))
      .get()?.n ?? 0
  );
}

