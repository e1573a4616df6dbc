import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentEngine, getDb, rawAll, transaction } from "@/db/client";
import { useTestDatabase } from "@/db/testing";
import { createApiKey, createOwner } from "@/lib/accounts/accounts";
import { hashToken } from "@/lib/auth/tokens";
import { apiKeyLimitKey, findActiveApiKeyCountingHits, revokeApiKey } from "./api-keys";

// Every API call reads its key and counts a hit on the key's rate limit (on
// PostgreSQL in one statement): the key's columns as they are stored, one
// hit per call however many run at once, none for an unknown or revoked key.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("api-keys");
}, 60_000);
afterAll(() => done());

const counted = async (keyId: string) =>
  (await rawAll<{ count: number | string }>(getDb(), sql`SELECT count FROM rate_limits WHERE key = ${apiKeyLimitKey(keyId)}`)).map((r) =>
    Number(r.count),
  );

describe(`an API key read with its rate-limit hit on ${currentEngine()}`, () => {
  it("finds the key with its columns and counts each call, refusing past the limit until the next window", async () => {
    const owner = await createOwner({ email: "keys@example.test", password: "a long enough password", workspace: "Keys" });
    const { id, key } = await createApiKey(owner.workspaceId, "analyst", "reader");
    const minute = 60_000 * 29_000_000; // the start of a window
    const calls = [];
    for (let i = 0; i < 4; i++) calls.push(await findActiveApiKeyCountingHits(getDb(), hashToken(key), 1, 3, minute + 10_000 + i));
    expect(calls[0]?.key).toEqual({ id, workspaceId: owner.workspaceId, role: "analyst", lastUsedAt: null });
    expect(calls.map((c) => c?.limits.map((l) => l.allowed))).toEqual([[true], [true], [true], [false]]);
    expect(calls[3]?.limits[0].retryAfterSeconds).toBe(50);
    expect(await counted(id)).toEqual([4]);
    // The next window starts again at one.
    expect((await findActiveApiKeyCountingHits(getDb(), hashToken(key), 1, 3, minute + 60_000))?.limits).toEqual([
      { allowed: true, retryAfterSeconds: 60 },
    ]);
    expect(await counted(id)).toEqual([1]);
  });

  it("counts nothing for an unknown or a revoked key", async () => {
    const owner = await createOwner({ email: "revoked@example.test", password: "a long enough password", workspace: "Revoked" });
    const { id, key } = await createApiKey(owner.workspaceId, "manager", "gone");
    expect(await findActiveApiKeyCountingHits(getDb(), hashToken("gw_not_a_key"), 1, 10, Date.now())).toBeUndefined();
    await transaction((tx) => revokeApiKey(tx, owner.workspaceId, id, Date.now()));
    expect(await findActiveApiKeyCountingHits(getDb(), hashToken(key), 3, 10, Date.now())).toBeUndefined();
    expect(await counted(id)).toEqual([]);
  });

  it("counts every one of 60 concurrent calls exactly once", async () => {
    const owner = await createOwner({ email: "race@example.test", password: "a long enough password", workspace: "Race" });
    const { id, key } = await createApiKey(owner.workspaceId, "manager", "busy");
    const now = 60_000 * 29_000_100 + 5;
    const calls = await Promise.all(Array.from({ length: 60 }, () => findActiveApiKeyCountingHits(getDb(), hashToken(key), 1, 25, now)));
    expect(calls.filter((c) => c?.limits[0].allowed)).toHaveLength(25);
    expect(await counted(id)).toEqual([60]);
  });

  it("counts many hits in one call as that many calls one after another", async () => {
    const owner = await createOwner({ email: "many@example.test", password: "a long enough password", workspace: "Many" });
    const { id, key } = await createApiKey(owner.workspaceId, "manager", "grouped");
    const now = 60_000 * 29_000_200 + 30_000;
    const first = await findActiveApiKeyCountingHits(getDb(), hashToken(key), 3, 5, now);
    expect(first?.limits.map((l) => l.allowed)).toEqual([true, true, true]);
    // Hits 4 to 7 of the window: the 4th and 5th are within the limit of 5, the rest are not.
    const second = await findActiveApiKeyCountingHits(getDb(), hashToken(key), 4, 5, now + 1_000);
    expect(second?.limits).toEqual([
      { allowed: true, retryAfterSeconds: 29 },
      { allowed: true, retryAfterSeconds: 29 },
      { allowed: false, retryAfterSeconds: 29 },
      { allowed: false, retryAfterSeconds: 29 },
    ]);
    expect(await counted(id)).toEqual([7]);
    // Ten concurrent calls of six hits each against a limit of 25 (a fresh window): 25 allowed in all, 60 counted.
    const later = now + 60_000;
    const calls = await Promise.all(Array.from({ length: 10 }, () => findActiveApiKeyCountingHits(getDb(), hashToken(key), 6, 25, later)));
    expect(calls.flatMap((c) => c?.limits ?? []).filter((l) => l.allowed)).toHaveLength(25);
    expect(await counted(id)).toEqual([60]);
  });
});
