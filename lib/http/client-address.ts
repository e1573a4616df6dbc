import { env } from "@/lib/env";

/**
 * The client's address for per-address rate limits, from X-Forwarded-For.
 *
 * Next's own server sets X-Forwarded-For to the socket's address only when
 * the request has none: a header sent by the client is kept as it is. So
 * when the app is exposed directly, every hop — the last one included — is
 * whatever the client chose to send, and a client can pose as any number of
 * addresses. Per-address limits only hold behind a reverse proxy that
 * overwrites or appends X-Forwarded-For with the real peer:
 * - TRUST_PROXY=1: the first hop, for a proxy that replaces the header;
 * - otherwise the last hop, for a proxy that appends to it (and, exposed
 *   directly, the socket's address when the client sent no header).
 * The limits that matter most do not rest on this: sign-in is also limited
 * per account, the API per key, and each survey link as a whole.
 */
export function clientAddress(headers: Headers): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const hop = env.TRUST_PROXY ? hops[0] : hops.at(-1);
  return (hop ?? "unknown").slice(0, 64);
}
