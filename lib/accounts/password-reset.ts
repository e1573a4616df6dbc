import { randomUUID } from "node:crypto";
import { getDb, transaction, type Tx } from "@/db/client";
import { findUserByEmail, findUserById, membership, membershipsOf, normalizeEmail, setPasswordHash } from "@/db/queries/accounts";
import { insertEmails } from "@/db/queries/emails";
import { consumePasswordReset, findPasswordReset, insertPasswordReset, retireUserPasswordResets } from "@/db/queries/password-resets";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { deleteUserSessions } from "@/db/queries/sessions";
import { hashPassword } from "@/lib/auth/password";
import { hashToken, isExpired, newToken } from "@/lib/auth/tokens";
import type { Locale } from "@/lib/i18n/locales";
import { composeMail } from "@/lib/mail/compose";
import { mailTranslator } from "@/lib/mail/mail-text";
import { wakeMailers } from "@/lib/mail/mailer";
import { mailReadiness } from "@/lib/mail/settings";

// Password reset links. A link carries a random token; only its SHA-256 is
// stored (db/queries/password-resets.ts), so the database alone cannot be
// replayed. A link works once: using it sets the password, signs the user
// out everywhere and retires every other unused link of theirs. Asking again
// does not retire the earlier links (whichever mail arrives first works;
// the per-address limit caps how many there are), using any one does.

/** "Forgot password?": the link works once within half an hour. */
export const selfResetLifetimeMs = 30 * 60_000;
/** An owner's reset of a member: a day, as owners hand links over by other means. */
export const ownerResetLifetimeMs = 24 * 60 * 60_000;

/** Requests per address (a browser, an office) and per asked-for email in a quarter of an hour. */
export const resetRequestWindowMs = 15 * 60_000;
export const resetRequestsPerEmail = 5;
export const resetRequestsPerAddress = 20;

/**
 * The answer to "Forgot password?" takes at least this long whether or not
 * the email has an account: the work for a known one (a token and a queued
 * mail) is a few milliseconds, well under it, so timing tells nothing.
 */
export const resetAnswerFloorMs = 400;

export function resetUrl(origin: string, token: string): string {
  return `${origin}/reset-password/${token}`;
}

/** The reset mail in `locale`, for a user who asked (`byOwner` false) or whose owner did. */
export function resetMail(input: { locale: Locale; email: string; url: string; byOwner: boolean }) {
  const t = mailTranslator(input.locale);
  return composeMail({
    subject: t("passwordReset.subject"),
    language: input.locale,
    heading: t("passwordReset.heading"),
    paragraphs: [
      input.byOwner
        ? t("passwordReset.introByOwner", { email: input.email, hours: ownerResetLifetimeMs / 3_600_000 })
        : t("passwordReset.intro", { email: input.email }),
      t("passwordReset.ignore"),
    ],
    button: { label: t("passwordReset.button"), url: input.url },
    footer: [t("passwordReset.why")],
  });
}

/** Stores a new reset for `userId` and returns its token (the only copy). */
async function createReset(tx: Tx, userId: string, lifetimeMs: number, now: number): Promise<string> {
  const token = newToken();
  await insertPasswordReset(tx, { tokenHash: hashToken(token), userId, expiresAt: now + lifetimeMs });
  return token;
}

async function queueResetMail(
  tx: Tx,
  input: { workspaceId: string | null; to: string; origin: string; token: string; locale: Locale; byOwner: boolean; now: number },
) {
  const mail = resetMail({ locale: input.locale, email: input.to, url: resetUrl(input.origin, input.token), byOwner: input.byOwner });
  await insertEmails(tx, [
    {
      id: randomUUID(),
      workspaceId: input.workspaceId,
      kind: "password-reset",
      toAddress: input.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      sendAfter: input.now,
    },
  ]);
}

export type ResetRequestOutcome =
  /** The one answer for a known and an unknown email alike: "if an account exists, we sent a link". */
  | { kind: "answered" }
  /** Too many requests for this email or from this address; counted alike for known and unknown emails. */
  | { kind: "limited" }
  /** This installation cannot send mail: no reset by email here. */
  | { kind: "mailOff" };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * "Forgot password?" for `email`: when it has an account, a single-use link
 * (30 minutes) is queued to it in `locale`. The outcome and, down to
 * `resetAnswerFloorMs`, the time taken are the same whether or not it has one.
 */
