import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { getConnection, getDb, type Executor } from "../client";
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


// ── Recompute from raw answers (repair path) ────────────────────────────────

export type RawCustomerAnswerRow = {
  responseId: string;
  versionId: string;
  segment: string;
  submittedAt: number;
  /** JSON text of the respondent's 100-point split, or null. */
  customerWeights: string | null;
  itemId: string | null;
  expected: number | null;
  perceived: number | null;
};

/**
 * Every answer of a study's submitted customer responses, grouped by
 * response (a response without answers yields one row with itemId null).
 * Synchronous iteration: run it to the end before using the connection
 * for anything else.
 */
export function iterateCustomerAnswers(studyId: string): IterableIterator<RawCustomerAnswerRow> {
  const { sqlite } = getConnection();
  return sqlite
    .prepare(
      `SELECT r.id AS responseId, r.version_id AS versionId, r.segment AS segment, r.submitted_at AS submittedAt,
              r.customer_weights AS customerWeights, a.item_id AS itemId, a.expected AS expected, a.perceived AS perceived
       FROM responses r LEFT JOIN answers a ON a.response_id = r.id
       WHERE r.study_id = ? AND r.perspective = 'customer' AND r.status = 'submitted' AND r.submitted_at IS NOT NULL
       ORDER BY r.id`,
    )
    .iterate(studyId) as IterableIterator<RawCustomerAnswerRow>;
}

// ── Follow-up (service recovery) ────────────────────────────────────────────

export type ResponseFilter = {
  studyId: string;
  versionIds?: string[];
  /** Inclusive lower bound, ms. */
  fromMs?: number;
  /** Exclusive upper bound, ms. */
  toMs?: number;
  segment?: string;
};

function responseWhere(filter: ResponseFilter, alias = "r") {
  const where = [`${alias}.study_id = ?`, `${alias}.perspective = 'customer'`, `${alias}.status = 'submitted'`];
  const params: (string | number)[] = [filter.studyId];
  if (filter.versionIds && filter.versionIds.length > 0) {
    where.push(`${alias}.version_id IN (${filter.versionIds.map(() => "?").join(", ")})`);
    params.push(...filter.versionIds);
  }
  if (filter.fromMs !== undefined) {
    where.push(`${alias}.submitted_at >= ?`);
    params.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    where.push(`${alias}.submitted_at < ?`);
    params.push(filter.toMs);
  }
  if (filter.segment !== undefined) {
    where.push(`${alias}.segment = ?`);
    params.push(filter.segment);
  }
  return { where: where.join(" AND "), params };
}

export type ShortfallRow = {
  id: string;
  versionId: string;
  submittedAt: number;
  segment: string;
  language: string;
  followedUpAt: number | null;
  followUpNote: string | null;
  meanGap: number;
  pairs: number;
};

/**
 * The submitted responses with the largest mean item gap (E − P after
 * reverse scoring, over counted pairs), shortfalls only. `reversed` lists
 * "versionId itemId" of the reverse-scored items, whose gap is P − E.
 */
export function largestShortfalls(
  filter: ResponseFilter,
  reversed: string[],
  options: { limit: number; includeFollowedUp: boolean },
): ShortfallRow[] {
  const { sqlite } = getConnection();
  const { where, params } = responseWhere(filter);
  const open = options.includeFollowedUp ? "" : " AND r.followed_up_at IS NULL";
  return sqlite
    .prepare(
      `SELECT r.id AS id, r.version_id AS versionId, r.submitted_at AS submittedAt, r.segment AS segment,
              r.language AS language, r.followed_up_at AS followedUpAt, r.follow_up_note AS followUpNote,
              AVG(CASE WHEN (r.version_id || ' ' || a.item_id) IN (SELECT value FROM json_each(?))
                       THEN a.perceived - a.expected ELSE a.expected - a.perceived END) AS meanGap,
              COUNT(*) AS pairs
       FROM responses r JOIN answers a ON a.response_id = r.id
       WHERE ${where}${open} AND a.expected IS NOT NULL AND a.perceived IS NOT NULL
       GROUP BY r.id
       HAVING meanGap > 0
       ORDER BY meanGap DESC, r.submitted_at DESC
       LIMIT ?`,
    )
    .all(JSON.stringify(reversed), ...params, options.limit) as ShortfallRow[];
}

/** Answers and comments of a bounded list of responses (the follow-up list). */
export function answersOfResponses(ids: string[]) {
  const { sqlite } = getConnection();
  return sqlite
    .prepare(
      `SELECT response_id AS responseId, item_id AS itemId, expected, perceived FROM answers
       WHERE response_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as { responseId: string; itemId: string; expected: number | null; perceived: number | null }[];
}

export function commentsOfResponses(ids: string[]) {
  const { sqlite } = getConnection();
  return sqlite
    .prepare(
      `SELECT response_id AS responseId, criterion_id AS criterionId, text FROM comments
       WHERE response_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as { responseId: string; criterionId: string; text: string }[];
}

/** Marks a study's submitted customer response as followed up (or reopens it with null). */
export function setFollowUp(studyId: string, responseId: string, followedUpAt: number | null, note: string | null, db: Executor = getDb()) {
  return db
    .update(responses)
    .set({ followedUpAt, followUpNote: note })
    .where(
      and(
        eq(responses.id, responseId),
        eq(responses.studyId, studyId),
        eq(responses.perspective, "customer"),
        eq(responses.status, "submitted"),
      ),
    )
    .run().changes;
}

export function countFollowedUp(filter: ResponseFilter): number {
  const { sqlite } = getConnection();
  const { where, params } = responseWhere(filter);
  return (sqlite.prepare(`SELECT COUNT(*) AS n FROM responses r WHERE ${where} AND r.followed_up_at IS NOT NULL`).get(...params) as { n: number }).n;
}

// ── The customer survey's drafts ────────────────────────────────────────────

/** The response an invite link has in progress (an invite is answered once, from any browser). */
export function findInProgressByLink(linkId: string, db: Executor = getDb()): ResponseRow | undefined {
  return db
    .select()
    .from(responses)
    .where(and(eq(responses.linkId, linkId), eq(responses.status, "in_progress")))
    .orderBy(desc(responses.startedAt))
    .limit(1)
    .get();
}

/** Customer responses of a study by status, for the distribution page. */
export function countByStatus(studyId: string, db: Executor = getDb()): { submitted: number; inProgress: number } {
  const rows = db
    .select({ status: responses.status, n: count() })
    .from(responses)
    .where(and(eq(responses.studyId, studyId), eq(responses.perspective, "customer")))
    .groupBy(responses.status)
    .all();
  return {
    submitted: rows.find((r) => r.status === "submitted")?.n ?? 0,
    inProgress: rows.find((r) => r.status === "in_progress")?.n ?? 0,
  };
}

/** Submitted customer responses by where they came from: the public link, invites, the API or an import. */
export function submittedByChannel(studyId: string, db: Executor = getDb()): Record<string, number> {
  const rows = db.all<{ channel: string; n: number }>(sql`
    SELECT coalesce(l.kind, r.source) AS channel, count(*) AS n
    FROM responses r LEFT JOIN links l ON l.id = r.link_id
    WHERE r.study_id = ${studyId} AND r.perspective = 'customer' AND r.status = 'submitted'
    GROUP BY channel`);
  return Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
}
