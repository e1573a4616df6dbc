import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { currentEngine, kept, type Reader, type Tx } from "../client";
import { hitRateLimitAloneTimes, readAndHitRateLimitAlone } from "./rate-limits";
import { apiKeys } from "../schema";

export type ApiKeyRole = "manager" | "analyst";

export async function insertApiKey(
  tx: Tx,
  input: { workspaceId: string; role: ApiKeyRole; keyHash: string; prefix: string; name?: string; createdBy?: string },
) {
  const id = randomUUID();
  await tx.insert(apiKeys).values({ id, ...input, name: input.name ?? "" });
  return id;
}

// Every API call reads its key: kept (db/client.ts kept()).
const activeApiKey = kept((db) =>
  db
    .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, role: apiKeys.role, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sql.placeholder("keyHash")), isNull(apiKeys.revokedAt)))
    .limit(1)
    .prepare("find_active_api_key"),
);

export async function findActiveApiKey(db: Reader, keyHash: string) {
  const [row] = await activeApiKey(db).execute({ keyHash });
  return row;
}

export type ActiveApiKey = NonNullable<Awaited<ReturnType<typeof findActiveApiKey>>>;

/** The key's rate-limit counter (rate_limits.key). */
export const apiKeyLimitKey = (keyId: string) => `api:${keyId}`;

/**
 * findActiveApiKey, and for a key found `hits` hits on its rate limit (as
 * hitRateLimitAloneTimes on apiKeyLimitKey), each hit's outcome in order:
 * every API call does both (lib/api/auth.ts counts the calls that arrive
 * together in one go), so on PostgreSQL they are one statement
 * (db/queries/rate-limits.ts readAndHitRateLimitAlone).
 */
export async function findActiveApiKeyCountingHits(db: Reader, keyHash: string, hits: number, perMinute: number, now: number) {
  if (currentEngine() === "sqlite") {
    const key = await findActiveApiKey(db, keyHash);
    return key && { key, limits: await hitRateLimitAloneTimes(apiKeyLimitKey(key.id), hits, perMinute, 60_000, now) };
  }
  const found = await readAndHitRateLimitAlone<{ id: string; workspace_id: string; role: ApiKeyRole; last_used_at: number | string | null }>(
    "find_api_key_counting_hit",
    sql`SELECT ${apiKeys.id}, ${apiKeys.workspaceId}, ${apiKeys.role}, ${apiKeys.lastUsedAt} FROM ${apiKeys} WHERE ${apiKeys.keyHash} = ${keyHash} AND ${apiKeys.revokedAt} IS NULL`,
    apiKeyLimitKey(""),
    hits,
    perMinute,
    60_000,
    now,
  );
  if (!found) return undefined;
  const { row } = found;
  const key: ActiveApiKey = {
    id: row.id,
    workspaceId: row.workspace_id,
    role: row.role,
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
  };
  return { key, limits: found.limits };
}

export async function touchApiKey(tx: Tx, id: string, now: number) {
  await tx.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}

export async function listApiKeys(db: Reader, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function revokeApiKey(tx: Tx, workspaceId: string, id: string, now: number): Promise<number> {
  const rows = await tx
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length;
}
