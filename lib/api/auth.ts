import { getDb, transaction } from "@/db/client";
import { findActiveApiKeyCountingHits, touchApiKey, type ActiveApiKey } from "@/db/queries/api-keys";
import type { RateLimitOutcome } from "@/db/queries/rate-limits";
import type { Permission } from "@/lib/auth/roles";
import { can } from "@/lib/auth/roles";
import { hashToken } from "@/lib/auth/tokens";
import { ApiProblem } from "./problem";
import { env } from "@/lib/env";
import { callsTogether } from "@/lib/calls-together";

export type ApiCaller = { keyId: string; workspaceId: string; role: "manager" | "analyst" };

const perMinute = env.API_RATE_LIMIT_PER_MINUTE;

/** A call's key (undefined: unknown or revoked), its hit's outcome, and whether the key's role may do what the call asks. */
type KeyCall = { key: ActiveApiKey; limit: RateLimitOutcome; permitted: boolean } | undefined;

/**
 * The key read and one rate-limit hit per call, for all the calls with the
 * same key that arrive together (lib/calls-together.ts): one statement on
 * PostgreSQL, two on SQLite, however many calls. The hits are numbered in
 * order as if counted one by one, so the limit is as exact as before.
 */
const findKeyCountingHits = callsTogether<Permission, KeyCall>(async (keyHash, permissions) => {
  const now = Date.now();
  const found = await findActiveApiKeyCountingHits(getDb(), keyHash, permissions.length, perMinute, now);
  if (!found) return permissions.map(() => undefined);
  const { key, limits } = found;
  const calls = limits.map((limit, i) => ({ key, limit, permitted: can(key.role, permissions[i]) }));
  // "Last used" to the minute is enough, and saves a write per request; once for the calls together.
  if (calls.some((c) => c.limit.allowed && c.permitted) && (key.lastUsedAt === null || now - key.lastUsedAt > 60_000)) {
    await transaction((tx) => touchApiKey(tx, key.id, now));
  }
  return calls;
});

/** Checks `Authorization: Bearer <key>`, the key's role and its rate limit. */
export async function authenticate(request: Request, permission: Permission): Promise<ApiCaller> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiProblem(401, "Send an API key as `Authorization: Bearer <key>`.", undefined, { "WWW-Authenticate": "Bearer" });
  const found = await findKeyCountingHits(hashToken(match[1]), permission);
  if (!found) throw new ApiProblem(401, "The API key is unknown or revoked.", undefined, { "WWW-Authenticate": "Bearer" });
  const { key, limit, permitted } = found;
  if (!limit.allowed) {
    throw new ApiProblem(429, "Too many requests for this API key; retry later.", undefined, {
      "Retry-After": String(limit.retryAfterSeconds),
    });
  }
  if (!permitted) throw new ApiProblem(403, `An ${key.role} key may not do this.`);
  return { keyId: key.id, workspaceId: key.workspaceId, role: key.role };
}
