import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import { decodeAnswers, encodeAnswers } from "../answers-codec";
import { currentEngine, kept, rawAll, type Reader, type Tx } from "../client";
import { itemsOfNumbers, numbersOfItems } from "../item-numbers";
import { forUpdate } from "../locks";
import { causeAnswers, comments, links, responses } from "../schema";
import type { RespondentPerspective } from "@/lib/responses/kinds";

export type ResponseRow = typeof responses.$inferSelect;
/** A response's row without its packed answers (read them with listAnswers). */
export type AnswerRow = { itemId: string; expected: number | null; perceived: number | null; rating: number | null };
type AnswerInput = { itemId: string; expected?: number | null; perceived?: number | null; rating?: number | null };

export async function findResponse(db: Reader, id: string): Promise<ResponseRow | undefined> {
  const [row] = await db.select().from(responses).where(eq(responses.id, id)).limit(1);
  return row;
}

/**
 * The response, locked until the transaction ends (PostgreSQL): a step post
 * or a submit reads its status and then writes, and two posts of one
 * response (two tabs, a double click) must not both finish it.
 */
export async function findResponseForUpdate(tx: Tx, id: string): Promise<ResponseRow | undefined> {
  const [row] = await forUpdate(tx.select().from(responses).where(eq(responses.id, id)));
  return row;
}

/** The response an API client sent under its own id, in one perspective (ids are the client's per perspective). */
export async function findResponseByClientId(db: Reader, studyId: string, perspective: RespondentPerspective, clientId: string) {
  const [row] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.studyId, studyId), eq(responses.perspective, perspective), eq(responses.clientId, clientId)))
    .limit(1);
  return row;
}

/** A new response; its primary key and the unique (study, perspective, client id) index refuse a duplicate. */
export async function insertResponse(tx: Tx, row: typeof responses.$inferInsert) {
  await tx.insert(responses).values(row);
}

/**
 * A new response (under a fresh id) unless its client id was sent before:
 * one statement, the unique index (study, perspective, client id) decides (on PostgreSQL a
 * concurrent insert of the same client id waits for the other transaction,
 * then inserts nothing if it committed). Returns whether the row went in.
 */
// Every column a submitted row sets; the rest (step, resume hash) keep their defaults.
const submittedColumns = [
  "id",
  "studyId",
  "versionId",
  "linkId",
  "perspective",
  "clientId",
  "segment",
  "language",
  "source",
  "status",
  "answers",
  "gap",
  "customerWeights",
  "startedAt",
  "submittedAt",
] as const;
type SubmittedColumns = Pick<typeof responses.$inferInsert, (typeof submittedColumns)[number]>;

// The API's one-response submits insert one row each: kept (db/client.ts kept()).
const responseUnlessSent = kept((db) =>
  (db as Tx)
    .insert(responses)
    // Placeholders as plain SQL, so each value goes to the driver as it is
    // given (drizzle would encode a null JSON value as the text "null").
    .values(Object.fromEntries(submittedColumns.map((c) => [c, sql`${sql.placeholder(c)}`])) as unknown as typeof responses.$inferInsert)
    .onConflictDoNothing()
    .returning({ id: responses.id })
    .prepare("insert_response_unless_sent"),
);

/** A submitted row's values as the driver takes them (weights as JSON text, missing ones null). */
function submittedValues(row: SubmittedColumns): Record<(typeof submittedColumns)[number], unknown> {
  const values = Object.fromEntries(submittedColumns.map((c) => [c, row[c] ?? null])) as Record<(typeof submittedColumns)[number], unknown>;
  values.customerWeights = row.customerWeights == null ? null : JSON.stringify(row.customerWeights);
  return values;
}

export async function insertResponseUnlessSent(tx: Tx, row: SubmittedColumns): Promise<boolean> {
  const rows = await responseUnlessSent(tx).execute(submittedValues(row));
  return rows.length === 1;
}

