import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { startCheckpointer, type Checkpointer } from "./sqlite-checkpointer";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { databaseUrl, engine, engineOf, sqlitePath, type Engine } from "./engine";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

// The one client of this process, on the engine DATABASE_URL names. Domain
// code sees three things: a Reader for reads, transaction() for every write,
// and openSnapshot() for a long consistent read (exports). Nothing outside
// db/ knows which engine runs.
//
// SQLite (better-sqlite3 is synchronous) has two traps once the data layer is
// async, and this design closes both:
//  1. On one shared connection, an `await` inside a transaction would let
//     another request's statements run inside that open transaction. So
//     transactions run on a writer connection, one at a time (an in-process
//     queue), and reads outside transactions use their own reader connection
//     (WAL: a reader sees the last commit and never waits for the writer).
//  2. A second connection that waits for the write lock blocks the event
//     loop (busy_timeout spins synchronously) and can deadlock against a
//     transaction that is waiting on an `await`. So this process writes only
//     through the writer, behind the queue, and never from the reader: no
//     write ever waits for a lock this process holds. (Another process — the
//     CLI next to a server — may wait up to busy_timeout, which is bounded.)
// PostgreSQL: a pg.Pool; each transaction takes a pooled connection, and
// where a read decides a write the query names its row lock or constraint.

type PgDatabase = NodePgDatabase<typeof pgSchema>;
/** Turns drizzle SQL into text and values, for statements sent to the driver by name (writeCounter). */
const pgDialect = new PgDialect();
type SqliteDatabase = BetterSQLite3Database<typeof sqliteSchema>;

/** What reads need: the client itself or a transaction. Typed as PostgreSQL's builders (no sync .all()/.get()). */
export type Reader = Pick<PgDatabase, "select" | "selectDistinct">;
declare const txBrand: unique symbol;
/** A write transaction: the only way to write (see transaction()). */
export type Tx = Pick<PgDatabase, "select" | "selectDistinct" | "insert" | "update" | "delete"> & { readonly [txBrand]: true };

type SqliteClient = {
  engine: "sqlite";
  url: string;
  writer: Database.Database;
  reader: Database.Database;
  writeDb: SqliteDatabase;
  readDb: SqliteDatabase;
  queue: Promise<unknown>;
  checkpointer: Checkpointer | null;
};
type PgClient = { engine: "postgres"; url: string; pool: pg.Pool; db: PgDatabase; counters: { pool: pg.Pool; db: PgDatabase } };
type Client = SqliteClient | PgClient;

function openSqliteConnection(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // A new WAL database stays at FULL until reopened; NORMAL is still durable
  // against a process crash and makes small transactions ~3× faster.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // Bounded wait for another process's write lock (the CLI beside a server).
  sqlite.pragma("busy_timeout = 5000");
  keepStatements(sqlite);
  return sqlite;
}

/**
 * drizzle binds LIMIT and OFFSET as parameters (` limit ?`; our own SQL's
 * ` LIMIT ${n}` is the same to SQLite). SQLite (3.47 and later) plans with
 * the value of a bound LIMIT, and so marks the statement to be compiled
 * again whenever that parameter is bound, which is every run: a kept
 * statement with ` limit ?` was compiled on every execution (40–80 µs
 * for the submit path's study read, ten times the query itself). A cast is
 * not a bare parameter: the value is still bound, the statement stays
 * compiled, and the rows are the same.
 */
export function withLimitsCast(source: string): string {
  return source.replace(/ (limit|offset) \?/gi, " $1 cast(? as integer)");
}

/**
 * better-sqlite3 compiles the SQL on every prepare(), and drizzle prepares
 * every query it runs: on the API's submit path compiling was a tenth of the
 * work. The connection keeps each statement it compiled, by its SQL text, and
 * hands it out again (the least recently used goes once there are
 * `capacity`). Safe because no statement is held across an await: drizzle
 * runs each with all()/get()/run() in one synchronous call (never iterate()),
 * so a kept statement is never busy when it is handed out again. drizzle
 * switches a statement to raw rows for some queries and expects objects for
 * others, so a kept statement that returns rows is switched back first.
 */
