import { getDb, databasePath } from "./client";
import { applyMigrations } from "./migrate";

applyMigrations(getDb());
console.log(`Migrations applied to ${databasePath()}`);
