import { createHash, randomBytes } from "node:crypto";

/** An unguessable token (192 bits), URL-safe. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens are stored only as their SHA-256: the database alone cannot be replayed. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const sessionLifetimeMs = 14 * 24 * 60 * 60 * 1000;

export function sessionExpiry(now: number): number {
  return now + sessionLifetimeMs;
}

export function isExpired(expiresAt: number, now: number): boolean {
  return now >= expiresAt;
}

/** API keys look like `gm_<random>`; the prefix tells a reader what it is. */
export function newApiKey(): string {
  return `gm_${newToken(30)}`;
}
