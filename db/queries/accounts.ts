import { and, asc, count, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb, type Executor } from "../client";
import { memberships, users, workspaces, type Role } from "../schema";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function countUsers(db: Executor = getDb()): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function findUserByEmail(email: string, db: Executor = getDb()) {
  return db.select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

export function findUserById(id: string, db: Executor = getDb()) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function createWorkspace(name: string, db: Executor = getDb()) {
  const id = randomUUID();
  db.insert(workspaces).values({ id, name }).run();
  return { id, name };
}

export function createUser(
  input: { email: string; passwordHash: string; name?: string },
  db: Executor = getDb(),
) {
  const id = randomUUID();
  db.insert(users)
    .values({ id, email: normalizeEmail(input.email), passwordHash: input.passwordHash, name: input.name ?? "" })
    .run();
  return { id, email: normalizeEmail(input.email) };
}

export function setPasswordHash(userId: string, passwordHash: string, db: Executor = getDb()) {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function addMembership(workspaceId: string, userId: string, role: Role, db: Executor = getDb()) {
  db.insert(memberships).values({ workspaceId, userId, role }).run();
}

export function setMemberRole(workspaceId: string, userId: string, role: Role, db: Executor = getDb()) {
  return db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .run().changes;
}

export function removeMembership(workspaceId: string, userId: string, db: Executor = getDb()) {
  return db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .run().changes;
}

/** A user's workspaces, oldest membership first (the default one to sign into). */
export function membershipsOf(userId: string, db: Executor = getDb()) {
  return db
    .select({ workspaceId: memberships.workspaceId, role: memberships.role, workspaceName: workspaces.name })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .all();
}

export function membership(workspaceId: string, userId: string, db: Executor = getDb()) {
  return db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .get();
}

export function listMembers(workspaceId: string, db: Executor = getDb()) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt))
    .all();
}

export function countOwners(workspaceId: string, db: Executor = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
      .get()?.n ?? 0
  );
}

export function getWorkspace(id: string, db: Executor = getDb()) {
  return db.select().from(workspaces).where(eq(workspaces.id, id)).get();
}

export function findWorkspacesByName(name: string, db: Executor = getDb()) {
  return db.select().from(workspaces).where(eq(workspaces.name, name)).all();
}

/** An owner of the workspace, to record as the author of CLI-made content. */
export function firstOwner(workspaceId: string, db: Executor = getDb()) {
  return db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.createdAt))
    .get();
}
