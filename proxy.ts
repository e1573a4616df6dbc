import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";
import { crossSite } from "@/lib/http/cross-site";
import { formHoldsNul, holdsNul, nulRefusal } from "@/lib/http/nul";
import { readLimited } from "@/lib/http/read-limited";
import { isLocale, matchAcceptLanguage, pageLangHeader } from "@/lib/i18n/locales";

// Gives every page its Content-Security-Policy with a fresh script nonce
// (lib/http/csp.ts; Next reads the nonce from the request's policy and puts
// it on the scripts it renders). The survey (/s/…) sets its own, hash-based
// policy and the API serves no HTML: both stay outside (see the matcher).
//
// Refuses four kinds of malformed request that Next itself answers with a 500
// (found by e2e/bad-input.spec.ts), before any route sees them:
// - a path with a broken percent-escape (e.g. /s/%E0%A4%A): Next fails to
//   decode the dynamic segment and then fails to render its own 400 page;
// - a multipart POST to a page whose body is not valid multipart (e.g. no
//   boundary): Next's server-action handler parses it before it knows an
//   action is meant, and rethrows the parse error; or whose body is over the
//   action limit, declared or not (chunked, no Content-Length): Next's
//   handler throws on the size, so this answers 413 first;
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
  /^\/(|sign-in|setup|forbidden|settings|account|forgot-password|reset-password\/[^/]+|contacts|contacts\/[^/]+|studies|studies\/new|studies\/[^/]+(\/(design|distribute|edit|preview|import|results|gaps|follow-up|report))?|studies\/[^/]+\/distribute\/(email|[^/]+\/[^/]+)|i\/[^/]+)$/;
// Next's own limit for server-action bodies (next.config.js serverActions.bodySizeLimit).
const actionBodyLimit = 256 * 1024;

// Paths the proxy only sees for the percent-escape check: they set (or need)
// no page policy, and the survey's own policy must not be overridden.
const ownPolicy = /^\/(s|u|api)\//;

export async function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return plain(400, "Bad request: the address is not correctly encoded.");
  }
  const refused = await refusedPost(request);
  if (refused) return refused;
  if (ownPolicy.test(request.nextUrl.pathname)) return NextResponse.next();
  const policy = contentSecurityPolicy({ nonce: newNonce() });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // The staff survey speaks its respondent's language (?lang=, else the
  // browser's), not the visitor's UI language: the root layout's <html lang> follows it.
  headers.delete(pageLangHeader);
  if (/^\/i\/[^/]+$/.test(request.nextUrl.pathname)) {
    const asked = request.nextUrl.searchParams.get("lang");
    const lang = isLocale(asked) ? asked : matchAcceptLanguage(request.headers.get("accept-language"));
    if (lang) headers.set(pageLangHeader, lang);
  }
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

async function refusedPost(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST" || !pages.test(request.nextUrl.pathname)) return null;
  if (crossSite(request.headers)) return plain(403, "Forbidden: a form of another site cannot post here.");
  const type = request.headers.get("content-type") ?? "";
  const multipart = /^multipart\/form-data/i.test(type);
  if (!multipart && !request.headers.has("next-action")) return null;
  const body = await readLimited(request.clone(), actionBodyLimit);
  if (body === null) return plain(413, "Payload too large.");
  let nul: boolean;
  try {
    if (multipart) nul = formHoldsNul((await new Response(body, { headers: { "content-type": type } }).formData()).entries());
    else nul = holdsNul(JSON.parse(new TextDecoder().decode(body)));
  } catch {
    return plain(400, multipart ? "Bad request: the form data cannot be read." : "Bad request: the action's arguments cannot be read.");
  }
  return nul ? plain(400, nulRefusal) : null;
}

export const config = {
  // Every page (for its policy) but not the survey and the API (the hot
  // paths, no page policy) nor static files; and any path with a
  // percent-escape. The import upload (app/(manage)/studies/[id]/import/upload)
  // reads its own multipart body of up to 50 MB with its own limit: outside
  // the proxy, or the 256 kB action limit above and Next's 10 MB proxy buffer
  // would cut it.
  matcher: ["/((?!_next/static|_next/image).*%.*)", "/((?!_next/static|_next/image|favicon\\.ico|api/|s/|u/|studies/[^/]+/import/upload$).*)"],
};
