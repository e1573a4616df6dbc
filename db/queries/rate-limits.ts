import { sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";

/** Counters whose window started longer ago than this are dead weight: every window is shorter. */
export const rateLimitRetentionMs = 24 * 60 * 60_000;
/** How often one server process sweeps them out (piggy-backed on a hit). */
export const rateLimitSweepEveryMs = 10 * 60_000;

// Per database handle, so tests with their own in-memory databases sweep independently.
const nextSweepAt = new WeakMap<object, number>();

/**
 * Counts one hit against `key` in a fixed window and returns whether it is
 * within `limit`. Kept in the database so every server process shares it and
 * restarts do not reset it. One atomic upsert: no read-modify-write race.
 * Every key (address, account, API key, link) leaves a row, so at most once
 * every ten minutes a hit also deletes the rows of long-past windows.
 */
export function hitRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now: number,
  db: Executor = getDb(),
): { allowed: boolean; retryAfterSeconds: number } {
  if (now >= (nextSweepAt.get(db) ?? 0)) {
    nextSweepAt.set(db, now + rateLimitSweepEveryMs);
    sweepRateLimits(now, db);
  }
  const windowStart = now - (now % windowMs);
  const row = db.get<{ count: number; window_start: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT(key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
      window_start = excluded.window_start
    RETURNING count, window_start`);
  const retryAfterSeconds = Math.max(1, Math.ceil((row.window_start + windowMs - now) / 1000));
  return { allowed: row.count <= limit, retryAfterSeconds };
}

/**
 * Deletes the counters of windows that started more than a day ago. Safe at
 * any time: a missing row counts as a fresh window, which is what the upsert
 * above would make of such a row anyway. Returns how many rows went.
 */
export function sweepRateLimits(now: number, db: Executor = getDb()): number {
  return db.run(sql`DELETE FROM rate_limits WHERE window_start < ${now - rateLimitRetentionMs}`).changes;
}

export function clearRateLimit(key: string, db: Executor = getDb()) {
  db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}
