import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema>;
/** A transaction handle or the client itself: queries accept either. */
export type Executor = Pick<DB, "select" | "insert" | "update" | "delete" | "run" | "get" | "all">;

const defaultUrl = "file:./data/app.db";

/** `file:./data/app.db`, `./data/app.db` or `:memory:` → a path for better-sqlite3. */
export function databasePath(url = process.env.DATABASE_URL ?? defaultUrl): string {
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (raw === ":memory:") return raw;
  return path.resolve(raw);
}

export function openDatabase(url?: string): { db: DB; sqlite: Database.Database } {
  const file = databasePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // A new WAL database stays at FULL until reopened; NORMAL is still durable
  // against a process crash and makes small transactions ~3× faster.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  // Every transaction here reads, then writes. A deferred one that has read
  // cannot wait for another process's write lock (SQLite answers BUSY at once
  // instead of honouring busy_timeout), so transactions take the write lock
  // up front (BEGIN IMMEDIATE) unless a caller asks otherwise.
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: "immediate", ...config })) as typeof db.transaction;
  return { db, sqlite };
}

type Cached = { db: DB; sqlite: Database.Database; url: string };
const globalForDb = globalThis as unknown as { __gapmodelDb?: Cached };

/** The one shared client of this process (cached on globalThis for dev reloads). */
export function getDb(): DB {
  return getConnection().db;
}

export function getConnection(): Cached {
  const url = process.env.DATABASE_URL ?? defaultUrl;
  const cached = globalForDb.__gapmodelDb;
  if (cached && cached.url === url) return cached;
  const opened = openDatabase(url);
  globalForDb.__gapmodelDb = { ...opened, url };
  return globalForDb.__gapmodelDb;
}
