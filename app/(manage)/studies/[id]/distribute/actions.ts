"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getConnection } from "@/db/client";
import { findPublicLink, insertInvites, insertLink, revokeLink, revokeUnusedInvites } from "@/db/queries/links";
import { findStudy, latestVersion, updateStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { newToken } from "@/lib/auth/tokens";
import { echoValues, fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { inviteFormSchema, scheduleFormSchema } from "@/lib/survey/distribution";
import { idSchema } from "@/lib/validation/ids";

// The manager's distribution actions. Each checks the role first and finds
// the study in the member's own workspace; another workspace's id changes
// nothing.

const pathOf = (studyId: string) => `/studies/${studyId}/distribute`;

export async function saveSchedule(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = scheduleFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const { studyId, opensAt, closesAt, responseLimit } = parsed.data;
  if (!findStudy(user.workspaceId, studyId)) return { message: "studyNotFound" };
  updateStudy(user.workspaceId, studyId, { opensAt, closesAt, responseLimit });
  revalidatePath(pathOf(studyId));
  return { ok: true, message: "scheduleSaved" };
}

/** A batch of single-use invites, all in one transaction (1–5,000). */
export async function createInvites(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = inviteFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const { studyId, count, segment } = parsed.data;
  const study = findStudy(user.workspaceId, studyId);
  if (!study) return { message: "studyNotFound" };
  if (!latestVersion(studyId)) return { message: "publishFirst", values: echoValues(form) };
  if (segment !== "" && !study.segments.includes(segment)) return { fieldErrors: { segment: ["unknownSegment"] }, values: echoValues(form) };
  const batch = Date.now();
  const tokens = Array.from({ length: count }, () => newToken());
  getConnection().db.transaction((tx) => insertInvites(studyId, tokens, segment || null, batch, tx));
  revalidatePath(pathOf(studyId));
  return { ok: true, message: "invitesCreated", data: { count: String(count), batch: String(batch) } };
}

const batchSchema = z.object({ studyId: idSchema, batch: z.string().regex(/^\d{1,15}$/).transform(Number) });

export async function revokeInviteBatch(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = batchSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success || !findStudy(user.workspaceId, parsed.data.studyId)) return;
  revokeUnusedInvites(parsed.data.studyId, parsed.data.batch, Date.now());
  revalidatePath(pathOf(parsed.data.studyId));
}

/** A new public link (and QR code); the old one stops taking answers at once. */
export async function replacePublicLink(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const studyId = idSchema.safeParse(form.get("studyId"));
  if (!studyId.success || !findStudy(user.workspaceId, studyId.data) || !latestVersion(studyId.data)) return;
  getConnection().db.transaction((tx) => {
    const current = findPublicLink(studyId.data, tx);
    if (current) revokeLink(studyId.data, current.id, Date.now(), tx);
    insertLink({ studyId: studyId.data, kind: "public", token: newToken() }, tx);
  });
  revalidatePath(pathOf(studyId.data));
}
