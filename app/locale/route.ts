import { cookies } from "next/headers";
import { isLocale, localeCookie } from "@/lib/i18n/locales";

/** Sets the language cookie and goes back to the page the form was on (same origin only). */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const locale = form?.get("locale");
  if (!isLocale(locale)) {
    return new Response("Unknown language.", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  (await cookies()).set(localeCookie, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
  const back = form?.get("back");
  let target = "/";
  const referer = request.headers.get("referer");
  const candidate = typeof back === "string" && back.startsWith("/") ? back : referer;
  if (candidate) {
    try {
      const url = new URL(candidate, request.url);
      if (url.origin === new URL(request.url).origin || candidate.startsWith("/")) target = url.pathname + url.search;
    } catch {
      target = "/";
    }
  }
  if (!target.startsWith("/") || target.startsWith("//")) target = "/";
  return new Response(null, { status: 303, headers: { location: target } });
}
