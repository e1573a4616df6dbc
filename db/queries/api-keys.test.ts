import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentEngine, getDb, rawAll, transaction } from "@/db/client";
import { useTestDatabase } from "@/db/testing";
import { createApiKey, createOwner } from "@/lib/accounts/accounts";
import { hashToken } from "@/lib/auth/tokens";
import { apiKeyLimitKey, findActiveApiKeyCountingHit, revokeApiKey } from "./api-keys";

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
    for (let i = 0; i < 4; i++) calls.push(await findActiveApiKeyCountingHit(getDb(), hashToken(key), 3, minute + 10_000 + i));
    expect(calls[0]?.key).toEqual({ id, workspaceId: owner.workspaceId, role: "analyst", lastUsedAt: null });
    expect(calls.map((c) => c?.limit.allowed)).toEqual([true, true, true, false]);
    expect(calls[3]?.limit.retryAfterSeconds).toBe(50);
    expect(await counted(id)).toEqual([4]);
    // The next window starts again at one.
    expect((await findActiveApiKeyCountingHit(getDb(), hashToken(key), 3, minute + 60_000))?.limit.allowed).toBe(true);
    expect(await counted(id)).toEqual([1]);
  });

  it("counts nothing for an unknown or a revoked key", async () => {
    const owner = await createOwner({ email: "revoked@example.test", password: "a long enough password", workspace: "Revoked" });
    const { id, key } = await createApiKey(owner.workspaceId, "manager", "gone");
    expect(await findActiveApiKeyCountingHit(getDb(), hashToken("gw_not_a_key"), 10, Date.now())).toBeUndefined();
    await transaction((tx) => revokeApiKey(tx, owner.workspaceId, id, Date.now()));
    expect(await findActiveApiKeyCountingHit(getDb(), hashToken(key), 10, Date.now())).toBeUndefined();
    expect(await counted(id)).toEqual([]);
  });

  it("counts every one of 60 concurrent calls exactly once", async () => {
    const owner = await createOwner({ email: "race@example.test", password: "a long enough password", workspace: "Race" });
    const { id, key } = await createApiKey(owner.workspaceId, "manager", "busy");
    const now = 60_000 * 29_000_100 + 5;
    const calls = await Promise.all(Array.from({ length: 60 }, () => findActiveApiKeyCountingHit(getDb(), hashToken(key), 25, now)));
    expect(calls.filter((c) => c?.limit.allowed)).toHaveLength(25);
    expect(await counted(id)).toEqual([60]);
  });
});
