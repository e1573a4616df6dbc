import { and, desc, eq, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb, type Executor } from "../client";
import { apiKeys } from "../schema";

export type ApiKeyRole = "manager" | "analyst";

export function insertApiKey(
  input: { workspaceId: string; role: ApiKeyRole; keyHash: string; prefix: string; name?: string; createdBy?: string },
  db: Executor = getDb(),
) {
  const id = randomUUID();
  db.insert(apiKeys)
    .values({ id, ...input, name: input.name ?? "" })
    .run();
  return id;
}

export function findActiveApiKey(keyHash: string, db: Executor = getDb()) {
  return db
    .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, role: apiKeys.role, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();
}

export function touchApiKey(id: string, now: number, db: Executor = getDb()) {
  db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id)).run();
}

export function listApiKeys(workspaceId: string, db: Executor = getDb()) {
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
    .orderBy(desc(apiKeys.createdAt))
    .all();
}

export function revokeApiKey(workspaceId: string, id: string, now: number, db: Executor = getDb()) {
  return db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .run().changes;
}
