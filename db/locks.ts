import { sql, type SQL } from "drizzle-orm";
import { currentEngine, rawAll, type Tx } from "./client";

// Row locks where a read decides a write. On PostgreSQL `SELECT … FOR UPDATE`
// holds the rows until the transaction ends, so a concurrent transaction
// that reads them waits and then sees the first one's write. On SQLite every
// write transaction of this process runs alone on the writer connection
// (db/client.ts) and other processes wait for its lock (BEGIN IMMEDIATE), so
// the plain read is already protected.

type Lockable<T> = PromiseLike<T> & { for(strength: "update"): PromiseLike<T> };

export function forUpdate<T>(query: Lockable<T>): PromiseLike<T> {
  return currentEngine() === "postgres" ? query.for("update") : query;
}

/** forUpdate for a query that is then kept (db/client.ts kept()): returns the builder, to call .prepare() on. */
export function builderForUpdate<Q extends { for(strength: "update"): unknown }>(query: Q): Q {
  return currentEngine() === "postgres" ? (query.for("update") as Q) : query;
}

/** ` FOR UPDATE` on PostgreSQL, nothing on SQLite: for a raw SELECT whose rows decide a write. */
export function lockClause(): SQL {
  return currentEngine() === "postgres" ? sql` FOR UPDATE` : sql``;
}

/**
 * A text column for ORDER BY in code-point order (UTF-8 byte order) on both
 * engines, whatever collation the PostgreSQL database was made with: rows
 * locked in a shared order cannot deadlock.
 */
export function inCodePointOrder(column: SQL): SQL {
  return currentEngine() === "postgres" ? sql`${column} COLLATE "C"` : column;
}

/**
 * A named lock held until the transaction ends (PostgreSQL's transaction
 * advisory lock; SQLite's write transactions already run one at a time).
 * Unlike a row lock on the study it does not conflict with the key-share
 * locks that inserting a response takes on its study, so a transaction may
 * take it after writing without deadlocking against concurrent submits.
 */
export async function lockName(tx: Tx, name: string): Promise<void> {
  if (currentEngine() !== "postgres") return;
  await rawAll(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`);
}
