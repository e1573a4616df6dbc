import { and, eq, gt, lt } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { memberships, sessions, users } from "../schema";

export function insertSession(
  input: { tokenHash: string; userId: string; workspaceId: string; expiresAt: number },
  db: Executor = getDb(),
) {
  db.insert(sessions).values(input).run();
}

/** The live session with its user and role, or undefined when unknown, expired or no longer a member. */
export function findLiveSession(tokenHash: string, now: number, db: Executor = getDb()) {
  return db
    .select({
      userId: sessions.userId,
      workspaceId: sessions.workspaceId,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, sessions.userId), eq(memberships.workspaceId, sessions.workspaceId)),
    )
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .get();
}

export function deleteSession(tokenHash: string, db: Executor = getDb()) {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteUserSessions(userId: string, db: Executor = getDb()) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function deleteExpiredSessions(now: number, db: Executor = getDb()) {
  return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
}
