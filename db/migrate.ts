import path from "node:path";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { currentEngine, pgPool, sqliteConnection } from "./client";

/** The migrations of the running engine, resolved from the working directory (the project root). */
export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations", currentEngine() === "postgres" ? "postgres" : "sqlite");
}

// Any number: it only has to be the same for every instance of this product.
const migrationLockId = 0x6761_7077; // "gapw"

/**
 * Applies every pending migration; safe to call on each boot and from every
 * CLI command. On PostgreSQL several instances may boot at once: a session
 * advisory lock lets one migrate while the others wait, then find nothing to do.
 */
export async function applyMigrations(): Promise<void> {
  if (currentEngine() === "postgres") {
    const conn = await pgPool().connect();
    try {
      await conn.query("SELECT pg_advisory_lock($1)", [migrationLockId]);
      try {
        await migratePg(drizzlePg(conn), { migrationsFolder: migrationsFolder() });
      } finally {
        await conn.query("SELECT pg_advisory_unlock($1)", [migrationLockId]);
      }
    } finally {
      conn.release();
    }
    return;
  }
  migrateSqlite(drizzleSqlite(sqliteConnection()), { migrationsFolder: migrationsFolder() });
}
