/**
 * Whether a POST comes from a form or script of another site: the same test
 * as Next's own for server actions, an Origin whose host is not the host the
 * request was made to. No Origin passes (same-origin GET-less clients, curl;
 * the session cookie is SameSite=Lax, so a cross-site browser post carries
 * no session anyway); "null" (a sandboxed or privacy-sensitive context) and
 * garbage do not.
 */
export function crossSite(headers: { get(name: string): string | null }): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
