import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { kept, type Reader, type Tx } from "../client";
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
