import { getDb, transaction } from "@/db/client";
import { addMembership, countUsers, createUser, createWorkspace, findUserByEmail, membershipsOf, normalizeEmail } from "@/db/queries/accounts";
import { insertApiKey, type ApiKeyRole } from "@/db/queries/api-keys";
import { hashPassword, timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { hashToken, newApiKey } from "@/lib/auth/tokens";

export class AccountError extends Error {
  constructor(readonly code: "setupDone" | "emailTaken" | "unknownUser" | "notOwner") {
    super(code);
  }
}

/**
 * Creates a workspace with its owner. `firstRunOnly` is the set-up page's
 * rule (refused once any user exists); the CLI may add further workspaces.
 */
export async function createOwner(input: {
  email: string;
  password: string;
  workspace: string;
  name?: string;
  timeZone?: string;
  firstRunOnly?: boolean;
}) {
  const passwordHash = await hashPassword(input.password);
  return transaction(async (tx) => {
    // Two set-ups at once both count no user here; the unique index on
    // users.email fails the second one's insert when they share an email.
    if (input.firstRunOnly && (await countUsers(tx)) > 0) throw new AccountError("setupDone");
    if (await findUserByEmail(tx, input.email)) throw new AccountError("emailTaken");
    const workspace = await createWorkspace(tx, input.workspace, input.timeZone);
    const user = await createUser(tx, { email: input.email, passwordHash, name: input.name });
    await addMembership(tx, workspace.id, user.id, "owner");
    return { workspaceId: workspace.id, userId: user.id, email: user.email };
  });
}

/** The user and their first workspace when the password is right; same time either way. */
export async function checkCredentials(email: string, password: string) {
  const user = await findUserByEmail(getDb(), email);
  if (!user) {
    await verifyPassword(password, await timingDummyHash());
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  const [first] = await membershipsOf(getDb(), user.id);
  if (!first) return null;
  return { userId: user.id, workspaceId: first.workspaceId, role: first.role };
}

/** Creates an API key for the workspace of `email` (its first one); returns the key once. */
export async function createApiKeyFor(email: string, role: ApiKeyRole, name = "") {
  const user = await findUserByEmail(getDb(), email);
  if (!user) throw new AccountError("unknownUser");
  const [first] = await membershipsOf(getDb(), user.id);
  if (!first) throw new AccountError("unknownUser");
  return createApiKey(first.workspaceId, role, name, user.id);
}

export async function createApiKey(workspaceId: string, role: ApiKeyRole, name: string, createdBy?: string) {
  const key = newApiKey();
  const id = await transaction((tx) => insertApiKey(tx, { workspaceId, role, keyHash: hashToken(key), prefix: key.slice(0, 10), name, createdBy }));
  return { id, key, workspaceId };
}

export { normalizeEmail };
