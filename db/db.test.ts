import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { applyMigrations } from "./migrate";
import { hitRateLimit } from "./queries/rate-limits";
import { countUsers, createUser } from "./queries/accounts";

const dirs: string[] = [];
function tempFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-db-"));
  dirs.push(dir);
  return path.join(dir, "nested", "app.db");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the migration runner", () => {
  it("creates every table on an empty file, and is a no-op the second time", () => {
    const file = tempFile();
    const { db, sqlite } = openDatabase(`file:${file}`);
    applyMigrations(db);
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    for (const table of ["users", "workspaces", "memberships", "sessions", "api_keys", "studies", "versions", "responses", "answers", "aggregates"]) {
      expect(tables).toContain(table);
    }
    applyMigrations(db);
    expect(countUsers(db)).toBe(0);
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    sqlite.close();
  });

  it("keeps data across reopening", () => {
    const file = tempFile();
    const first = openDatabase(`file:${file}`);
    applyMigrations(first.db);
    createUser({ email: "A@Example.test", passwordHash: "x" }, first.db);
    first.sqlite.close();
    const second = openDatabase(`file:${file}`);
    applyMigrations(second.db);
    expect(countUsers(second.db)).toBe(1);
    second.sqlite.close();
  });
});

describe("rate limits", () => {
  it("allows `limit` hits per window, then refuses with a retry time, then resets", () => {
    const { db, sqlite } = openDatabase(":memory:");
    applyMigrations(db);
    const t0 = 1_000_000_000_000;
    const results = Array.from({ length: 4 }, (_, i) => hitRateLimit("k", 3, 60_000, t0 + i, db));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(hitRateLimit("other", 3, 60_000, t0, db).allowed).toBe(true);
    expect(hitRateLimit("k", 3, 60_000, t0 + 60_000, db).allowed).toBe(true);
    sqlite.close();
  });
});
