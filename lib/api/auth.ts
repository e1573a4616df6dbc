import { getDb, transaction } from "@/db/client";
import { findActiveApiKeyCountingHit, touchApiKey } from "@/db/queries/api-keys";
import type { Permission } from "@/lib/auth/roles";
import { can } from "@/lib/auth/roles";
import { hashToken } from "@/lib/auth/tokens";
import { ApiProblem } from "./problem";
import { env } from "@/lib/env";

export type ApiCaller = { keyId: string; workspaceId: string; role: "manager" | "analyst" };

const perMinute = env.API_RATE_LIMIT_PER_MINUTE;

/** Checks `Authorization: Bearer <key>`, the key's role and its rate limit. */
export async function authenticate(request: Request, permission: Permission): Promise<ApiCaller> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiProblem(401, "Send an API key as `Authorization: Bearer <key>`.", undefined, { "WWW-Authenticate": "Bearer" });
  const now = Date.now();
  const found = await findActiveApiKeyCountingHit(getDb(), hashToken(match[1]), perMinute, now);
  if (!found) throw new ApiProblem(401, "The API key is unknown or revoked.", undefined, { "WWW-Authenticate": "Bearer" });
  const { key, limit } = found;
  const allowed = can(key.role, permission);
  // "Last used" to the minute is enough, and saves a write per request.
  if (limit.allowed && allowed && (key.lastUsedAt === null || now - key.lastUsedAt > 60_000)) {
    await transaction((tx) => touchApiKey(tx, key.id, now));
  }
  if (!limit.allowed) {
    throw new ApiProblem(429, "Too many requests for this API key; retry later.", undefined, {
      "Retry-After": String(limit.retryAfterSeconds),
    });
  }
  if (!allowed) throw new ApiProblem(403, `An ${key.role} key may not do this.`);
  return { keyId: key.id, workspaceId: key.workspaceId, role: key.role };
}
