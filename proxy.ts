import { NextResponse, type NextRequest } from "next/server";

// Refuses four kinds of malformed request that Next itself answers with a 500
// (found by e2e/bad-input.spec.ts), before any route sees them:
// - a path with a broken percent-escape (e.g. /s/%E0%A4%A): Next fails to
//   decode the dynamic segment and then fails to render its own 400 page;
// - a multipart POST to a page whose body is not valid multipart (e.g. no
//   boundary): Next's server-action handler parses it before it knows an
//   action is meant, and rethrows the parse error;
// - a fetch-style server-action call (a `Next-Action` header) whose body is
//   neither multipart nor JSON: Next hands it to JSON.parse and answers the
//   SyntaxError with a 500;
// - a form post to a page from another site (its Origin is not this host):
//   Next's CSRF check aborts the server action, rightly, but with a 500.
// Everything else passes through untouched; access is still checked by each
// page, action and route (this is no guard, only input hygiene).

const plain = (status: number, text: string) =>
  new NextResponse(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

// The pages (server actions are posted to the page that shows the form). Only
// these bodies are looked at: route handlers (the API, the survey, uploads)
// read their own bodies, with their own limits and answers. A page missing
// here only misses this check (e2e/bad-input.spec.ts posts garbage to every
// page that carries an action, and would show the 500).
const pages =
  /^\/(|sign-in|setup|forbidden|settings|studies|studies\/new|studies\/[^/]+(\/(design|distribute|edit|preview|import|results|gaps|follow-up|report))?)$/;
// Next's own limit for server-action bodies (next.config.js serverActions.bodySizeLimit).
const actionBodyLimit = 256 * 1024;

/** The same test as Next's own for server actions: an Origin whose host is not the request's host. */
function crossSite(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (a sandboxed or privacy-sensitive context) or garbage
  }
}

export async function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return plain(400, "Bad request: the address is not correctly encoded.");
  }
  const type = request.headers.get("content-type") ?? "";
  if (request.method !== "POST" || !pages.test(request.nextUrl.pathname)) return NextResponse.next();
  if (crossSite(request)) return plain(403, "Forbidden: a form of another site cannot post here.");
  const multipart = /^multipart\/form-data/i.test(type);
  const fetchAction = request.headers.has("next-action");
  if (!multipart && !fetchAction) return NextResponse.next();
  if (Number(request.headers.get("content-length") ?? 0) > actionBodyLimit) return plain(413, "Payload too large.");
  try {
    if (multipart) await request.clone().formData();
    else JSON.parse(await request.clone().text());
  } catch {
    return plain(400, multipart ? "Bad request: the form data cannot be read." : "Bad request: the action's arguments cannot be read.");
  }
  return NextResponse.next();
}

export const config = {
  // Only where it can matter, so the survey and the API (the hot paths) skip
  // it: a path with a percent-escape anywhere, and the pages (their POSTs).
  // The import upload (app/(manage)/studies/[id]/import/upload) reads its own
  // multipart body of up to 50 MB with its own limit: outside the proxy, or
  // the 256 kB action limit above and Next's 10 MB proxy buffer would cut it.
  matcher: [
    "/((?!_next/static|_next/image).*%.*)",
    "/",
    "/(sign-in|setup|forbidden|settings)",
    "/studies",
    "/studies/((?![^/]+/import/upload$).*)",
  ],
};
