import { getConnection } from "@/db/client";

/**
 * Rows that belong to a study, in every table of the database: each table
 * with a study_id column (found from the schema itself, so a table added
 * later is counted too) and the rows hanging off responses that no longer exist.
 */
export function rowsOfStudy(studyId: string): Record<string, number> {
  const { sqlite } = getConnection();
  const count = (sql: string, ...args: string[]) => (sqlite.prepare(sql).get(...args) as { n: number }).n;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]).map((t) => t.name);
  const columnsOf = (table: string) => (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const out: Record<string, number> = { studies: count("SELECT count(*) AS n FROM studies WHERE id = ?", studyId) };
  for (const table of tables) {
    const columns = columnsOf(table);
    if (columns.includes("study_id")) out[table] = count(`SELECT count(*) AS n FROM "${table}" WHERE study_id = ?`, studyId);
    else if (columns.includes("response_id")) {
      out[`${table} (orphaned)`] = count(`SELECT count(*) AS n FROM "${table}" WHERE response_id NOT IN (SELECT id FROM responses)`);
    }
  }
  return out;
}

/** The UI's rounding of a figure (two decimals). */
export function twoDecimals(value: number | null | undefined): string {
  if (value === null || value === undefined) throw new Error("no value to show");
  return value.toFixed(2);
}
