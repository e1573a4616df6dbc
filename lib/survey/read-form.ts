// Reads a form post with a size limit and a content-type check, before any
// parsing: an oversized or non-form body is refused without being buffered.

import { readLimited } from "@/lib/http/read-limited";
import { env } from "@/lib/env";
import { formHoldsNul } from "@/lib/http/nul";

export const surveyMaxBodyBytes = () => env.SURVEY_MAX_BODY_BYTES;

export type FormRead = { ok: true; entries: [string, FormDataEntryValue][] } | { ok: false; status: 400 | 413 | 415 };

export async function readForm(request: Request, limit = surveyMaxBodyBytes()): Promise<FormRead> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return { ok: false, status: 415 };
  if (!request.body) return { ok: false, status: 400 };
  const body = await readLimited(request, limit);
  if (!body) return { ok: false, status: 413 };
  try {
    const form = await new Response(body as BodyInit, { headers: { "content-type": type } }).formData();
    const entries = [...form.entries()];
    if (formHoldsNul(entries)) return { ok: false, status: 400 };
    return { ok: true, entries };
  } catch {
    return { ok: false, status: 400 };
  }
}

/** `name=value; Path=…` for Set-Cookie: httpOnly, SameSite=Lax, Secure behind HTTPS. */
export function cookieHeader(name: string, value: string, options: { path: string; maxAge: number; secure: boolean }): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

export function readCookies(header: string | null): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      jar[name] ??= decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A cookie we did not write; ignore it.
    }
  }
  return jar;
}

export function isHttps(request: Request): boolean {
  return request.headers.get("x-forwarded-proto") === "https" || new URL(request.url).protocol === "https:" || env.COOKIE_SECURE;
}
