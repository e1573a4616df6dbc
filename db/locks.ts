import { currentEngine } from "./client";

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
