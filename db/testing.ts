import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closeDatabase } from "./client";
import { databaseUrl, engine } from "./engine";
import { applyMigrations } from "./migrate";

// Throwaway databases for tests, on the engine this process runs on: a
// temporary SQLite file, or a new PostgreSQL database next to the one
// DATABASE_URL names (created here, dropped with FORCE afterwards). Not
// imported by the app.

export type TestDatabase = { url: string; drop(): Promise<void> };

/** `postgres://user@host:port/db?x` → the same server with another database name. */
function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  if (engine === "postgres") {
    const base = databaseUrl();
    const name = `gapwise_${label
      .replace(/[^a-z0-9]/gi, "")
      .toLowerCase()
      .slice(0, 20)}_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return {
      url: withDatabaseName(base, name),
      async drop() {
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await c.end();
        }
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gapwise-${label}-`));
  return { url: `file:${path.join(dir, "app.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Makes a fresh, migrated database this process's database (DATABASE_URL)
 * until the returned function is called, which closes and drops it. For
 * vitest: `let done; beforeAll(async () => { done = await useTestDatabase(); }); afterAll(() => done());`
 */
export async function useTestDatabase(label?: string): Promise<() => Promise<void>> {
  const previous = process.env.DATABASE_URL;
  const db = await createTestDatabase(label);
  await closeDatabase();
  process.env.DATABASE_URL = db.url;
  await applyMigrations();
  return async () => {
    await closeDatabase();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    await db.drop();
  };
}
