import Database from "better-sqlite3";
import { databasePath, getConnection } from "../client";
import type { ResponseFilter } from "./responses";

// Exports read through their own read-only connection inside one read
// transaction: the file is a consistent snapshot even while submits go on,
// and a slow download never holds the server's shared connection. Rows come
// in batches of responses (keyset pagination on the study index), so memory
// stays flat whatever the number of responses.

export type ExportReader = {
  sqlite: Database.Database;
  close(): void;
};

export function openExportReader(): ExportReader {
  const file = databasePath();
  if (file === ":memory:") {
    // Unit tests on an in-memory database: there is only the shared connection.
    return { sqlite: getConnection().sqlite, close() {} };
  }
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  sqlite.prepare("BEGIN").run();
  // A read in WAL mode starts its snapshot at the first SELECT.
  sqlite.prepare("SELECT 1 FROM responses LIMIT 1").get();
  let open = true;
  return {
    sqlite,
    close() {
      if (!open) return;
      open = false;
      try {
        sqlite.prepare("COMMIT").run();
      } finally {
        sqlite.close();
      }
    },
  };
}

export type ExportResponseRow = {
  id: string;
  versionId: string;
  submittedAt: number;
  segment: string;
  language: string;
  source: string;
  customerWeights: string | null;
  followedUpAt: number | null;
};

export type ExportCursor = { submittedAt: number; id: string } | null;

/** The next `limit` submitted customer responses of the filter after `cursor`, in submission order. */
export function exportResponseBatch(reader: ExportReader, filter: ResponseFilter, cursor: ExportCursor, limit: number): ExportResponseRow[] {
  const where = ["study_id = ?", "perspective = 'customer'", "status = 'submitted'", "submitted_at IS NOT NULL"];
  const params: (string | number)[] = [filter.studyId];
  if (filter.versionIds && filter.versionIds.length > 0) {
    where.push(`version_id IN (${filter.versionIds.map(() => "?").join(", ")})`);
    params.push(...filter.versionIds);
  }
  if (filter.fromMs !== undefined) {
    where.push("submitted_at >= ?");
    params.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    where.push("submitted_at < ?");
    params.push(filter.toMs);
  }
  if (filter.segment !== undefined) {
    where.push("segment = ?");
    params.push(filter.segment);
  }
  if (cursor) {
    // Written so the index range on submitted_at still applies.
    where.push("submitted_at >= ? AND (submitted_at > ? OR id > ?)");
    params.push(cursor.submittedAt, cursor.submittedAt, cursor.id);
  }
  return reader.sqlite
    .prepare(
      `SELECT id, version_id AS versionId, submitted_at AS submittedAt, segment, language, source,
              customer_weights AS customerWeights, followed_up_at AS followedUpAt
       FROM responses WHERE ${where.join(" AND ")} ORDER BY submitted_at, id LIMIT ?`,
    )
    .all(...params, limit) as ExportResponseRow[];
}

export function exportAnswersOf(reader: ExportReader, responseIds: string[]) {
  return reader.sqlite
    .prepare(
      `SELECT response_id AS responseId, item_id AS itemId, expected, perceived FROM answers
       WHERE response_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(responseIds)) as { responseId: string; itemId: string; expected: number | null; perceived: number | null }[];
}

export function exportCommentsOf(reader: ExportReader, responseIds: string[]) {
  return reader.sqlite
    .prepare(
      `SELECT response_id AS responseId, criterion_id AS criterionId, text FROM comments
       WHERE response_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(responseIds)) as { responseId: string; criterionId: string; text: string }[];
}
