"use server";

import { revalidatePath } from "next/cache";
import { transaction } from "@/db/client";
import { revokeApiKey } from "@/db/queries/api-keys";
import { createApiKey } from "@/lib/accounts/accounts";
import { addMember as addWorkspaceMember, changeMemberRole, removeMember as removeWorkspaceMember } from "@/lib/accounts/members";
import { requirePermission } from "@/lib/auth/current-user";
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

export async function revokeKey(form: FormData): Promise<void> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const id = idSchema.safeParse(form.get("id"));
  if (!id.success) return;
  await transaction((tx) => revokeApiKey(tx, owner.workspaceId, id.data, Date.now()));
  revalidatePath("/settings");
}
