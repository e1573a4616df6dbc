import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { applyMigrations } from "./migrate";
import { hitRateLimit, rateLimitRetentionMs, rateLimitSweepEveryMs, sweepRateLimits } from "./queries/rate-limits";
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

  it("sweeps counters of windows that started over a day ago, at most once every ten minutes", () => {
    const { db, sqlite } = openDatabase(":memory:");
    applyMigrations(db);
    const keys = () => sqlite.prepare("SELECT key FROM rate_limits ORDER BY key").all().map((r) => (r as { key: string }).key);
    const t0 = 1_000_000_000_000;
    hitRateLimit("sign-in:ip:203.0.113.1", 30, 15 * 60_000, t0, db);
    hitRateLimit("survey:203.0.113.2", 120, 60_000, t0 + 20 * 60_000, db);
    expect(keys()).toEqual(["sign-in:ip:203.0.113.1", "survey:203.0.113.2"]);
    // A day and a bit later the first hit's row goes; the second's window is not a day old yet.
    const t1 = t0 + rateLimitRetentionMs + 15 * 60_000 + 1;
    hitRateLimit("api:key-1", 600, 60_000, t1, db);
    expect(keys()).toEqual(["api:key-1", "survey:203.0.113.2"]);
    // Within ten minutes of that sweep nothing is swept, even what is stale by now…
    hitRateLimit("api:key-2", 600, 60_000, t1 + 5 * 60_000, db);
    expect(keys()).toContain("survey:203.0.113.2");
    // …after ten minutes it is.
    hitRateLimit("api:key-3", 600, 60_000, t1 + rateLimitSweepEveryMs, db);
    expect(keys()).toEqual(["api:key-1", "api:key-2", "api:key-3"]);
    // A swept key starts a fresh window: the limit counts from one again.
    expect(hitRateLimit("sign-in:ip:203.0.113.1", 1, 15 * 60_000, t1 + rateLimitSweepEveryMs, db).allowed).toBe(true);
    expect(sweepRateLimits(t1 + 10 * rateLimitRetentionMs, db)).toBe(4);
    sqlite.close();
  });
});
