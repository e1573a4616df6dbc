import { and, eq, gt, lt, ne } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { memberships, sessions, users, workspaces } from "../schema";

export async function insertSession(tx: Tx, input: { tokenHash: string; userId: string; workspaceId: string; expiresAt: number }) {
  await tx.insert(sessions).values(input);
}

/** The live session with its user and role, or undefined when unknown, expired or no longer a member. */
export async function findLiveSession(db: Reader, tokenHash: string, now: number) {
  const [row] = await db
    .select({
      userId: sessions.userId,
      workspaceId: sessions.workspaceId,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      role: memberships.role,
      timeZone: workspaces.timeZone,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(workspaces, eq(workspaces.id, sessions.workspaceId))
    .innerJoin(memberships, and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, sessions.workspaceId)))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return row;
}

export async function deleteSession(tx: Tx, tokenHash: string) {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteUserSessions(tx: Tx, userId: string) {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/** Signs the user out everywhere but the session `keepTokenHash` (a password change); returns how many went. */
export async function deleteOtherUserSessions(tx: Tx, userId: string, keepTokenHash: string): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)))
    .returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}

/** Deletes sessions past their expiry; returns how many went. */
export async function deleteExpiredSessions(tx: Tx, now: number): Promise<number> {
  const rows = await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ tokenHash: sessions.tokenHash });
  return rows.length;
}
