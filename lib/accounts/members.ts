import { transaction } from "@/db/client";
import { addMembership, createUser, findUserByEmail, lockOwners, membership, removeMembership, setMemberRole } from "@/db/queries/accounts";
import type { Role } from "@/db/schema";
import { deleteUserSessions } from "@/db/queries/sessions";
import { hashPassword } from "@/lib/auth/password";

// The workspace's rules about its members, for the settings page's actions
// (which only map these outcomes to form state): a workspace always keeps at
// least one owner, and an owner does not remove themself.

export type MemberOutcome =
  /** Done (or nothing to do: the member already had that role). */
  | { ok: true }
  /** Refused: the workspace would be left without an owner. */
  | { ok: false; code: "lastOwner" }
  /** Refused: the user is not a member of this workspace (removed meanwhile, or another workspace's id). */
  | { ok: false; code: "notMember" }
  /** Refused: an owner cannot remove themself (another owner can). */
  | { ok: false; code: "removeSelf" };

export type MemberRefusal = Extract<MemberOutcome, { ok: false }>["code"];

/**
 * The person with `email` joins the workspace with `role`: a new account
 * with the initial password, or, when the email already has an account (in
 * another workspace, or this one), that account with its own password. Both
 * answer alike, so an owner learns nothing about other workspaces' members.
 */
export async function addMember(workspaceId: string, input: { email: string; password: string; role: Role }): Promise<MemberOutcome> {
  // Hashed in both cases: the answer takes as long whether or not the account exists.
  const passwordHash = await hashPassword(input.password);
  return transaction(async (tx): Promise<MemberOutcome> => {
    // Two adds of one email at once: the unique index on users.email (or the
    // membership's primary key) fails the second insert, transaction() runs
    // it again, and these reads find the first one's rows.
    const existing = await findUserByEmail(tx, input.email);
    if (existing) {
      if (!(await membership(tx, workspaceId, existing.id))) await addMembership(tx, workspaceId, existing.id, input.role);
      return { ok: true };
    }
    const user = await createUser(tx, { email: input.email, passwordHash });
    await addMembership(tx, workspaceId, user.id, input.role);
    return { ok: true };
  });
}

export async function changeMemberRole(workspaceId: string, userId: string, role: Role): Promise<MemberOutcome> {
  return transaction(async (tx): Promise<MemberOutcome> => {
    // lockOwners: the owners counted here decide the write; two owners
    // demoting each other at once run one after the other, and the second
    // finds itself the last owner.
    const owners = await lockOwners(tx, workspaceId);
    const current = await membership(tx, workspaceId, userId);
    if (!current) return { ok: false, code: "notMember" };
    if (current.role === role) return { ok: true };
    if (current.role === "owner" && owners.length <= 1) return { ok: false, code: "lastOwner" };
    await setMemberRole(tx, workspaceId, userId, role);
    return { ok: true };
  });
}

/** Whether `actingUserId` may remove `userId` at all: not themself (the settings page offers no button then). */
export function mayRemoveMember(actingUserId: string, userId: string): boolean {
  return userId !== actingUserId;
}

/** Removes `userId` from the workspace and signs them out; `actingUserId` is the owner doing it. */
export async function removeMember(workspaceId: string, actingUserId: string, userId: string): Promise<MemberOutcome> {
  if (!mayRemoveMember(actingUserId, userId)) return { ok: false, code: "removeSelf" };
  return transaction(async (tx): Promise<MemberOutcome> => {
    // lockOwners: as in changeMemberRole, the owners counted decide the write.
    const owners = await lockOwners(tx, workspaceId);
    const current = await membership(tx, workspaceId, userId);
    if (!current) return { ok: false, code: "notMember" };
    if (current.role === "owner" && owners.length <= 1) return { ok: false, code: "lastOwner" };
    await removeMembership(tx, workspaceId, userId);
    await deleteUserSessions(tx, userId);
    return { ok: true };
  });
}