function keepStatements(sqlite: Database.Database, capacity = 1000): void {
  const compile = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = kept.get(source);
    if (statement) {
      kept.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = compile(withLimitsCast(source));
      if (kept.size >= capacity) kept.delete(kept.keys().next().value!);
    }
    kept.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

function openSqlite(url: string): SqliteClient {
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const writer = openSqliteConnection(file);
  // An in-memory database exists once per connection: tests on one share it.
  const reader = file === ":memory:" ? writer : openSqliteConnection(file);
  const c: SqliteClient = {
    engine: "sqlite",
    url,
    writer,
    reader,
    writeDb: drizzleSqlite(writer, { schema: sqliteSchema }),
    readDb: drizzleSqlite(reader, { schema: sqliteSchema }),
    queue: Promise.resolve(),
    checkpointer: null,
  };
  if (file !== ":memory:") {
    // Checkpoints off the event loop, pausing this process's writes when the
    // log must catch up (./sqlite-checkpointer.ts).
    c.checkpointer = startCheckpointer(file, { pauseWrites: (during) => inWritersQueue(c, during) });
    writer.pragma("wal_autocheckpoint = 0");
    // When the log starts over, its file is cut back to this size.
    writer.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
  }
  return c;
}

/** The write-ahead log's file, once it starts over after a long run of writes, is cut back to this. */
export const walSizeLimitBytes = 16 * 1024 * 1024;

/** Connections per instance; PostgreSQL's max_connections bounds instances × this. */
function poolSize(): number {
  const raw = process.env.DATABASE_POOL_SIZE;
  const size = raw === undefined || raw === "" ? 10 : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to 1000, not "${raw}"`);
  return size;
}

function openPg(url: string): PgClient {
  const pool = new pg.Pool({ connectionString: url, max: poolSize() });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  // Rate-limit counters commit without waiting for the disk (see writeCounter): two connections of their own.
  const counters = new pg.Pool({ connectionString: url, max: 2, options: "-c synchronous_commit=off" });
  counters.on("error", () => {});
  return {
    engine: "postgres",
    url,
    pool,
    db: drizzlePg(pool, { schema: pgSchema }),
    counters: { pool: counters, db: drizzlePg(counters, { schema: pgSchema }) },
  };
}

const globalForDb = globalThis as unknown as { __gapwiseDb?: Client };
const inTransaction = new AsyncLocalStorage<true>();

function client(): Client {
  const url = databaseUrl();
  const cached = globalForDb.__gapwiseDb;
  if (cached && cached.url === url) return cached;
  if (engineOf(url) !== engine) throw new Error("DATABASE_URL changed engine within one process; the schema is chosen at start");
  globalForDb.__gapwiseDb = engine === "postgres" ? openPg(url) : openSqlite(url);
  return globalForDb.__gapwiseDb;
}

/** The engine this process runs on (for db/ only: domain code must not branch on it). */
export function currentEngine(): Engine {
  return engine;
}

/**
 * The client for reads outside a transaction. Inside one it throws: a read
 * there must go through the `tx` — on SQLite the reader cannot see the
 * transaction's own writes, and on PostgreSQL transactions that each wait for
 * a second pooled connection can starve the pool and wait forever.
 */
export function getDb(): Reader {
  if (inTransaction.getStore()) throw new Error("getDb() called inside a transaction: read through the tx instead");
  const c = client();
  return (c.engine === "postgres" ? c.db : c.readDb) as unknown as Reader;
}

/**
 * A query built once and kept, for the busiest paths (the API's submit):
 * drizzle builds a query's SQL anew on every call, and PostgreSQL parses and
 * plans it anew, which for a small read was most of its cost. `build` makes
 * the query with sql.placeholder() for its values and ends with
 * .prepare(name) (a name unique in the app: PostgreSQL keeps the statement
 * per connection under it); callers .execute({ …values }) what this returns
 * for their db or tx, at once. Kept per connection: outside transactions once
 * per process; inside one on SQLite the writer's (every transaction runs on
 * that connection), on PostgreSQL the pooled connection's: a transaction
 * runs on a connection the pool hands out again and again, and a query built
 * in an earlier transaction on that connection runs on that same
 * connection, so in the current transaction. (Kept per transaction, drizzle
 * built the group commit's statements anew for every group: about a tenth
 * of Node's CPU for storing a group of ten.)
 */
export function kept<P>(build: (db: Reader) => P): (db: Reader | Tx) => P {
  const byConnection = new WeakMap<object, P>();
  return (db) => {
    // What the query is built on, and the connection it is kept for. On
    // PostgreSQL drizzle's database and transaction objects hold their driver
    // client (the pool, or the transaction's pooled connection) as
    // session.client, and a prepared query runs on the client it was built
    // with. On SQLite a transaction's object inherits from the writer's
    // database (transaction()), and is built on that.
    const on: Reader | Tx = engine === "sqlite" && inTransaction.getStore() ? Object.getPrototypeOf(db) : db;
    const connection: object = engine === "postgres" ? (db as unknown as { session: { client: object } }).session.client : on;
    let query = byConnection.get(connection);
    if (!query) byConnection.set(connection, (query = build(on as Reader)));
    return query;
  };
}

// PostgreSQL may abort a transaction that lost a deadlock or a serialisation
// race, or that inserted a row a concurrent transaction inserted first (two
// resends of one response id): the body is only database work, so it runs
// again and its own reads now see the other's committed row.
const retryableCodes = new Set(["40001", "40P01", "23505"]);
// drizzle wraps the driver's error in a DrizzleQueryError: the SQLSTATE code is on its cause.
const pgCode = (e: unknown): string => {
  if (typeof e !== "object" || e === null) return "";
  if ("code" in e && typeof (e as { code: unknown }).code === "string") return (e as { code: string }).code;
  return "cause" in e ? pgCode((e as { cause: unknown }).cause) : "";
};

/**
 * Runs `fn` in one write transaction: all of it commits, or none of it.
 * Transactions do not nest (pass the `tx` down instead): a nested call is a
 * bug that would deadlock on SQLite, so it throws.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (inTransaction.getStore()) throw new Error("transaction() called inside a transaction: pass the tx down instead");
  const c = client();
  if (c.engine === "postgres") {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction.run(true, () => c.db.transaction((tx) => fn(tx as unknown as Tx)));
      } catch (e) {
        if (attempt >= 5 || !retryableCodes.has(pgCode(e))) throw e;
      }
    }
  }
  const run = async () => {
    // IMMEDIATE: take the write lock up front. A deferred transaction that has
    // read cannot wait for another process's lock (SQLite answers BUSY at once).
    c.writer.exec("BEGIN IMMEDIATE");
    try {
      // A fresh object per transaction (inheriting the writer's methods), so
      // code may tell one transaction from the next by identity.
      const tx = Object.create(c.writeDb) as Tx;
      const result = await inTransaction.run(true, () => fn(tx));
      c.writer.exec("COMMIT");
      return result;
    } catch (e) {
      if (c.writer.inTransaction) c.writer.exec("ROLLBACK");
      throw e;
    }
  };
  return inWritersQueue(c, run);
}

/** On SQLite, every write of this process waits its turn here, one at a time (see the top of this file). */
function inWritersQueue<T>(c: SqliteClient, run: () => Promise<T>): Promise<T> {
  const result = c.queue.then(run, run);
  c.queue = result.catch(() => undefined);
  return result;
}

/**
 * Runs one write statement that is atomic by itself (an upsert with
 * RETURNING) and commits it on its own: a transaction around a single
 * statement only adds work (on PostgreSQL a pooled connection held for three
 * round trips: BEGIN, the statement, COMMIT). Returns its rows. On SQLite it
 * waits its turn in the writer's queue like any transaction. Inside a
 * transaction it throws: it would commit apart from that transaction.
 */
export async function writeAlone<T>(query: SQL): Promise<T[]> {
  return alone(
    async (db) => ((await db.execute(query)).rows ?? []) as T[],
    (db) => db.all<T>(query),
  );
}

/**
 * writeAlone for a counter that may lose its last moments in a crash (a rate
 * limit's hits): on PostgreSQL it commits without waiting for the disk
 * (synchronous_commit off, on connections of its own). Each API call and
 * survey post counts a hit, and waiting for a disk flush per hit cost as much
 * as storing the response itself. After a crash the newest hits may be gone,
 * which only lets a client a few requests more; the row is never half
 * written. SQLite commits the same way as writeAlone. `name`: a statement
 * whose text never changes (only its values), prepared under that name.
 */
export async function writeCounter<T>(query: SQL, name?: string): Promise<T[]> {
  const c = client();
  if (c.engine === "sqlite") return writeAlone<T>(query);
  if (inTransaction.getStore()) throw new Error("writeCounter() called inside a transaction: run the statement through the tx instead");
  if (!name) return ((await c.counters.db.execute(query)).rows ?? []) as T[];
  // Named: PostgreSQL parses and plans it once per connection (as kept()
  // does for drizzle's query builders); the text must be the same every time.
  const { sql: text, params } = pgDialect.sqlToQuery(query);
  return (await c.counters.pool.query({ name, text, values: params })).rows as T[];
}

/** writeAlone for a statement without RETURNING: the number of rows it changed. */
export async function runAlone(query: SQL): Promise<number> {
  return alone(
    async (db) => (await db.execute(query)).rowCount ?? 0,
    (db) => db.run(query).changes,
  );
}

async function alone<T>(onPg: (db: PgDatabase) => Promise<T>, onSqlite: (db: SqliteDatabase) => T): Promise<T> {
  if (inTransaction.getStore()) throw new Error("a statement alone was run inside a transaction: run it through the tx instead");
  const c = client();
  if (c.engine === "sqlite") return inWritersQueue(c, async () => onSqlite(c.writeDb));
  for (let attempt = 1; ; attempt++) {
    try {
      return await onPg(c.db);
    } catch (e) {
      if (attempt >= 5 || !retryableCodes.has(pgCode(e))) throw e;
    }
  }
}

/** A consistent read-only view of the database; close it when done (also on error). */
export type Snapshot = { db: Reader; close(): Promise<void> };

/**
 * Opens one consistent snapshot of the database for a long read (an export
 * that must not mix rows from before and after a submit), without holding up
 * writers: PostgreSQL's REPEATABLE READ on a pooled connection; on SQLite a
 * read transaction on a connection of its own.
 */
export async function openSnapshot(): Promise<Snapshot> {
  const c = client();
  if (c.engine === "postgres") {
    const conn = await c.pool.connect();
    try {
      await conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    } catch (e) {
      conn.release();
      throw e;
    }
    let open = true;
    return {
      db: drizzlePg(conn, { schema: pgSchema }) as unknown as Reader,
      async close() {
        if (!open) return;
        open = false;
        try {
          await conn.query("COMMIT");
        } finally {
          conn.release();
        }
      },
    };
  }
  const file = sqlitePath(c.url);
  if (file === ":memory:") return { db: c.readDb as unknown as Reader, close: async () => {} };
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  sqlite.exec("BEGIN");
  // A WAL read transaction takes its snapshot at the first read.
  sqlite.prepare("SELECT 1 FROM responses LIMIT 1").get();
  let open = true;
  return {
    db: drizzleSqlite(sqlite, { schema: sqliteSchema }) as unknown as Reader,
    async close() {
      if (!open) return;
      open = false;
      try {
        if (sqlite.inTransaction) sqlite.exec("COMMIT");
      } finally {
        sqlite.close();
      }
    },
  };
}

/** Rows of a raw SELECT (db/ only; columns come back as the SQL names them). */
export async function rawAll<T>(db: Reader, query: SQL): Promise<T[]> {
  if (engine === "postgres") return ((await (db as unknown as PgDatabase).execute(query)).rows ?? []) as T[];
  return (db as unknown as SqliteDatabase).all<T>(query);
}

/** Runs a raw write statement in a transaction; returns the number of rows it changed. */
export async function rawRun(tx: Tx, query: SQL): Promise<number> {
  if (engine === "postgres") return (await (tx as unknown as PgDatabase).execute(query)).rowCount ?? 0;
  return (tx as unknown as SqliteDatabase).run(query).changes;
}

/** Closes this process's connections (CLI commands and tests, at their end). */
export async function closeDatabase(): Promise<void> {
  const c = globalForDb.__gapwiseDb;
  if (!c) return;
  globalForDb.__gapwiseDb = undefined;
  if (c.engine === "postgres") {
    await Promise.all([c.pool.end(), c.counters.pool.end()]);
    return;
  }
  await c.queue;
  await c.checkpointer?.stop();
  if (c.reader !== c.writer) c.reader.close();
  c.writer.close();
}

/** The SQLite writer connection, for what only SQLite has (online backup, integrity checks). */
export function sqliteConnection(): Database.Database {
  const c = client();
  if (c.engine !== "sqlite") throw new Error("not running on SQLite");
  return c.writer;
}

/** The PostgreSQL pool, for what only PostgreSQL has (advisory locks, size queries). */
export function pgPool(): pg.Pool {
  const c = client();
  if (c.engine !== "postgres") throw new Error("not running on PostgreSQL");
  return c.pool;
}
