import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, currentEngine, getDb, rawAll, rawRun, sqliteConnection, transaction, walSizeLimitBytes } from "./client";
import { useTestDatabase } from "./testing";

// The write-ahead log under writes that never stop (./sqlite-checkpointer.ts):
// without the pause for a catching-up checkpoint, every one of these rows
// stayed in the log and its file grew to all of them (80 MB here).

describe.runIf(currentEngine() === "sqlite")("the SQLite write-ahead log", () => {
  let done: () => Promise<void>;
  beforeAll(async () => {
    done = await useTestDatabase("wal");
  });
  afterAll(() => done());

  it("starts over and is cut back while writes go on, and keeps every row", async () => {
    await transaction((tx) => rawRun(tx, sql`CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)`));
    const walFile = `${sqliteConnection().name}-wal`;
    const walBytes = () => (fs.existsSync(walFile) ? fs.statSync(walFile).size : 0);
    const rows = 5_000;
    const body = randomBytes(16 * 1024);
    let peak = 0;
    for (let i = 0; i < rows; i++) {
      await transaction((tx) => rawRun(tx, sql`INSERT INTO scratch (body) VALUES (${body})`));
      peak = Math.max(peak, walBytes());
      // About 16 MB/s, each write a turn of its own, as requests are.
      await sleep(1);
    }
    const written = rows * body.length;
    expect(peak).toBeLessThan(written * 0.7);

    // Once the writes stop, a checkpoint copies the rest; the next write
    // starts the log over and cuts its file back to the limit.
    await sleep(2_500);
    await transaction((tx) => rawRun(tx, sql`INSERT INTO scratch (body) VALUES (${body})`));
    expect(walBytes()).toBeLessThanOrEqual(walSizeLimitBytes);

    const [{ n }] = await rawAll<{ n: number }>(getDb(), sql`SELECT count(*) AS n FROM scratch`);
    expect(n).toBe(rows + 1);
    const [{ integrity_check }] = await rawAll<{ integrity_check: string }>(getDb(), sql`PRAGMA integrity_check`);
    expect(integrity_check).toBe("ok");
    await closeDatabase();
  }, 60_000);
});
