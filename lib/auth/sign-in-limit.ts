import { transaction } from "@/db/client";
import { giveBackRateLimitHit, hitRateLimit } from "@/db/queries/rate-limits";
import { normalizeEmail } from "@/db/queries/accounts";
import { env } from "@/lib/env";

// How many failed sign-ins an account (and, three times as many, an address)
// may have in a quarter of an hour. Only failures count: a successful sign-in
// gives its hit back, so signing in (or a script that signs in often) never
// locks an account; a guesser still meets the limit. Each attempt is counted
// before the password is checked, so guesses sent at once cannot all pass
// under the limit before any of them is counted.

export const signInWindowMs = 15 * 60_000;
const addressLimit = () => env.SIGN_IN_RATE_LIMIT * 3;
const accountLimit = () => env.SIGN_IN_RATE_LIMIT;

export type SignInAttempt<T> = { kind: "limited" } | { kind: "failed" } | { kind: "signedIn"; account: T };

/** Runs `check` (the password check) unless the address or the account is over its limit of failures. */
export async function limitedSignIn<T>(
  input: { address: string; email: string; now: number },
  check: () => Promise<T | null>,
): Promise<SignInAttempt<T>> {
  const keys = [`sign-in:ip:${input.address}`, `sign-in:email:${normalizeEmail(input.email)}`];
  const [byAddress, byAccount] = await transaction(async (tx) => [
    await hitRateLimit(tx, keys[0], addressLimit(), signInWindowMs, input.now),
    await hitRateLimit(tx, keys[1], accountLimit(), signInWindowMs, input.now),
  ]);
  if (!byAddress.allowed || !byAccount.allowed) return { kind: "limited" };
  const account = await check();
  if (!account) return { kind: "failed" };
  await transaction(async (tx) => {
    for (const key of keys) await giveBackRateLimitHit(tx, key, signInWindowMs, input.now);
  });
  return { kind: "signedIn", account };
}
