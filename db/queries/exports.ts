import { and, asc, gt, gte, inArray, or } from "drizzle-orm";
import type { Reader } from "../client";
import { comments, responses } from "../schema";
import { listAnswersOfRows } from "./responses";
import { responseWhere, type ResponseFilter } from "./responses";

// Exports read through a snapshot (db/client.ts openSnapshot): the file is
// consistent even while submits go on. Rows come in batches of responses
// (keyset pagination on the study index), so memory stays flat whatever the
// number of responses.

export type ExportResponseRow = {
  id: string;
  versionId: string;
  submittedAt: number;
  segment: string;
  language: string;
  source: string;
  customerWeights: Record<string, number> | null;
};

export type ExportCursor = { submittedAt: number; id: string } | null;

/** The next `limit` submitted customer responses of the filter after `cursor`, in submission order, with their answers. */
export async function exportResponseBatch(db: Reader, filter: ResponseFilter, cursor: ExportCursor, limit: number) {
  const rows = await db
    .select({
      id: responses.id,
      versionId: responses.versionId,
      submittedAt: responses.submittedAt,
      segment: responses.segment,
      language: responses.language,
      source: responses.source,
      customerWeights: responses.customerWeights,
      answers: responses.answers,
    })
    .from(responses)
    .where(
      and(
        responseWhere(filter),
        // Written so the index range on submitted_at still applies.
        cursor
          ? and(gte(responses.submittedAt, cursor.submittedAt), or(gt(responses.submittedAt, cursor.submittedAt), gt(responses.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(asc(responses.submittedAt), asc(responses.id))
    .limit(limit);
  const answers = await listAnswersOfRows(db, filter.studyId, rows);
  return rows.map((r, i) => ({
    row: {
      id: r.id,
      versionId: r.versionId,
      submittedAt: r.submittedAt!,
      segment: r.segment,
      language: r.language,
      source: r.source,
      customerWeights: r.customerWeights,
    } satisfies ExportResponseRow,
    answers: answers[i],
  }));
}

export async function exportCommentsOf(db: Reader, responseIds: string[]) {
  if (responseIds.length === 0) return [];
  return db
    .select({ responseId: comments.responseId, criterionId: comments.criterionId, text: comments.text })
    .from(comments)
    .where(inArray(comments.responseId, responseIds));
}
