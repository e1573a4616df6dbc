import type Database from "better-sqlite3";
import { getConnection } from "../client";
import type { AggregateEntry } from "@/lib/scoring/aggregate-entries";

// Raw prepared statements: the submit path upserts ~100 rows per response
// and drizzle's builder is ~4× slower for that. They run on the process's one
// connection, so inside a drizzle transaction they are part of it.

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  return {
    addCustomer: sqlite.prepare(
      `INSERT INTO aggregates (study_id, version_id, segment, day, key, n, sum, sum_sq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (study_id, key, version_id, segment, day) DO UPDATE SET
         n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`,
    ),
    addPerspective: sqlite.prepare(
      `INSERT INTO perspective_aggregates (study_id, version_id, perspective, key, n, sum, sum_sq)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (version_id, perspective, key) DO UPDATE SET
         n = n + excluded.n, sum = sum + excluded.sum, sum_sq = sum_sq + excluded.sum_sq`,
    ),
  };
}

function stmts() {
  const { sqlite } = getConnection();
  let s = statements.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statements.set(sqlite, s);
  }
  return s;
}

export type CustomerBucket = { studyId: string; versionId: string; segment: string; day: number };

export function addCustomerEntries(bucket: CustomerBucket, entries: AggregateEntry[]) {
  const { addCustomer } = stmts();
  for (const e of entries) {
    addCustomer.run(bucket.studyId, bucket.versionId, bucket.segment, bucket.day, e.key, e.n, e.sum, e.sumSq);
  }
}

export function addPerspectiveEntries(
  bucket: { studyId: string; versionId: string; perspective: string },
  entries: AggregateEntry[],
) {
  const { addPerspective } = stmts();
  for (const e of entries) {
    addPerspective.run(bucket.studyId, bucket.versionId, bucket.perspective, e.key, e.n, e.sum, e.sumSq);
  }
}

export type CustomerFilter = {
  studyId: string;
  versionIds?: string[];
  fromDay?: number;
  toDay?: number;
  segment?: string;
};

/** The WHERE clause and parameters of a bucket filter. */
function filterClause(filter: CustomerFilter, keys: string[] = []) {
  const where = ["study_id = ?"];
  const params: (string | number)[] = [filter.studyId];
  const inList = (column: string, values: readonly (string | number)[]) => {
    where.push(`${column} IN (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  };
  if (filter.versionIds && filter.versionIds.length > 0) inList("version_id", filter.versionIds);
  if (filter.fromDay !== undefined) {
    where.push("day >= ?");
    params.push(filter.fromDay);
  }
  if (filter.toDay !== undefined) {
    where.push("day <= ?");
    params.push(filter.toDay);
  }
  if (filter.segment !== undefined) {
    where.push("segment = ?");
    params.push(filter.segment);
  }
  if (keys.length > 0) inList("key", keys);
  return { where: where.join(" AND "), params };
}

/** The filter's buckets summed per key: one GROUP BY, whatever the number of responses. */
export function sumCustomerEntries(filter: CustomerFilter): AggregateEntry[] {
  const { where, params } = filterClause(filter);
  return getConnection()
    .sqlite.prepare(`SELECT key, SUM(n) AS n, SUM(sum) AS sum, SUM(sum_sq) AS sumSq FROM aggregates WHERE ${where} GROUP BY key`)
    .all(...params) as AggregateEntry[];
}

/** Responses per day (and the gap sums per criterion per day) for the trend chart. */
export function dailyCustomerEntries(filter: CustomerFilter, keys: string[]) {
  const { where, params } = filterClause(filter, keys);
  return getConnection()
    .sqlite.prepare(
      `SELECT day, key, SUM(n) AS n, SUM(sum) AS sum, SUM(sum_sq) AS sumSq FROM aggregates
       WHERE ${where} GROUP BY day, key ORDER BY day`,
    )
    .all(...params) as ({ day: number } & AggregateEntry)[];
}

export function sumPerspectiveEntries(studyId: string, versionIds?: string[]) {
  const { sqlite } = getConnection();
  const params: string[] = [studyId];
  let versionClause = "";
  if (versionIds && versionIds.length > 0) {
    versionClause = ` AND version_id IN (${versionIds.map(() => "?").join(", ")})`;
    params.push(...versionIds);
  }
  return sqlite
    .prepare(
      `SELECT perspective, key, SUM(n) AS n, SUM(sum) AS sum, SUM(sum_sq) AS sumSq FROM perspective_aggregates
       WHERE study_id = ?${versionClause} GROUP BY perspective, key`,
    )
    .all(...params) as ({ perspective: string } & AggregateEntry)[];
}

/** Empties a study's aggregates before a recompute from the raw answers (repair path). */
export function clearAggregates(studyId: string) {
  const { sqlite } = getConnection();
  sqlite.prepare("DELETE FROM aggregates WHERE study_id = ?").run(studyId);
  sqlite.prepare("DELETE FROM perspective_aggregates WHERE study_id = ?").run(studyId);
}

/** Segments and days present in a study's data, for the filter controls. */
export function customerSegments(studyId: string): string[] {
  const { sqlite } = getConnection();
  return (
    sqlite.prepare("SELECT DISTINCT segment FROM aggregates WHERE study_id = ? ORDER BY segment").all(studyId) as { segment: string }[]
  ).map((r) => r.segment);
}

/** Empties a study's customer aggregates only; the internal perspectives' sums stay as they are. */
export function clearCustomerAggregates(studyId: string) {
  const { sqlite } = getConnection();
  return sqlite.prepare("DELETE FROM aggregates WHERE study_id = ?").run(studyId).changes;
}

/** First and last day (UTC days since the epoch) that hold customer data, for the date inputs. */
export function customerDayRange(studyId: string): { first: number; last: number } | null {
  const { sqlite } = getConnection();
  // Every bucket has a ["responses"] row: reading only those keeps this off the other keys.
  const row = sqlite
    .prepare("SELECT MIN(day) AS first, MAX(day) AS last FROM aggregates WHERE study_id = ? AND key = '[\"responses\"]'")
    .get(studyId) as
    | { first: number | null; last: number | null }
    | undefined;
  return row && row.first !== null && row.last !== null ? { first: row.first, last: row.last } : null;
}

/** Segments that hold customer responses (one ["responses"] row per bucket), for the filter controls. */
export function segmentsWithResponses(studyId: string): string[] {
  const { sqlite } = getConnection();
  return (
    sqlite
      .prepare("SELECT DISTINCT segment FROM aggregates WHERE study_id = ? AND key = '[\"responses\"]' AND n > 0 ORDER BY segment")
      .all(studyId) as { segment: string }[]
  ).map((r) => r.segment);
}
