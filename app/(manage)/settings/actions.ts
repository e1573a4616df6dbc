"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { transaction } from "@/db/client";
import { revokeApiKey } from "@/db/queries/api-keys";
import { setWorkspaceTimeZone } from "@/db/queries/accounts";
import { timeZoneSchema } from "@/lib/time-zone";
import { createApiKey } from "@/lib/accounts/accounts";
import { addMember as addWorkspaceMember, changeMemberRole, removeMember as removeWorkspaceMember } from "@/lib/accounts/members";
import { resetMemberPassword } from "@/lib/accounts/password-reset";
import { requirePermission } from "@/lib/auth/current-user";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { publicOrigin } from "@/lib/http/public-origin";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/locales";
import { sendTestMail } from "@/lib/mail/test-mail";
import { memberResetSchema } from "@/lib/validation/account";
import { echoValues, fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { apiKeySchema, memberSchema, roleChangeSchema } from "@/lib/validation/auth";
import { idSchema } from "@/lib/validation/ids";

// The workspace's rules live in lib/accounts/members.ts; these actions check
// the caller and the form, and map the outcome to the form's state.

export async function addMember(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = memberSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const outcome = await addWorkspaceMember(owner.workspaceId, parsed.data);
  if (!outcome.ok) return { message: outcome.code, values: echoValues(form) };
  revalidatePath("/settings");
  return { ok: true, message: "memberAdded" };
}

/** A refusal comes back as `message` (a key of settings.members.refused). */
export async function changeRole(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = roleChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const outcome = await changeMemberRole(owner.workspaceId, parsed.data.userId, parsed.data.role);
  if (!outcome.ok) return { message: outcome.code };
  revalidatePath("/settings");
  return { ok: true };
}

/**
 * Refusals (oneself, the last owner) cannot come from the page: it shows no
 * button for oneself, and the acting owner is never the last one. A forged
 * post is refused by lib/accounts/members.ts and changes nothing.
 */
export async function removeMember(form: FormData): Promise<void> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const userId = idSchema.safeParse(form.get("userId"));
  if (!userId.success) return;
  const outcome = await removeWorkspaceMember(owner.workspaceId, owner.userId, userId.data);
  if (outcome.ok) revalidatePath("/settings");
}

export async function createKey(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = apiKeySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const { key } = await createApiKey(owner.workspaceId, parsed.data.role, parsed.data.name, owner.userId);
  revalidatePath("/settings");
  // Shown once, right after creation; only its hash is stored.
  return { ok: true, message: "keyCreated", data: { key } };
}

/** The workspace's time zone (owners only): every date is entered and shown in it, the survey's opening time too. */
export async function saveTimeZone(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = timeZoneSchema.safeParse(form.get("timeZone") ?? "");
  if (!parsed.success) return { fieldErrors: { timeZone: ["invalidTimeZone"] }, values: echoValues(form) };
  await transaction((tx) => setWorkspaceTimeZone(tx, owner.workspaceId, parsed.data));
  revalidatePath("/", "layout");
  return { ok: true, message: "timeZoneSaved" };
}

export async function revokeKey(form: FormData): Promise<void> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const id = idSchema.safeParse(form.get("id"));
  if (!id.success) return;
  await transaction((tx) => revokeApiKey(tx, owner.workspaceId, id.data, Date.now()));
  revalidatePath("/settings");
}

async function requestLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : defaultLocale;
}

/**
 * An owner resets a member's password: `message` "resetMailed" (the link
 * went to the member) or "resetLink" with `data.url` (no mail here: shown to
 * the owner this once); a refusal is a key of settings.members.refused or
 * "refusedOtherWorkspace". `data.email` names the member.
 */
export async function resetMemberPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = memberResetSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { message: "notMember" };
  const outcome = await resetMemberPassword({
    workspaceId: owner.workspaceId,
    ownerId: owner.userId,
    userId: parsed.data.userId,
    locale: await requestLocale(),
    origin: publicOrigin(await headers()),
  });
  if (outcome.kind === "notMember") return { message: "notMember" };
  if (outcome.kind === "otherWorkspace") return { message: "refusedOtherWorkspace" };
  if (outcome.kind === "mailed") return { ok: true, message: "resetMailed", data: { email: outcome.email } };
  return { ok: true, message: "resetLink", data: { email: outcome.email, url: outcome.url } };
}

/** Test mails per owner in a quarter of an hour: enough to fix a setting and try again, too few to flood a mailbox. */
const testMailsPerWindow = 10;

/** Sends one mail to the owner now (not through the outbox): "testSent", or "testFailed" with the server's answer in `data.error`. */
export async function sendTestMailAction(_prev: FormState, form: FormData): Promise<FormState> {
  formOf(form);
  const owner = await requirePermission("admin");
  const now = Date.now();
  const slot = await transaction((tx) => hitRateLimit(tx, `test-mail:${owner.userId}`, testMailsPerWindow, 15 * 60_000, now));
  if (!slot.allowed) return { message: "testLimited" };
  const outcome = await sendTestMail({ to: owner.email, name: owner.name || owner.email, locale: await requestLocale() });
  if (outcome.kind === "mailOff") return { message: "mailOff" };
  if (outcome.kind === "failed") return { message: "testFailed", data: { error: outcome.error } };
  return { ok: true, message: "testSent", data: { email: owner.email } };
}
