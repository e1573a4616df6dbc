"use server";

import { revalidatePath } from "next/cache";
import { getConnection } from "@/db/client";
import {
  addMembership,
  countOwners,
  createUser,
  findUserByEmail,
  membership,
  removeMembership,
  setMemberRole,
} from "@/db/queries/accounts";
import { revokeApiKey } from "@/db/queries/api-keys";
import { deleteUserSessions } from "@/db/queries/sessions";
import { createApiKey } from "@/lib/accounts/accounts";
import { requirePermission } from "@/lib/auth/current-user";
import { hashPassword } from "@/lib/auth/password";
import { echoValues, fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { apiKeySchema, memberSchema, roleChangeSchema } from "@/lib/validation/auth";
import { idSchema } from "@/lib/validation/ids";

export async function addMember(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = memberSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  if (findUserByEmail(parsed.data.email)) return { message: "emailTaken", values: echoValues(form) };
  const passwordHash = await hashPassword(parsed.data.password);
  const { db } = getConnection();
  db.transaction((tx) => {
    const user = createUser({ email: parsed.data.email, passwordHash }, tx);
    addMembership(owner.workspaceId, user.id, parsed.data.role, tx);
  });
  revalidatePath("/settings");
  return { ok: true, message: "memberAdded" };
}

export async function changeRole(form: FormData): Promise<void> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = roleChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const { db } = getConnection();
  db.transaction((tx) => {
    const current = membership(owner.workspaceId, parsed.data.userId, tx);
    if (!current) return;
    // A workspace always keeps at least one owner.
    if (current.role === "owner" && parsed.data.role !== "owner" && countOwners(owner.workspaceId, tx) <= 1) return;
    setMemberRole(owner.workspaceId, parsed.data.userId, parsed.data.role, tx);
  });
  revalidatePath("/settings");
}

export async function removeMember(form: FormData): Promise<void> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const userId = idSchema.safeParse(form.get("userId"));
  if (!userId.success || userId.data === owner.userId) return;
  const { db } = getConnection();
  db.transaction((tx) => {
    const current = membership(owner.workspaceId, userId.data, tx);
    if (!current) return;
    if (current.role === "owner" && countOwners(owner.workspaceId, tx) <= 1) return;
    removeMembership(owner.workspaceId, userId.data, tx);
    deleteUserSessions(userId.data, tx);
  });
  revalidatePath("/settings");
}

export async function createKey(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const parsed = apiKeySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const { key } = createApiKey(owner.workspaceId, parsed.data.role, parsed.data.name, owner.userId);
  revalidatePath("/settings");
  // Shown once, right after creation; only its hash is stored.
  return { ok: true, message: "keyCreated", data: { key } };
}

export async function revokeKey(form: FormData): Promise<void> {
  form = formOf(form);
  const owner = await requirePermission("admin");
  const id = idSchema.safeParse(form.get("id"));
  if (!id.success) return;
  revokeApiKey(owner.workspaceId, id.data, Date.now());
  revalidatePath("/settings");
}
