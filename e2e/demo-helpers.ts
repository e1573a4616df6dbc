import { count, eq, getTableColumns, getTableName, is, notInArray, Table } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { responses, schema, studies } from "@/db/schema";

/**
 * Rows that belong to a study, in every table of the database: each table
 * with a study_id column (found from the schema itself, so a table added
 * later is counted too) and the rows hanging off responses that no longer exist.
 */
export async function rowsOfStudy(studyId: string): Promise<Record<string, number>> {
  const db = getDb();
  const countWhere = async (table: PgTable, where: ReturnType<typeof eq>) => (await db.select({ n: count() }).from(table).where(where))[0].n;
  const out: Record<string, number> = { studies: await countWhere(studies, eq(studies.id, studyId)) };
  for (const table of (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, Table))) {
    const columns = Object.values(getTableColumns(table)) as PgColumn[];
    const byStudy = columns.find((c) => c.name === "study_id");
    const byResponse = columns.find((c) => c.name === "response_id");
    if (byStudy) out[getTableName(table)] = await countWhere(table, eq(byStudy, studyId));
    else if (byResponse)
      out[`${getTableName(table)} (orphaned)`] = await countWhere(table, notInArray(byResponse, db.select({ id: responses.id }).from(responses)));
  }
  return out;
}

/** The UI's rounding of a figure (two decimals). */
export function twoDecimals(value: number | null | undefined): string {
  if (value === null || value === undefined) throw new Error("no value to show");
  return value.toFixed(2);
}
