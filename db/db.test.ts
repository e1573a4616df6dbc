import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAnswers, encodeAnswers } from "./answers-codec";
import { addSums, decodeSums, encodeSums } from "./aggregates-codec";
import { closeDatabase, currentEngine, getDb, rawAll, transaction, withLimitsCast } from "./client";
import { applyMigrations } from "./migrate";
import { countUsers, createUser } from "./queries/accounts";
import { hitRateLimit, rateLimitRetentionMs, rateLimitSweepEveryMs, sweepRateLimits } from "./queries/rate-limits";
import { asc } from "drizzle-orm";
import { users } from "./schema";
import { useTestDatabase } from "./testing";

describe("packed answers", () => {
  it("round-trip in item order, with null for a missing rating", () => {
    const packed = encodeAnswers([
      { number: 300, expected: 7, perceived: 1, rating: null },
      { number: 2, expected: null, perceived: null, rating: 5 },
    ]);
    expect(packed.length).toBe(10);
    expect(decodeAnswers(packed)).toEqual([
      { number: 2, expected: null, perceived: null, rating: 5 },
      { number: 300, expected: 7, perceived: 1, rating: null },
    ]);
    expect(decodeAnswers(null)).toEqual([]);
  });

  it("refuses what it cannot store faithfully", () => {
    expect(() => encodeAnswers([{ number: 1, expected: 0, perceived: 1, rating: null }])).toThrow(/1–255/);
    expect(() => encodeAnswers([{ number: 1, expected: 2.5, perceived: 1, rating: null }])).toThrow();
    expect(() => encodeAnswers([{ number: 70000, expected: 1, perceived: 1, rating: null }])).toThrow(/item number/);
    expect(() =>
      encodeAnswers([
        { number: 1, expected: 1, perceived: 1, rating: null },
        { number: 1, expected: 2, perceived: 2, rating: null },
      ]),
    ).toThrow(/twice/);
    expect(() => decodeAnswers(Buffer.from([0, 1, 2]))).toThrow(/whole records/);
  });
});

describe("packed sums", () => {
  it("round-trip whole numbers, negatives, fractions and large values exactly", () => {
    const sums = new Map([
      [1, { n: 3, sum: 12, sumSq: 50 }],
      [7, { n: 2, sum: -3, sumSq: 4.5 }],
      [130, { n: 1, sum: 0.1 + 0.2, sumSq: 2 ** 52 + 2 }],
      [2, { n: 1_000_000, sum: -1e15, sumSq: 1e300 }],
      [3, { n: 4, sum: 22.75, sumSq: -130.0625 }],
      [4, { n: 1, sum: 1 / 3, sumSq: 2 ** -30 }],
    ]);
    const decoded = decodeSums(encodeSums(sums));
    expect(decoded).toEqual(sums);
    // Whole numbers are varints: a small bucket stays small.
    expect(encodeSums(new Map([[1, { n: 3, sum: 12, sumSq: 50 }]])).length).toBe(5);
    // A mean of four ratings (a quarter) and its square (a sixteenth) stay exact in a few bytes.
    expect(encodeSums(new Map([[1, { n: 1, sum: 5.25, sumSq: 27.5625 }]])).length).toBeLessThanOrEqual(8);
  });

  it("add key by key", () => {
    const a = new Map([[1, { n: 1, sum: 5, sumSq: 25 }]]);
    addSums(
      a,
      new Map([
        [1, { n: 2, sum: 3, sumSq: 5 }],
        [2, { n: 1, sum: 1, sumSq: 1 }],
      ]),
    );
    expect(a).toEqual(
      new Map([
        [1, { n: 3, sum: 8, sumSq: 30 }],
        [2, { n: 1, sum: 1, sumSq: 1 }],
      ]),
    );
  });
});

describe("bound LIMIT and OFFSET on SQLite", () => {
  it("are cast, so a kept statement is not compiled again on every run", () => {
    expect(withLimitsCast('select "id" from "users" where "users"."email" = ? limit ? offset ?')).toBe(
      'select "id" from "users" where "users"."email" = ? limit cast(? as integer) offset cast(? as integer)',
    );
    expect(withLimitsCast("DELETE FROM responses WHERE id IN (SELECT id FROM responses LIMIT ?)")).toBe(
      "DELETE FROM responses WHERE id IN (SELECT id FROM responses LIMIT cast(? as integer))",
    );
    // Anything else is left as it is.
    expect(withLimitsCast('select "id" from "users" limit 1')).toBe('select "id" from "users" limit 1');
    expect(withLimitsCast("select ? as limit_value")).toBe("select ? as limit_value");
  });
});