export async function requestPasswordReset(input: { email: string; address: string; locale: Locale; now?: number }): Promise<ResetRequestOutcome> {
  const readiness = mailReadiness();
  if (!readiness.ready) return { kind: "mailOff" };
  const started = Date.now();
  const now = input.now ?? started;
  const email = normalizeEmail(input.email);
  const outcome = await transaction(async (tx): Promise<ResetRequestOutcome> => {
    const byAddress = await hitRateLimit(tx, `reset:ip:${input.address}`, resetRequestsPerAddress, resetRequestWindowMs, now);
    const byEmail = await hitRateLimit(tx, `reset:email:${email}`, resetRequestsPerEmail, resetRequestWindowMs, now);
    if (!byAddress.allowed || !byEmail.allowed) return { kind: "limited" };
    const user = await findUserByEmail(tx, email);
    if (user) {
      const token = await createReset(tx, user.id, selfResetLifetimeMs, now);
      await queueResetMail(tx, { workspaceId: null, to: user.email, origin: readiness.origin, token, locale: input.locale, byOwner: false, now });
    }
    return { kind: "answered" };
  });
  if (outcome.kind === "answered") wakeMailers();
  await sleep(Math.max(0, started + resetAnswerFloorMs - Date.now()));
  return outcome;
}

export type ResetLinkState = "usable" | "used" | "expired" | "unknown";

/** What a reset link is now, for the page it opens (the form, or why it no longer works). */
export async function resetLinkState(token: string, now = Date.now()): Promise<{ state: ResetLinkState; email?: string }> {
  const reset = await findPasswordReset(getDb(), hashToken(token));
  if (!reset) return { state: "unknown" };
  if (reset.usedAt !== null) return { state: "used" };
  if (isExpired(reset.expiresAt, now)) return { state: "expired" };
  return { state: "usable", email: reset.email };
}

/**
 * Sets a new password through a reset link: the link is used up (only one
 * of two submits at once gets it), every session of the user ends, and their
 * other unused links stop working. Nothing changes when the link is unknown,
 * used or expired.
 */
export async function resetPassword(token: string, password: string, now = Date.now()): Promise<{ ok: true; userId: string } | { ok: false }> {
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    const userId = await consumePasswordReset(tx, hashToken(token), now);
    if (!userId) return { ok: false as const };
    await setPasswordHash(tx, userId, passwordHash);
    await deleteUserSessions(tx, userId);
    await retireUserPasswordResets(tx, userId, now);
    return { ok: true as const, userId };
  });
}

export type MemberResetOutcome =
  /** The link went to the member's address (when mail is set up). */
  | { kind: "mailed"; email: string }
  /** No mail here: the link, for the owner to hand over; shown once. */
  | { kind: "link"; email: string; url: string }
  /** Refused: the user is not a member of this workspace (or is the owner asking). */
  | { kind: "notMember" }
  /**
   * Refused: without mail the owner would hold the link, and the account is
   * also a member of a workspace this owner does not own: the link would
   * let them into it. The member resets it themself (or mail is set up).
   */
  | { kind: "otherWorkspace" };

/**
 * An owner's reset of a member's password: a single-use link valid for a
 * day. Mailed to the member when mail is set up (in the owner's language:
 * the app keeps no language per user), otherwise returned for the owner to
 * hand over. The member's sessions stay until the link is used.
 */
export async function resetMemberPassword(input: {
  workspaceId: string;
  ownerId: string;
  userId: string;
  locale: Locale;
  /** The origin of the link when mail is not set up (PUBLIC_URL or the request's). */
  origin: string;
  now?: number;
}): Promise<MemberResetOutcome> {
  if (input.userId === input.ownerId) return { kind: "notMember" };
  const now = input.now ?? Date.now();
  const readiness = mailReadiness();
  const outcome = await transaction(async (tx): Promise<MemberResetOutcome> => {
    const user = await findUserById(tx, input.userId);
    if (!user || !(await membership(tx, input.workspaceId, input.userId))) return { kind: "notMember" };
    if (!readiness.ready && !(await ownsEveryWorkspaceOf(tx, input.ownerId, input.userId))) return { kind: "otherWorkspace" };
    const token = await createReset(tx, user.id, ownerResetLifetimeMs, now);
    if (!readiness.ready) return { kind: "link", email: user.email, url: resetUrl(input.origin, token) };
    await queueResetMail(tx, {
      workspaceId: input.workspaceId,
      to: user.email,
      origin: readiness.origin,
      token,
      locale: input.locale,
      byOwner: true,
      now,
    });
    return { kind: "mailed", email: user.email };
  });
  if (outcome.kind === "mailed") wakeMailers();
  return outcome;
}

/** Whether `ownerId` owns every workspace `userId` is a member of. */
async function ownsEveryWorkspaceOf(tx: Tx, ownerId: string, userId: string): Promise<boolean> {
  for (const { workspaceId } of await membershipsOf(tx, userId)) {
    if ((await membership(tx, workspaceId, ownerId))?.role !== "owner") return false;
  }
  return true;
}
