import path from "node:path";

// Which engine DATABASE_URL names. Read once per process: the schema's table
// objects are the engine's own (db/schema/index.ts), so one process serves
// one engine. Tests that need the other engine run in another process.

export type Engine = "sqlite" | "postgres";

export const defaultDatabaseUrl = "file:./data/app.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || defaultDatabaseUrl;
}

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/** `file:./data/app.db`, `./data/app.db` or `:memory:` → a path for better-sqlite3. */
export function sqlitePath(url: string): string {
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  if (raw === ":memory:") return raw;
  return path.resolve(raw);
}

export const engine: Engine = engineOf(databaseUrl());
