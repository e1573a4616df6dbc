import { and, eq, inArray, sql } from "drizzle-orm";
import { encodeAnswers } from "../answers-codec";
import { currentEngine, rawRun, sqliteConnection, type Reader, type Tx } from "../client";
import { numbersOfItems } from "../item-numbers";
import { responses } from "../schema";

// Which of a file's response ids a study already holds: as its own response
// id (an export of this study imported back) or as the client id an earlier
// import or API call stored. Looked up in chunks (bound parameters are capped).

const chunk = 5_000;

export async function presentResponseRefs(db: Reader, studyId: string, refs: string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let start = 0; start < refs.length; start += chunk) {
    const part = refs.slice(start, start + chunk);
    const [byId, byClientId] = await Promise.all([
      db
        .select({ ref: responses.id })
        .from(responses)
        .where(
          and(eq(responses.studyId, studyId), eq(responses.perspective, "customer"), eq(responses.status, "submitted"), inArray(responses.id, part)),
        ),
      db
        .select({ ref: responses.clientId })
        .from(responses)
        .where(and(eq(responses.studyId, studyId), eq(responses.perspective, "customer"), inArray(responses.clientId, part))),
    ]);
    for (const row of [...byId, ...byClientId]) if (row.ref !== null) present.add(row.ref);
  }
  return present;
}

// ── Staged responses of a running import ────────────────────────────────────
// An import stores its responses in short transactions with status "staged",
// which no reader asks for, then makes them all visible in one transaction.
// Only one import of a study runs at a time (jobs_one_import_per_study), so
// the study's staged rows are that import's.

export type StagedResponse = Omit<typeof responses.$inferInsert, "status" | "answers"> & {
  answers: { itemId: string; expected: number | null; perceived: number | null }[];
  comments: { criterionId: string; text: string }[];
};

/** Inserts imported responses, "staged" (invisible) unless told "submitted". */
export async function insertImportedResponses(tx: Tx, studyId: string, rows: StagedResponse[], status: "staged" | "submitted"): Promise<void> {
  if (rows.length === 0) return;
  const numbers = await numbersOfItems(
    tx,
    studyId,
    rows.flatMap((r) => r.answers.map((a) => a.itemId)),
  );
  const values = rows.map((r) => ({
    id: r.id,
    studyId: r.studyId,
    versionId: r.versionId,
    perspective: r.perspective ?? "customer",
    clientId: r.clientId ?? null,
    segment: r.segment ?? "",
    language: r.language ?? "en",
    source: r.source ?? "import",
    status,
    answers: encodeAnswers(r.answers.map((a) => ({ number: numbers.get(a.itemId)!, expected: a.expected, perceived: a.perceived, rating: null }))),
    gap: r.gap ?? null,
    customerWeights: r.customerWeights ? JSON.stringify(r.customerWeights) : null,
    startedAt: r.startedAt,
    submittedAt: r.submittedAt ?? null,
  }));
  const commentRows = rows.flatMap((r) => r.comments.map((c) => ({ responseId: r.id, ...c })));
  // Thousands of rows per second: built by hand rather than through the
  // query builder, whose per-value work cost more than the database's.
  if (currentEngine() === "postgres") {
    const column = <K extends keyof (typeof values)[number]>(key: K) => sql.param(values.map((v) => v[key]));
    await rawRun(
      tx,
      sql`INSERT INTO responses (id, study_id, version_id, perspective, client_id, segment, language, source, status, answers, gap, customer_weights, started_at, submitted_at)
        SELECT * FROM unnest(${column("id")}::text[], ${column("studyId")}::text[], ${column("versionId")}::text[], ${column("perspective")}::text[],
          ${column("clientId")}::text[], ${column("segment")}::text[], ${column("language")}::text[], ${column("source")}::text[], ${column("status")}::text[],
          ${column("answers")}::bytea[], ${column("gap")}::double precision[], ${column("customerWeights")}::jsonb[], ${column("startedAt")}::bigint[],
          ${column("submittedAt")}::bigint[])`,
    );
    if (commentRows.length > 0) {
      const field = <K extends keyof (typeof commentRows)[number]>(key: K) => sql.param(commentRows.map((c) => c[key]));
      await rawRun(
        tx,
        sql`INSERT INTO comments (response_id, criterion_id, text) SELECT * FROM unnest(${field("responseId")}::text[], ${field("criterionId")}::text[], ${field("text")}::text[])`,
      );
    }
    return;
  }
  const db = sqliteConnection();
  const insertResponse = db.prepare(
    `INSERT INTO responses (id, study_id, version_id, perspective, client_id, segment, language, source, status, answers, gap, customer_weights, started_at, submitted_at)
     VALUES (@id, @studyId, @versionId, @perspective, @clientId, @segment, @language, @source, @status, @answers, @gap, @customerWeights, @startedAt, @submittedAt)`,
  );
  for (const v of values) insertResponse.run(v);
  const insertComment = db.prepare("INSERT INTO comments (response_id, criterion_id, text) VALUES (@responseId, @criterionId, @text)");
  for (const c of commentRows) insertComment.run(c);
}

const stagedOf = (studyId: string) => sql`SELECT id FROM responses WHERE study_id = ${studyId} AND perspective = 'customer' AND status = 'staged'`;

/** Makes up to `limit` staged responses visible; returns how many. */
export async function publishStaged(tx: Tx, studyId: string, limit: number): Promise<number> {
  return rawRun(tx, sql`UPDATE responses SET status = 'submitted' WHERE id IN (${stagedOf(studyId)} LIMIT ${limit})`);
}

/** Deletes up to `limit` staged responses (their comments go with them); returns how many. */
export async function deleteStaged(tx: Tx, studyId: string, limit: number): Promise<number> {
  return rawRun(tx, sql`DELETE FROM responses WHERE id IN (${stagedOf(studyId)} LIMIT ${limit})`);
}
