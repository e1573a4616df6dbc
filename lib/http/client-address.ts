/**
 * The client's address for rate limits. Next's server appends the socket's
 * address to X-Forwarded-For, so its last hop is the direct peer and cannot
 * be forged by the client. Behind a reverse proxy (TRUST_PROXY=1) the first
 * hop is the real client, as the proxy sets it.
 */
export function clientAddress(headers: Headers): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const hop = process.env.TRUST_PROXY === "1" ? hops[0] : hops.at(-1);
  return (hop ?? "unknown").slice(0, 64);
}
