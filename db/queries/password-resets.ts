import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { passwordResets, users } from "../schema";

// Password reset links ("Forgot password?" and an owner's reset of a
// member): only the token's SHA-256 is stored, each works once, until it expires.

export async function insertPasswordReset(tx: Tx, input: { tokenHash: string; userId: string; expiresAt: number }): Promise<void> {
  await tx.insert(passwordResets).values(input);
}

/** The reset with its user's email, used or not, expired or not; undefined when unknown. */
export async function findPasswordReset(db: Reader, tokenHash: string) {
  const [row] = await db
    .select({ userId: passwordResets.userId, email: users.email, expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/**
 * Marks the reset used and returns its user, or undefined when it is
 * unknown, used or expired. One conditional UPDATE: of two submits of one
 * link at once, exactly one changes the row (PostgreSQL's row lock makes the
 * second re-check `used_at IS NULL` after the first commits and find it set;
 * SQLite runs the two transactions one after the other).
 */
export async function consumePasswordReset(tx: Tx, tokenHash: string, now: number): Promise<string | undefined> {
  const [row] = await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .returning({ userId: passwordResets.userId });
  return row?.userId;
}

/** Retires every unused reset of the user (their password just changed): the other links stop working. */
export async function retireUserPasswordResets(tx: Tx, userId: string, now: number): Promise<number> {
  const rows = await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
    .returning({ tokenHash: passwordResets.tokenHash });
  return rows.length;
}

/** Housekeeping: resets past their expiry, used or not; returns how many went. */
export async function deleteExpiredPasswordResets(tx: Tx, now: number): Promise<number> {
  const rows = await tx.delete(passwordResets).where(lt(passwordResets.expiresAt, now)).returning({ tokenHash: passwordResets.tokenHash });
  return rows.length;
}
