import { and, eq, inArray, sql } from "drizzle-orm";
import { encodeAnswers } from "../answers-codec";
import { rawRun, type Reader, type Tx } from "../client";
import { numbersOfItems } from "../item-numbers";
import { comments, responses } from "../schema";

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

// Rows per INSERT: 16 columns each, well under both engines' parameter caps.
const insertRows = 500;

/** Inserts imported responses, "staged" (invisible) unless told "submitted". */
export async function insertImportedResponses(tx: Tx, studyId: string, rows: StagedResponse[], status: "staged" | "submitted"): Promise<void> {
  if (rows.length === 0) return;
  const numbers = await numbersOfItems(
    tx,
    studyId,
    rows.flatMap((r) => r.answers.map((a) => a.itemId)),
  );
  const values = rows.map(({ answers, comments: _comments, ...row }) => ({
    ...row,
    status,
    answers: encodeAnswers(answers.map((a) => ({ number: numbers.get(a.itemId)!, expected: a.expected, perceived: a.perceived, rating: null }))),
  }));
  for (let i = 0; i < values.length; i += insertRows) await tx.insert(responses).values(values.slice(i, i + insertRows));
  const commentRows = rows.flatMap((r) => r.comments.map((c) => ({ responseId: r.id, ...c })));
  for (let i = 0; i < commentRows.length; i += insertRows) await tx.insert(comments).values(commentRows.slice(i, i + insertRows));
}

const stagedOf = (studyId: string) =>
  sql`SELECT id FROM responses WHERE study_id = ${studyId} AND perspective = 'customer' AND status = 'staged'`;

/** Makes up to `limit` staged responses visible; returns how many. */
export async function publishStaged(tx: Tx, studyId: string, limit: number): Promise<number> {
  return rawRun(tx, sql`UPDATE responses SET status = 'submitted' WHERE id IN (${stagedOf(studyId)} LIMIT ${limit})`);
}

/** Deletes up to `limit` staged responses (their comments go with them); returns how many. */
export async function deleteStaged(tx: Tx, studyId: string, limit: number): Promise<number> {
  return rawRun(tx, sql`DELETE FROM responses WHERE id IN (${stagedOf(studyId)} LIMIT ${limit})`);
}
