import { getDb, transaction } from "@/db/client";
import { findUserById, setPasswordHash } from "@/db/queries/accounts";
import { retireUserPasswordResets } from "@/db/queries/password-resets";
import { deleteOtherUserSessions } from "@/db/queries/sessions";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { limitedSignIn } from "@/lib/auth/sign-in-limit";

// A signed-in user changes their own password on the account page.

export type ChangePasswordOutcome =
  /** Changed; the user's other sessions ended (how many), this one stays; unused reset links stop working. */
  | { kind: "changed"; signedOut: number }
  /** The current password was wrong: counted as a failed sign-in. */
  | { kind: "wrongPassword" }
  /** Too many failed sign-ins (or wrong current passwords) for this account or address. */
  | { kind: "limited" };

export async function changePassword(input: {
  userId: string;
  /** The session the change is made from: it stays signed in. */
  sessionTokenHash: string;
  address: string;
  current: string;
  password: string;
  now?: number;
}): Promise<ChangePasswordOutcome> {
  const now = input.now ?? Date.now();
  const user = await findUserById(getDb(), input.userId);
  if (!user) return { kind: "wrongPassword" };
  // A wrong current password is a guessed password like a failed sign-in:
  // the same counters, so the account page is no way around their limit.
  const attempt = await limitedSignIn({ address: input.address, email: user.email, now }, async () =>
    (await verifyPassword(input.current, user.passwordHash)) ? user : null,
  );
  if (attempt.kind === "limited") return { kind: "limited" };
  if (attempt.kind === "failed") return { kind: "wrongPassword" };
  const passwordHash = await hashPassword(input.password);
  return transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    const signedOut = await deleteOtherUserSessions(tx, user.id, input.sessionTokenHash);
    await retireUserPasswordResets(tx, user.id, now);
    return { kind: "changed" as const, signedOut };
  });
}
