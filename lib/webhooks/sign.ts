import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// How a delivery proves it came from this installation (API.md, "Alerts,
// follow-up cases and webhooks"): the header
//   Gapwise-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
// keyed with the webhook's secret. The time is signed too, so a receiver can
// refuse an old delivery replayed later.

export const signatureHeader = "Gapwise-Signature";

/** A new webhook's secret: 32 random bytes, shown to its creator once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The hex HMAC-SHA256 of "<t>.<body>" with `secret`. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The header's value for `body` sent at `timestamp` (unix seconds). */
export function signatureValue(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
}

/**
 * What a receiver does (docs/api.md shows the same in ten lines): true when
 * `header` carries a v1 signature of `body` with `secret`, made at most
 * `toleranceSeconds` before (or after) `now`.
 */
export function verifySignature(secret: string, header: string, body: string, now = Date.now(), toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) return false;
  return timingSafeEqual(Buffer.from(signPayload(secret, t, body), "hex"), Buffer.from(v1, "hex"));
}
