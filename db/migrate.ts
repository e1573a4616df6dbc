import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { DB } from "./client";

/** The migrations folder, resolved from the working directory (the project root). */
export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies every pending migration; safe to call on each boot. */
export function applyMigrations(db: DB): void {
  migrate(db, { migrationsFolder });
}