// PostgreSQL: the rows go as one array per column, unnested into rows, so the
// statement's text is the same for any number of rows and it is kept
// (parsed and planned once per connection). drizzle building a VALUES list of
// 15 parameters a row and PostgreSQL parsing and planning it took 0.2 ms of
// the server's CPU and 0.1 ms of the database's for a group of ten submits
// (of 3.5 and 1.3 for storing the group). The SELECT gives every column of
// the table in its order (step and resume hash their defaults); the arrays
// come in submittedColumns' order.
const arrayTypes: Record<(typeof submittedColumns)[number], string> = {
  id: "text",
  studyId: "text",
  versionId: "text",
  linkId: "text",
  perspective: "text",
  clientId: "text",
  segment: "text",
  language: "text",
  source: "text",
  status: "text",
  answers: "bytea",
  gap: "float8",
  customerWeights: "jsonb",
  startedAt: "int8",
  submittedAt: "int8",
};
const manyResponsesUnlessSent = kept((db) =>
  (db as Tx)
    .insert(responses)
    .select(
      sql`SELECT r.id, r.study_id, r.version_id, r.link_id, r.perspective, r.client_id, r.segment, r.language, r.source, r.status,
          0, r.answers, r.gap, r.customer_weights, NULL, r.started_at, r.submitted_at
        FROM unnest(${sql.join(
          submittedColumns.map((c) => sql`${sql.placeholder(c)}::${sql.raw(arrayTypes[c])}[]`),
          sql`, `,
        )}) AS r(id, study_id, version_id, link_id, perspective, client_id, segment, language, source, status, answers, gap, customer_weights, started_at, submitted_at)`,
    )
    .onConflictDoNothing()
    .returning({ id: responses.id })
    .prepare("insert_responses_unless_sent"),
);

/**
 * Many new responses in one statement, each unless its client id was sent
 * before (as insertResponseUnlessSent, also when two rows here share one),
 * so a transaction storing many pays one round trip for them rather than one
 * each. At most a few hundred rows (on SQLite 15 parameters each). Returns
 * the ids that went in.
 */
