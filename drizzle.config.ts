import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes the migrations of both engines from their
// schemas (DRIZZLE_ENGINE=postgres selects the PostgreSQL twin).
const postgres = process.env.DRIZZLE_ENGINE === "postgres";

export default defineConfig(
  postgres
    ? { dialect: "postgresql", schema: "./db/schema/pg.ts", out: "./db/migrations/postgres" }
    : { dialect: "sqlite", schema: "./db/schema/sqlite.ts", out: "./db/migrations/sqlite" },
);
