import { closeDatabase, currentEngine } from "./client";
import { databaseUrl, sqlitePath } from "./engine";
import { applyMigrations } from "./migrate";

await applyMigrations();
const where = currentEngine() === "postgres" ? databaseUrl().replace(/\/\/[^@/]*@/, "//") : sqlitePath(databaseUrl());
console.log(`Migrations applied to ${where}`);
await closeDatabase();