export async function insertResponsesUnlessSent(tx: Tx, rows: readonly SubmittedColumns[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  // One row (a quiet moment's lone submit): the kept statement.
  if (rows.length === 1) return new Set((await insertResponseUnlessSent(tx, rows[0])) ? [rows[0].id!] : []);
  if (currentEngine() === "postgres") {
    const columns = Object.fromEntries(submittedColumns.map((c) => [c, [] as unknown[]]));
    for (const row of rows) for (const [c, value] of Object.entries(submittedValues(row))) columns[c].push(value);
    const inserted = await manyResponsesUnlessSent(tx).execute(columns);
    return new Set(inserted.map((r) => r.id));
  }
  const values = rows.map((row) =>
    // Each value as plain SQL, as it is given (see responseUnlessSent).
    Object.fromEntries(Object.entries(submittedValues(row)).map(([c, value]) => [c, sql`${value}`])),
  ) as unknown as (typeof responses.$inferInsert)[];
  const inserted = await tx.insert(responses).values(values).onConflictDoNothing().returning({ id: responses.id });
  return new Set(inserted.map((r) => r.id));
}

export async function updateResponse(tx: Tx, id: string, patch: Partial<typeof responses.$inferInsert>): Promise<number> {
  const rows = await tx.update(responses).set(patch).where(eq(responses.id, id)).returning({ id: responses.id });
  return rows.length;
}

async function pack(db: Reader, studyId: string, rows: readonly AnswerInput[]): Promise<Buffer> {
  const numbers = await numbersOfItems(
    db,
    studyId,
    rows.map((r) => r.itemId),
  );
  return encodeAnswers(
    rows.map((r) => ({ number: numbers.get(r.itemId)!, expected: r.expected ?? null, perceived: r.perceived ?? null, rating: r.rating ?? null })),
  );
}

async function unpack(db: Reader, studyId: string, packed: Uint8Array | null): Promise<AnswerRow[]> {
  const decoded = decodeAnswers(packed);
  if (decoded.length === 0) return [];
  const ids = await itemsOfNumbers(
    db,
    studyId,
    decoded.map((a) => a.number),
  );
  return decoded.map((a) => ({ itemId: ids.get(a.number)!, expected: a.expected, perceived: a.perceived, rating: a.rating }));
}

/** The answers of rows read with their packed `answers` column, in the rows' order. */
export async function listAnswersOfRows(db: Reader, studyId: string, rows: readonly { answers: Uint8Array | null }[]): Promise<AnswerRow[][]> {
  const out: AnswerRow[][] = [];
  for (const r of rows) out.push(await unpack(db, studyId, r.answers));
  return out;
}

/** The `answers` column for `rows`: a response written with its answers in one statement (a submit of the API). */
export async function packAnswers(db: Reader, studyId: string, rows: readonly AnswerInput[]): Promise<Buffer | null> {
  return rows.length > 0 ? pack(db, studyId, rows) : null;
}

/** Replaces a response's answers with `rows` (a survey saves step by step, then submits). */
export async function replaceAnswers(tx: Tx, studyId: string, responseId: string, rows: readonly AnswerInput[]) {
  await tx
    .update(responses)
    .set({ answers: await packAnswers(tx, studyId, rows) })
    .where(eq(responses.id, responseId));
}

/** Saves or overwrites the answers to some items, keeping the others. */
export async function upsertAnswers(tx: Tx, studyId: string, responseId: string, rows: readonly AnswerInput[]) {
  const byItem = new Map((await listAnswers(tx, studyId, responseId)).map((a) => [a.itemId, a as AnswerInput]));
  for (const r of rows) byItem.set(r.itemId, r);
  await replaceAnswers(tx, studyId, responseId, [...byItem.values()]);
}

export async function listAnswers(db: Reader, studyId: string, responseId: string): Promise<AnswerRow[]> {
  const [row] = await db.select({ answers: responses.answers }).from(responses).where(eq(responses.id, responseId)).limit(1);
  return unpack(db, studyId, row?.answers ?? null);
}

export async function replaceComments(tx: Tx, responseId: string, rows: { criterionId: string; text: string }[]) {
  await tx.delete(comments).where(eq(comments.responseId, responseId));
  if (rows.length > 0) await tx.insert(comments).values(rows.map((r) => ({ responseId, ...r })));
}

/** Comments of a response that has none yet (just inserted): no delete first. */
export async function insertComments(tx: Tx, responseId: string, rows: { criterionId: string; text: string }[]) {
  if (rows.length > 0) await tx.insert(comments).values(rows.map((r) => ({ responseId, ...r })));
}

export async function upsertComment(tx: Tx, responseId: string, criterionId: string, text: string) {
  if (!text.trim()) {
    await tx.delete(comments).where(and(eq(comments.responseId, responseId), eq(comments.criterionId, criterionId)));
    return;
  }
  await tx
    .insert(comments)
    .values({ responseId, criterionId, text })
    .onConflictDoUpdate({ target: [comments.responseId, comments.criterionId], set: { text } });
}

export async function listComments(db: Reader, responseId: string) {
  return db.select().from(comments).where(eq(comments.responseId, responseId)).orderBy(asc(comments.criterionId));
}

export async function replaceCauseAnswers(tx: Tx, responseId: string, rows: { statementKey: string; rating: number | null }[]) {
  await tx.delete(causeAnswers).where(eq(causeAnswers.responseId, responseId));
  if (rows.length > 0) await tx.insert(causeAnswers).values(rows.map((r) => ({ responseId, ...r })));
}

export async function saveCauseRatings(tx: Tx, responseId: string, ratings: Map<string, number | null>) {
  for (const [statementKey, rating] of ratings) {
    await tx
      .insert(causeAnswers)
      .values({ responseId, statementKey, rating })
      .onConflictDoUpdate({ target: [causeAnswers.responseId, causeAnswers.statementKey], set: { rating } });
  }
}

export async function listCauseAnswers(db: Reader, responseId: string) {
  return db.select().from(causeAnswers).where(eq(causeAnswers.responseId, responseId)).orderBy(asc(causeAnswers.statementKey));
}

const submittedOf = (studyId: string, perspective: RespondentPerspective) =>
  and(eq(responses.studyId, studyId), eq(responses.perspective, perspective), eq(responses.status, "submitted"));

export async function countSubmitted(db: Reader, studyId: string, perspective: RespondentPerspective = "customer"): Promise<number> {
  const [row] = await db.select({ n: count() }).from(responses).where(submittedOf(studyId, perspective));
  return row?.n ?? 0;
}

/** Submitted responses of a study in submission order. */
export async function listSubmitted(db: Reader, studyId: string, perspective: RespondentPerspective = "customer"): Promise<ResponseRow[]> {
  return db.select().from(responses).where(submittedOf(studyId, perspective)).orderBy(asc(responses.submittedAt), asc(responses.id));
}

/** Every answer of a study's submitted responses of one perspective. */
export async function answersOfStudy(db: Reader, studyId: string, perspective: RespondentPerspective = "customer") {
  const rows = await db
    .select({ id: responses.id, answers: responses.answers })
    .from(responses)
    .where(submittedOf(studyId, perspective))
    .orderBy(asc(responses.id));
  const out: (AnswerRow & { responseId: string })[] = [];
  for (const r of rows) for (const a of await unpack(db, studyId, r.answers)) out.push({ responseId: r.id, ...a });
  return out;
}

// ── Recompute from raw answers (repair path) ────────────────────────────────

export type RawCustomerResponse = {
  responseId: string;
  versionId: string;
  segment: string;
  submittedAt: number;
  customerWeights: Record<string, number> | null;
  answers: AnswerRow[];
};

/**
 * A study's submitted customer responses with their answers, in pages of
 * `pageSize` (keyset on the id), so memory stays flat at any size.
 */
export async function* customerResponsesWithAnswers(db: Reader, studyId: string, pageSize = 2000): AsyncGenerator<RawCustomerResponse> {
  let after = "";
  for (;;) {
    const page = await db
      .select({
        id: responses.id,
        versionId: responses.versionId,
        segment: responses.segment,
        submittedAt: responses.submittedAt,
        customerWeights: responses.customerWeights,
        answers: responses.answers,
      })
      .from(responses)
      .where(and(submittedOf(studyId, "customer"), isNotNull(responses.submittedAt), gt(responses.id, after)))
      .orderBy(asc(responses.id))
      .limit(pageSize);
    for (const r of page) {
      yield {
        responseId: r.id,
        versionId: r.versionId,
        segment: r.segment,
        submittedAt: r.submittedAt!,
        customerWeights: r.customerWeights,
        answers: await unpack(db, studyId, r.answers),
      };
    }
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
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

/** The submitted customer responses a filter selects. */
export function responseWhere(filter: ResponseFilter): SQL {
  return and(
    submittedOf(filter.studyId, "customer"),
    filter.versionIds && filter.versionIds.length > 0 ? inArray(responses.versionId, filter.versionIds) : undefined,
    filter.fromMs !== undefined ? gte(responses.submittedAt, filter.fromMs) : undefined,
    filter.toMs !== undefined ? lt(responses.submittedAt, filter.toMs) : undefined,
    filter.segment !== undefined ? eq(responses.segment, filter.segment) : undefined,
  )!;
}

/** Answers of a bounded list of one study's responses (the follow-up list: the ≤ 50 shown). */
export async function answersOfResponses(db: Reader, studyId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: responses.id, studyId: responses.studyId, answers: responses.answers })
    .from(responses)
    // By primary key only: with the study in the WHERE too, SQLite's planner
    // walks the study's index over every response (30 ms at 20,000 responses).
    .where(inArray(responses.id, ids));
  const out: (AnswerRow & { responseId: string })[] = [];
  for (const r of rows) {
    if (r.studyId !== studyId) continue;
    for (const a of await unpack(db, studyId, r.answers)) out.push({ responseId: r.id, ...a });
  }
  return out;
}

export async function commentsOfResponses(db: Reader, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ responseId: comments.responseId, criterionId: comments.criterionId, text: comments.text })
    .from(comments)
    .where(inArray(comments.responseId, ids));
}

