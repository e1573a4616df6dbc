import { cookies } from "next/headers";
import { crossSite } from "@/lib/http/cross-site";
import { plainText, seeOther } from "@/lib/http/plain-response";
import { localPath } from "@/lib/http/local-path";
import { requestOrigin } from "@/lib/http/public-origin";
import { isLocale, localeCookie } from "@/lib/i18n/locales";

/** Sets the language cookie and goes back to the page the form was on (same origin only). */
export async function POST(request: Request) {
  // Like every other post: another site's form may not set this site's cookie.
  if (crossSite(request.headers)) {
    return plainText(403, "Forbidden: a form of another site cannot post here.");
  }
  const form = await request.formData().catch(() => null);
  const locale = form?.get("locale");
  if (!isLocale(locale)) {
    return plainText(400, "Unknown language.");
  }
  (await cookies()).set(localeCookie, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
  const target = localPath(form?.get("back")) ?? localPath(sameSiteReferer(request)) ?? "/";
  return seeOther(target);
}

/** The Referer's path and query when it is a page of this site. */
function sameSiteReferer(request: Request): string | null {
  const referer = request.headers.get("referer");
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.host === new URL(requestOrigin(request.headers)).host ? url.pathname + url.search : null;
  } catch {
    return null;
  }
}
