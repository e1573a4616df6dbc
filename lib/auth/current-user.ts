import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb, transaction } from "@/db/client";
import type { Role } from "@/db/schema";
import { deleteSession, findLiveSession, insertSession } from "@/db/queries/sessions";
import { can, type Permission } from "./roles";
import { hashToken, newToken, sessionExpiry, sessionLifetimeMs } from "./tokens";
import { env } from "@/lib/env";

export const sessionCookie = "session";

export type CurrentUser = {
  userId: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  /** The workspace's IANA time zone: dates are entered and shown in it. */
  timeZone: string;
};

/** The signed-in member for this request, or null. Looked up once per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = (await cookies()).get(sessionCookie)?.value;
  if (!token) return null;
  const session = await findLiveSession(getDb(), hashToken(token), Date.now());
  if (!session) return null;
  return {
    userId: session.userId,
    workspaceId: session.workspaceId,
    email: session.email,
    name: session.name,
    role: session.role,
    timeZone: session.timeZone,
  };
});

/** The hash of this request's session token (the session row's key), or null when there is no session cookie. */
export async function currentSessionTokenHash(): Promise<string | null> {
  const token = (await cookies()).get(sessionCookie)?.value;
  return token ? hashToken(token) : null;
}

/** Whether cookies set now should be Secure: the request came over https (as the proxy says), or COOKIE_SECURE. */
export async function isHttps(): Promise<boolean> {
  const h = await headers();
  return h.get("x-forwarded-proto") === "https" || env.COOKIE_SECURE;
}

export async function startSession(userId: string, workspaceId: string): Promise<void> {
  const token = newToken(32);
  const now = Date.now();
  await transaction((tx) => insertSession(tx, { tokenHash: hashToken(token), userId, workspaceId, expiresAt: sessionExpiry(now) }));
  (await cookies()).set(sessionCookie, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await isHttps(),
    path: "/",
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export async function endSession(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(sessionCookie)?.value;
  if (token) await transaction((tx) => deleteSession(tx, hashToken(token)));
  jar.delete(sessionCookie);
}

/**
 * The signed-in member with `permission`, else a redirect: to sign-in when
 * signed out, to the forbidden page when the role does not allow it. Every
 * page and every server action calls this first, whatever buttons it showed;
 * in an action the redirect is a 303 and nothing is changed.
 */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (!can(user.role, permission)) redirect("/forbidden");
  return user;
}
