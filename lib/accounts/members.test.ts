import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { addMembership, createUser, listMembers, membership } from "@/db/queries/accounts";
import { findLiveSession, insertSession } from "@/db/queries/sessions";
import { useTestDatabase } from "@/db/testing";
import { checkCredentials, createOwner } from "./accounts";
import { addMember, changeMemberRole, removeMember } from "./members";

// The workspace's member rules on the engine DATABASE_URL names.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("members");
}, 60_000);
afterAll(() => done());

let n = 0;
async function workspaceWithOwner() {
  n++;
  return createOwner({ email: `owner${n}@example.test`, password: "long enough pw", workspace: `W${n}` });
}

async function secondOwner(workspaceId: string) {
  return transaction(async (tx) => {
    const user = await createUser(tx, { email: `second${++n}@example.test`, passwordHash: "x" });
    await addMembership(tx, workspaceId, user.id, "owner");
    return user.id;
  });
}

const roleOf = async (workspaceId: string, userId: string) => (await membership(getDb(), workspaceId, userId))?.role;

describe("the workspace's members", () => {
  it("keeps the last owner: demoting or removing them is refused", async () => {
    const owner = await workspaceWithOwner();
    expect(await changeMemberRole(owner.workspaceId, owner.userId, "manager")).toEqual({ ok: false, code: "lastOwner" });
    expect(await roleOf(owner.workspaceId, owner.userId)).toBe("owner");
    const other = await secondOwner(owner.workspaceId);
    expect(await changeMemberRole(owner.workspaceId, other, "analyst")).toEqual({ ok: true });
    expect(await removeMember(owner.workspaceId, other, owner.userId)).toEqual({ ok: false, code: "lastOwner" });
    expect(await removeMember(owner.workspaceId, owner.userId, owner.userId)).toEqual({ ok: false, code: "removeSelf" });
  });

  it("lets only one of two owners demoting each other at the same time succeed", async () => {
    const owner = await workspaceWithOwner();
    const other = await secondOwner(owner.workspaceId);
    const outcomes = await Promise.all([
      changeMemberRole(owner.workspaceId, other, "manager"),
      changeMemberRole(owner.workspaceId, owner.userId, "manager"),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, code: "lastOwner" }]);
    const roles = (await listMembers(getDb(), owner.workspaceId)).map((m) => m.role);
    expect(roles.filter((r) => r === "owner")).toHaveLength(1);
  });

  it("adds a member once per email, and removes one with their sessions", async () => {
    const owner = await workspaceWithOwner();
    const email = `member${n}@example.test`;
    expect(await addMember(owner.workspaceId, { email, password: "long enough pw", role: "analyst" })).toEqual({ ok: true });
    expect(await addMember(owner.workspaceId, { email: email.toUpperCase(), password: "long enough pw", role: "manager" })).toEqual({ ok: true });
    const member = (await listMembers(getDb(), owner.workspaceId)).find((m) => m.email === email)!;
    expect(member.role).toBe("analyst");
    const now = Date.now();
    await transaction((tx) =>
      insertSession(tx, { tokenHash: `h${n}`, userId: member.userId, workspaceId: owner.workspaceId, expiresAt: now + 60_000 }),
    );
    expect(await removeMember(owner.workspaceId, owner.userId, member.userId)).toEqual({ ok: true });
    expect(await roleOf(owner.workspaceId, member.userId)).toBeUndefined();
    expect(await findLiveSession(getDb(), `h${n}`, now)).toBeUndefined();
    expect(await removeMember(owner.workspaceId, owner.userId, member.userId)).toEqual({ ok: false, code: "notMember" });
    const stranger = await workspaceWithOwner();
    expect(await changeMemberRole(owner.workspaceId, stranger.userId, "analyst")).toEqual({ ok: false, code: "notMember" });
  });

  // Issue 12 item 8: "emailTaken" told one workspace's owner that the email had an account elsewhere.
  it("answers alike whether or not the email has an account in another workspace", async () => {
    const owner = await workspaceWithOwner();
    const stranger = await workspaceWithOwner();
    const outsider = await addMember(owner.workspaceId, { email: `OWNER${n}@example.test`, password: "owner's guess pw", role: "analyst" });
    const newcomer = await addMember(owner.workspaceId, { email: `new${n}@example.test`, password: "long enough pw", role: "analyst" });
    expect(outsider).toEqual(newcomer);
    expect(outsider).toEqual({ ok: true });
    // The existing account joins with its own password; the owner's initial one does not take it over.
    expect(await roleOf(owner.workspaceId, stranger.userId)).toBe("analyst");
    expect(await roleOf(stranger.workspaceId, stranger.userId)).toBe("owner");
    expect(await checkCredentials(`owner${n}@example.test`, "owner's guess pw")).toBeNull();
    expect(await checkCredentials(`owner${n}@example.test`, "long enough pw")).not.toBeNull();
  });
});
