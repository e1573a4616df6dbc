import Database from "better-sqlite3";
import { getTableColumns, getTableName, type Column } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import pg from "pg";
import { engineOf, sqlitePath } from "./engine";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

// Moving a grown installation from its SQLite file to an empty PostgreSQL
// database: every table, in dependency order, in batches, inside one
// PostgreSQL transaction (a failed move leaves the target empty), then the
// row counts of every table compared. Both schemas are used side by side
// here, the only place in the product that does so.

/** Parents before children, so foreign keys hold at every insert. */
export const tableOrder = [
  "workspaces",
  "users",
  "memberships",
  "sessions",
  "apiKeys",
  "rateLimits",
  "studies",
  "criteria",
  "items",
  "versions",
  "contacts",
  "links",
  "responses",
  "comments",
  "causeAnswers",
  "aggregateKeys",
  "aggregateBuckets",
  "jobs",
  "jobFiles",
  "campaigns",
  "campaignRecipients",
  "emails",
  "passwordResets",
  "responseContacts",
  "alertRules",
  "cases",
  "caseNotes",
  "webhooks",
  "webhookDeliveries",
] as const satisfies readonly (keyof typeof pgSchema & keyof typeof sqliteSchema)[];

// PostgreSQL binds at most 65,535 parameters per statement.
const maxParameters = 60_000;

export type MoveProgress = (table: string, done: number, total: number) => void;
export type TableCount = { table: string; source: number; target: number };

const migrationLockId = 0x6761_7077;

/** Applies the PostgreSQL migrations to `pool`'s database (one instance at a time). */
async function migrateTarget(pool: pg.Pool) {
  const conn = await pool.connect();
  try {
    await conn.query("SELECT pg_advisory_lock($1)", [migrationLockId]);
    try {
      await migratePg(drizzlePg(conn), { migrationsFolder: path.join(process.cwd(), "db", "migrations", "postgres") });
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [migrationLockId]);
    }
  } finally {
    conn.release();
  }
}

async function targetCounts(client: pg.Pool | pg.PoolClient): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const name of tableOrder) {
    const table = getTableName(pgSchema[name]);
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    out.set(table, Number(rows[0].n));
  }
  return out;
}

/**
 * Copies every table of the SQLite database at `sourceUrl` into the empty
 * PostgreSQL database at `targetUrl` (migrated first). Refuses a target that
 * holds any row. Returns the row counts of both sides, table by table.
 */
export async function moveData(sourceUrl: string, targetUrl: string, progress: MoveProgress = () => {}): Promise<TableCount[]> {
  if (engineOf(sourceUrl) !== "sqlite") throw new Error("move-data copies from a SQLite database (DATABASE_URL) to PostgreSQL");
  if (engineOf(targetUrl) !== "postgres") throw new Error("--to must be a postgres:// or postgresql:// URL");
  const source = new Database(sqlitePath(sourceUrl), { readonly: true, fileMustExist: true });
  const pool = new pg.Pool({ connectionString: targetUrl, max: 2 });
  try {
    await migrateTarget(pool);
    const nonEmpty = [...(await targetCounts(pool))].filter(([, n]) => n > 0);
    if (nonEmpty.length > 0) {
      throw new Error(`the target database is not empty (${nonEmpty.map(([t, n]) => `${t}: ${n}`).join(", ")}); move-data only fills an empty one`);
    }
    // One read transaction on the source: a consistent copy even if a server still writes.
    source.exec("BEGIN");
    const conn = await pool.connect();
    try {
      await conn.query("BEGIN");
      const target = drizzlePg(conn);
      for (const name of tableOrder) {
        const from = sqliteSchema[name];
        const to = pgSchema[name];
        const table = getTableName(from);
        const columns = Object.entries(getTableColumns(from)) as [string, Column][];
        const total = (source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
        const batchSize = Math.max(1, Math.min(2_000, Math.floor(maxParameters / columns.length)));
        let batch: Record<string, unknown>[] = [];
        let done = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await target.insert(to).values(batch as never);
          done += batch.length;
          batch = [];
          progress(table, done, total);
        };
        progress(table, 0, total);
        for (const raw of source.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
          // The SQLite column's own mapping turns stored values into JS values
          // (JSON text, 0/1 booleans); the PostgreSQL insert maps them back out.
          const row: Record<string, unknown> = {};
          for (const [key, column] of columns) {
            const value = raw[column.name];
            row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
          }
          batch.push(row);
          if (batch.length >= batchSize) await flush();
        }
        await flush();
      }
      await conn.query("COMMIT");
    } catch (e) {
      await conn.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      conn.release();
      if (source.inTransaction) source.exec("COMMIT");
    }
    const after = await targetCounts(pool);
    return tableOrder.map((name) => {
      const table = getTableName(sqliteSchema[name]);
      return { table, source: (source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n, target: after.get(table) ?? -1 };
    });
  } finally {
    source.close();
    await pool.end();
  }
}
