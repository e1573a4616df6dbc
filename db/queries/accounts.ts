import { and, asc, count, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { forUpdate } from "../locks";
import type { Reader, Tx } from "../client";
import { memberships, users, workspaces, type Role } from "../schema";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function countUsers(db: Reader): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function findUserByEmail(db: Reader, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row;
}

export async function findUserById(db: Reader, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function createWorkspace(tx: Tx, name: string, timeZone = "UTC") {
  const id = randomUUID();
  await tx.insert(workspaces).values({ id, name, timeZone });
  return { id, name };
}

/** The workspace's IANA time zone ("UTC" for an unknown workspace). */
export async function workspaceTimeZone(db: Reader, id: string): Promise<string> {
  const [row] = await db.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, id)).limit(1);
  return row?.timeZone ?? "UTC";
}

/** Sets the workspace's time zone (already validated); the number of rows changed. */
export async function setWorkspaceTimeZone(tx: Tx, id: string, timeZone: string): Promise<number> {
  const rows = await tx.update(workspaces).set({ timeZone }).where(eq(workspaces.id, id)).returning({ id: workspaces.id });
  return rows.length;
}

/** A new account; the unique index on email refuses a second account for one address. */
export async function createUser(tx: Tx, input: { email: string; passwordHash: string; name?: string }) {
  const id = randomUUID();
  await tx.insert(users).values({ id, email: normalizeEmail(input.email), passwordHash: input.passwordHash, name: input.name ?? "" });
  return { id, email: normalizeEmail(input.email) };
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function addMembership(tx: Tx, workspaceId: string, userId: string, role: Role) {
  await tx.insert(memberships).values({ workspaceId, userId, role });
}

export async function setMemberRole(tx: Tx, workspaceId: string, userId: string, role: Role): Promise<number> {
  const rows = await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length;
}

export async function removeMembership(tx: Tx, workspaceId: string, userId: string): Promise<number> {
  const rows = await tx
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .returning({ userId: memberships.userId });
  return rows.length;
}

/** A user's workspaces, oldest membership first (the default one to sign into). */
export async function membershipsOf(db: Reader, userId: string) {
  return db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role, workspaceName: workspaces.name })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.workspaceId));
}

export async function membership(db: Reader, workspaceId: string, userId: string) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

export async function listMembers(db: Reader, workspaceId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt), asc(users.email));
}

/**
 * The workspace's owners, locked until the transaction ends (PostgreSQL; on
 * SQLite transactions run one at a time): the last-owner rule reads this
 * and then writes, and two owners demoting each other at once must not both pass.
 */
export async function lockOwners(tx: Tx, workspaceId: string): Promise<string[]> {
  const rows = await forUpdate(
    tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner"))),
  );
  return rows.map((r) => r.userId);
}

export async function getWorkspace(db: Reader, id: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1);
  return row;
}

export async function findWorkspacesByName(db: Reader, name: string) {
  return db.select().from(workspaces).where(eq(workspaces.name, name)).orderBy(asc(workspaces.createdAt), asc(workspaces.id));
}

/** An owner of the workspace, to record as the author of CLI-made content. */
export async function firstOwner(db: Reader, workspaceId: string) {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row;
}
