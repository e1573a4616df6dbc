import { closeDatabase, currentEngine } from "./client";
import { databaseUrl, sqlitePath } from "./engine";
import { applyMigrations } from "./migrate";

async function main() {
  await applyMigrations();
  const where = currentEngine() === "postgres" ? databaseUrl().replace(/\/\/[^@/]*@/, "//") : sqlitePath(databaseUrl());
  console.log(`Migrations applied to ${where}`);
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
