import { sql, type SQL } from "drizzle-orm";
import { rawAll, rawRun, runAlone, writeCounter, type Tx } from "../client";

/** Counters whose window started longer ago than this are dead weight: every window is shorter. */
export const rateLimitRetentionMs = 24 * 60 * 60_000;
/** How often one server process sweeps them out (piggy-backed on a hit). */
export const rateLimitSweepEveryMs = 10 * 60_000;

let nextSweepAt = 0;

/**
 * Counts one hit against `key` in a fixed window and returns whether it is
 * within `limit`. Kept in the database so every server process shares it and
 * restarts do not reset it. One atomic upsert (INSERT … ON CONFLICT DO UPDATE
 * … RETURNING, on both engines): no read-modify-write race between instances.
 * Every key (address, account, API key, link) leaves a row, so at most once
 * every ten minutes per process a hit also deletes the rows of long-past windows.
 */
export async function hitRateLimit(tx: Tx, key: string, limit: number, windowMs: number, now: number): Promise<RateLimitOutcome> {
  if (sweepIsDue(now)) await sweepRateLimits(tx, now);
  const [row] = await rawAll<HitRow>(tx, hitStatement(key, 1, windowMs, now));
  return outcomes(row, 1, limit, windowMs, now)[0];
}

/**
 * The same hit as its own statement, outside any transaction: for a limit
 * checked before anything else is written (an API key, the survey's posts),
 * where a transaction around the one upsert would only add work.
 */
export async function hitRateLimitAlone(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitOutcome> {
  return (await hitRateLimitAloneTimes(key, 1, limit, windowMs, now))[0];
}

export type RateLimitOutcome = { allowed: boolean; retryAfterSeconds: number };

type HitRow = { count: number | string; window_start: number | string };

function sweepIsDue(now: number): boolean {
  if (now < nextSweepAt) return false;
  nextSweepAt = now + rateLimitSweepEveryMs;
  return true;
}

// n hits (the inserted row's count): the key's row starts at n, or counts n more in the same window, or starts again at n in a new one.
const countMore = sql`
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + excluded.count ELSE excluded.count END,
      window_start = excluded.window_start
    RETURNING count, window_start`;

function hitStatement(key: string, hits: number, windowMs: number, now: number): SQL {
  return sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now - (now % windowMs)}, ${hits}) ${countMore}`;
}

/**
 * On PostgreSQL only: reads the row `select` finds (at most one, with an
 * `id` column) and counts `hits` hits on `prefix` + its id, as that many
 * hitRateLimitAlone calls one after another would (the first `limit` of
 * them in a window are allowed), in one statement (a writable CTE: one
 * round trip where there were two). Nothing is counted when nothing is
 * found. SQLite has no writable CTEs: read, then hitRateLimitAloneTimes.
 * `name`: the statement's, as writeCounter's (`select`'s text never
 * changes, only its values).
 */
export async function readAndHitRateLimitAlone<R>(
  name: string,
  select: SQL,
  prefix: string,
  hits: number,
  limit: number,
  windowMs: number,
  now: number,
): Promise<{ row: R; limits: RateLimitOutcome[] } | undefined> {
  if (sweepIsDue(now)) await runAlone(sweepStatement(now));
  const [found] = await writeCounter<R & HitRow>(
    sql`
    WITH found AS (${select}),
    hit AS (INSERT INTO rate_limits (key, window_start, count) SELECT ${prefix} || found.id, ${now - (now % windowMs)}, ${hits} FROM found ${countMore})
    SELECT found.*, hit.count, hit.window_start FROM found, hit`,
    name,
  );
  if (!found) return undefined;
  const { count, window_start, ...row } = found;
  return { row: row as R, limits: outcomes({ count, window_start }, hits, limit, windowMs, now) };
}

/** hitRateLimitAlone for `hits` hits at once: each one's outcome, in order. */
export async function hitRateLimitAloneTimes(key: string, hits: number, limit: number, windowMs: number, now: number): Promise<RateLimitOutcome[]> {
  if (sweepIsDue(now)) await runAlone(sweepStatement(now));
  const [row] = await writeCounter<HitRow>(hitStatement(key, hits, windowMs, now), "rate_limit_hit");
  return outcomes(row, hits, limit, windowMs, now);
}

/** The outcome of each of the last `hits` hits that brought the counter to `row.count`: the k-th of the window is allowed while k ≤ limit. */
function outcomes(row: HitRow, hits: number, limit: number, windowMs: number, now: number): RateLimitOutcome[] {
  const retryAfterSeconds = Math.max(1, Math.ceil((Number(row.window_start) + windowMs - now) / 1000));
  const first = Number(row.count) - hits + 1;
  return Array.from({ length: hits }, (_, i) => ({ allowed: first + i <= limit, retryAfterSeconds }));
}

/**
 * Takes back one hit counted by `hitRateLimit(tx, key, …, windowMs, now)` with
 * the same `now`: for limits that count only failures, a hit is counted
 * before the attempt (so parallel attempts cannot all slip under the limit)
 * and given back when it succeeds. Nothing happens once the window moved on.
 */
export async function giveBackRateLimitHit(tx: Tx, key: string, windowMs: number, now: number): Promise<void> {
  const windowStart = now - (now % windowMs);
  await rawRun(tx, sql`UPDATE rate_limits SET count = count - 1 WHERE key = ${key} AND window_start = ${windowStart} AND count > 0`);
}

/**
 * Deletes the counters of windows that started more than a day ago. Safe at
 * any time: a missing row counts as a fresh window, which is what the upsert
 * above would make of such a row anyway. Returns how many rows went.
 */
export async function sweepRateLimits(tx: Tx, now: number): Promise<number> {
  return rawRun(tx, sweepStatement(now));
}

const sweepStatement = (now: number): SQL => sql`DELETE FROM rate_limits WHERE window_start < ${now - rateLimitRetentionMs}`;

export async function clearRateLimit(tx: Tx, key: string) {
  await rawRun(tx, sql`DELETE FROM rate_limits WHERE key = ${key}`);
}
