import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { env } from "@/lib/env";
import { limitedSignIn } from "./sign-in-limit";

// Issue 12 item 8: every sign-in counted toward the account's limit, so
// signing in often (or anyone who could) kept the account locked.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("sign-in-limit");
}, 60_000);
afterAll(() => done());

const now = Date.UTC(2026, 11, 1, 10, 0, 0);
const attempt = (email: string, address: string, right: boolean) =>
  limitedSignIn({ email, address, now }, async () => (right ? { userId: "u" } : null));

describe("the sign-in limit", () => {
  it("does not count successful sign-ins", async () => {
    for (let i = 0; i < env.SIGN_IN_RATE_LIMIT * 4; i++) expect((await attempt("often@example.test", "192.0.2.1", true)).kind).toBe("signedIn");
  });

  it("counts failures per account: after the limit even the right password waits", async () => {
    for (let i = 0; i < env.SIGN_IN_RATE_LIMIT; i++) expect((await attempt("Guessed@example.test", `192.0.2.${10 + i}`, false)).kind).toBe("failed");
    expect((await attempt("guessed@example.test", "192.0.2.99", false)).kind).toBe("limited");
    expect((await attempt("guessed@example.test", "192.0.2.99", true)).kind).toBe("limited");
  });

  it("counts guesses sent at once before any is checked", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: env.SIGN_IN_RATE_LIMIT + 5 }, (_, i) => attempt("burst@example.test", `198.51.100.${i}`, false)),
    );
    expect(outcomes.filter((o) => o.kind === "failed")).toHaveLength(env.SIGN_IN_RATE_LIMIT);
  });
});