// ── The survey's drafts ─────────────────────────────────────────────────────

/** The response an invite link has in progress (an invite is answered once, from any browser). */
export async function findInProgressByLink(db: Reader, linkId: string): Promise<ResponseRow | undefined> {
  const [row] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.linkId, linkId), eq(responses.status, "in_progress")))
    .orderBy(desc(responses.startedAt), asc(responses.id))
    .limit(1);
  return row;
}

/** The response this browser started on an internal link (found by the resume cookie's hash). */
export async function findResumable(db: Reader, linkId: string, resumeHash: string): Promise<ResponseRow | undefined> {
  const [row] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.linkId, linkId), eq(responses.resumeHash, resumeHash)))
    .limit(1);
  return row;
}

/** Customer responses of a study by status, for the distribution page. */
export async function countByStatus(db: Reader, studyId: string): Promise<{ submitted: number; inProgress: number }> {
  const rows = await db
    .select({ status: responses.status, n: count() })
    .from(responses)
    .where(and(eq(responses.studyId, studyId), eq(responses.perspective, "customer")))
    .groupBy(responses.status);
  return {
    submitted: rows.find((r) => r.status === "submitted")?.n ?? 0,
    inProgress: rows.find((r) => r.status === "in_progress")?.n ?? 0,
  };
}

/** Submitted customer responses by where they came from: the public link, invites, the API or an import. */
export async function submittedByChannel(db: Reader, studyId: string): Promise<Record<string, number>> {
  const rows = await rawAll<{ channel: string; n: number | string }>(
    db,
    sql`
    SELECT coalesce(l.kind, r.source) AS channel, count(*) AS n
    FROM ${responses} r LEFT JOIN ${links} l ON l.id = r.link_id
    WHERE r.study_id = ${studyId} AND r.perspective = 'customer' AND r.status = 'submitted'
    GROUP BY coalesce(l.kind, r.source)`,
  );
  return Object.fromEntries(rows.map((r) => [r.channel, Number(r.n)]));
}

/** Deletes survey drafts nobody has touched since `before` (abandoned); returns how many went. */
export async function deleteStaleDrafts(tx: Tx, before: number): Promise<number> {
  const rows = await tx
    .delete(responses)
    .where(and(eq(responses.status, "in_progress"), lt(responses.startedAt, before)))
    .returning({ id: responses.id });
  return rows.length;
}