describe(`the database on ${currentEngine()}`, () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("db");
  });
  afterAll(() => done());

  it("creates every table, and migrating again is a no-op", async () => {
    const tables = (
      currentEngine() === "postgres"
        ? await rawAll<{ name: string }>(getDb(), sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)
        : await rawAll<{ name: string }>(getDb(), sql`SELECT name FROM sqlite_master WHERE type = 'table'`)
    ).map((r) => r.name);
    for (const table of [
      "users",
      "workspaces",
      "memberships",
      "sessions",
      "api_keys",
      "studies",
      "versions",
      "responses",
      "aggregate_buckets",
      "aggregate_keys",
      "jobs",
      "job_files",
    ]) {
      expect(tables).toContain(table);
    }
    await applyMigrations();
    expect(await countUsers(getDb())).toBe(0);
  });

  it("keeps data across reopening", async () => {
    await transaction((tx) => createUser(tx, { email: "A@Example.test", passwordHash: "x" }));
    await closeDatabase();
    await applyMigrations();
    expect(await countUsers(getDb())).toBe(1);
  });

  it("pages with bound LIMIT and OFFSET, the same statement run with new values", async () => {
    for (let i = 0; i < 5; i++) await transaction((tx) => createUser(tx, { email: `page${i}@example.test`, passwordHash: "x" }));
    const page = (limit: number, offset: number) =>
      getDb()
        .select({ email: users.email })
        .from(users)
        .where(sql`${users.email} LIKE 'page%'`)
        .orderBy(asc(users.email))
        .limit(limit)
        .offset(offset);
    expect((await page(2, 0)).map((r) => r.email)).toEqual(["page0@example.test", "page1@example.test"]);
    expect((await page(2, 3)).map((r) => r.email)).toEqual(["page3@example.test", "page4@example.test"]);
    expect((await page(1, 4)).map((r) => r.email)).toEqual(["page4@example.test"]);
    expect(await page(3, 5)).toEqual([]);
  });

  it("rolls back every write of a transaction that throws", async () => {
    const before = await countUsers(getDb());
    await expect(
      transaction(async (tx) => {
        await createUser(tx, { email: "rollback@example.test", passwordHash: "x" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await countUsers(getDb())).toBe(before);
  });

  it("refuses a transaction inside a transaction (it would deadlock on SQLite), and reads beside the tx", async () => {
    await expect(transaction(() => transaction(async () => 1))).rejects.toThrow(/inside a transaction/);
    await expect(transaction(async () => getDb())).rejects.toThrow(/inside a transaction/);
  });

  it("runs concurrent transactions that await inside without mixing them", async () => {
    const before = await countUsers(getDb());
    // Half of them fail after writing: none of their rows may survive, and
    // none of the others' rows may be lost with them.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        transaction(async (tx) => {
          await createUser(tx, { email: `c${i}@example.test`, passwordHash: "x" });
          await new Promise((r) => setTimeout(r, i % 3));
          await tx.select().from(users).limit(1);
          if (i % 2 === 1) throw new Error("abort");
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(20);
    expect(await countUsers(getDb())).toBe(before + 20);
  });
});

describe(`rate limits on ${currentEngine()}`, () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("rates");
  });
  afterAll(() => done());
  const hit = (key: string, limit: number, windowMs: number, now: number) => transaction((tx) => hitRateLimit(tx, key, limit, windowMs, now));
  const keys = async () => (await rawAll<{ key: string }>(getDb(), sql`SELECT key FROM rate_limits ORDER BY key`)).map((r) => r.key);

  it("allows `limit` hits per window, then refuses with a retry time, then resets", async () => {
    const t0 = 1_000_000_000_000;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hit("k", 3, 60_000, t0 + i));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hit("other", 3, 60_000, t0)).allowed).toBe(true);
    expect((await hit("k", 3, 60_000, t0 + 60_000)).allowed).toBe(true);
  });

  it("counts every one of many concurrent hits exactly once", async () => {
    const t0 = 1_000_000_000_000;
    const results = await Promise.all(Array.from({ length: 50 }, () => hit("race", 20, 60_000, t0 + 1)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
  });

  it("sweeps counters of windows that started over a day ago, at most once every ten minutes", async () => {
    await transaction((tx) => sweepRateLimits(tx, Number.MAX_SAFE_INTEGER));
    const t0 = 2_000_000_000_000;
    await hit("sign-in:ip:203.0.113.1", 30, 15 * 60_000, t0);
    await hit("survey:203.0.113.2", 120, 60_000, t0 + 20 * 60_000);
    expect(await keys()).toEqual(["sign-in:ip:203.0.113.1", "survey:203.0.113.2"]);
    const t1 = t0 + rateLimitRetentionMs + 15 * 60_000 + 1;
    await hit("api:key-1", 600, 60_000, t1);
    expect(await keys()).toEqual(["api:key-1", "survey:203.0.113.2"]);
    await hit("api:key-2", 600, 60_000, t1 + 5 * 60_000);
    expect(await keys()).toContain("survey:203.0.113.2");
    await hit("api:key-3", 600, 60_000, t1 + rateLimitSweepEveryMs);
    expect(await keys()).toEqual(["api:key-1", "api:key-2", "api:key-3"]);
    expect((await hit("sign-in:ip:203.0.113.1", 1, 15 * 60_000, t1 + rateLimitSweepEveryMs)).allowed).toBe(true);
    expect(await transaction((tx) => sweepRateLimits(tx, t1 + 10 * rateLimitRetentionMs))).toBe(4);
  });
});
