// The two bare answers of route handlers that are not the API (which answers
// with problem+json) or a page.

/** A short plain-text answer; never cached, since refusals differ per request. */
export function plainText(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });
}

/** 303 See Other: after a post the browser GETs `location` (a 307 would post the body again). */
export function seeOther(location: string, headers: Headers = new Headers()): Response {
  headers.set("location", location);
  headers.set("cache-control", "no-store");
  return new Response(null, { status: 303, headers });
}
