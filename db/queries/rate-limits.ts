import { sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";

/**
 * Counts one hit against `key` in a fixed window and returns whether it is
 * within `limit`. Kept in the database so every server process shares it and
 * restarts do not reset it. One atomic upsert: no read-modify-write race.
 */
export function hitRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now: number,
  db: Executor = getDb(),
): { allowed: boolean; retryAfterSeconds: number } {
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

export function clearRateLimit(key: string, db: Executor = getDb()) {
  db.run(sql`DELETE FROM rate_limits WHERE key = ${key}`);
}
