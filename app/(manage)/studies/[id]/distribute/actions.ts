"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { findPublicLink, insertInvites, insertLink, revokeLink, revokeUnusedInvites } from "@/db/queries/links";
import { findStudy, latestVersion, lockStudy, updateStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { newToken } from "@/lib/auth/tokens";
import {
  addBranchLink as addBranchLinkTo,
  branchLinkFormSchema,
  retireBranchLink as retireBranchLinkOf,
  retireBranchLinkSchema,
} from "@/lib/distribute/branch-links";
import { echoValues, fieldErrorsOf, type FormState, formOf } from "@/lib/forms/form-state";
import { inviteFormSchema, scheduleFormSchemaIn } from "@/lib/survey/distribution";
import { idSchema } from "@/lib/validation/ids";

// The manager's distribution actions. Each checks the role first and finds
// the study in the member's own workspace; another workspace's id changes
// nothing.

const pathOf = (studyId: string) => `/studies/${studyId}/distribute`;

export async function saveSchedule(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = scheduleFormSchemaIn(user.timeZone).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const { studyId, opensAt, closesAt, responseLimit } = parsed.data;
  const changed = await transaction((tx) => updateStudy(tx, user.workspaceId, studyId, { opensAt, closesAt, responseLimit }));
  if (changed === 0) return { message: "studyNotFound" };
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
  const study = await findStudy(getDb(), user.workspaceId, studyId);
  if (!study) return { message: "studyNotFound" };
  if (!(await latestVersion(getDb(), studyId))) return { message: "publishFirst", values: echoValues(form) };
  if (segment !== "" && !study.segments.includes(segment)) return { fieldErrors: { segment: ["unknownSegment"] }, values: echoValues(form) };
  const batch = Date.now();
  const tokens = Array.from({ length: count }, () => newToken());
  await transaction((tx) => insertInvites(tx, studyId, tokens, segment || null, batch));
  revalidatePath(pathOf(studyId));
  return { ok: true, message: "invitesCreated", data: { count: String(count), batch: String(batch) } };
}

const batchSchema = z.object({
  studyId: idSchema,
  batch: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});

export async function revokeInviteBatch(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = batchSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success || !(await findStudy(getDb(), user.workspaceId, parsed.data.studyId))) return;
  const { studyId, batch } = parsed.data;
  await transaction((tx) => revokeUnusedInvites(tx, studyId, batch, Date.now()));
  revalidatePath(pathOf(parsed.data.studyId));
}

const studyIdForm = z.object({ studyId: idSchema });

/**
 * "Close now": the survey stops taking answers at once (its closing time
 * becomes now; the schedule shows it and "Reopen" clears it). The page's form
 * asks to confirm first. A survey that has not opened yet has nothing to close.
 */
export async function closeSurveyNow(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = studyIdForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const { studyId } = parsed.data;
  const now = Date.now();
  const changed = await transaction(async (tx) => {
    await lockStudy(tx, studyId);
    const study = await findStudy(tx, user.workspaceId, studyId);
    if (!study || (study.opensAt !== null && study.opensAt > now) || (study.closesAt !== null && study.closesAt <= now)) return 0;
    return updateStudy(tx, user.workspaceId, studyId, { closesAt: now });
  });
  if (changed > 0) revalidatePath(pathOf(studyId));
}

/** "Reopen": a survey closed by its closing time takes answers again (the closing time is cleared). */
export async function reopenSurvey(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = studyIdForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const { studyId } = parsed.data;
  const now = Date.now();
  const changed = await transaction(async (tx) => {
    await lockStudy(tx, studyId);
    const study = await findStudy(tx, user.workspaceId, studyId);
    if (!study || study.closesAt === null || study.closesAt > now) return 0;
    return updateStudy(tx, user.workspaceId, studyId, { closesAt: null });
  });
  if (changed > 0) revalidatePath(pathOf(studyId));
}

/** A new public link (and QR code); the old one stops taking answers at once. The page's form asks to confirm first. */
export async function replacePublicLink(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const studyId = idSchema.safeParse(form.get("studyId"));
  if (!studyId.success || !(await findStudy(getDb(), user.workspaceId, studyId.data)) || !(await latestVersion(getDb(), studyId.data))) return;
  await transaction(async (tx) => {
    // lockStudy: the live public link is read, then revoked and replaced; a
    // second replacement or a publish (which adds a missing one) waits, so
    // the study never ends up with two live public links.
    await lockStudy(tx, studyId.data);
    const current = await findPublicLink(tx, studyId.data);
    if (current) await revokeLink(tx, studyId.data, current.id, Date.now());
    await insertLink(tx, { studyId: studyId.data, kind: "public", token: newToken() });
  });
  revalidatePath(pathOf(studyId.data));
}

/** A public link for one branch (segment); a typed new segment joins the study's list (lib/distribute/branch-links). */
export async function addBranchLink(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = branchLinkFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(form) };
  const { studyId, segment } = parsed.data;
  const result = await addBranchLinkTo(user.workspaceId, studyId, segment);
  if (!result.ok) {
    const message = result.code === "notFound" ? "studyNotFound" : result.code;
    return { message, values: echoValues(form), data: result.code === "branchTaken" ? { segment: result.segment } : undefined };
  }
  revalidatePath(pathOf(studyId));
  return { ok: true, message: "branchLinkAdded", data: { segment: result.segment, linkId: result.linkId, added: result.addedToStudy ? "1" : "" } };
}

/** Retires a branch link (its printed QR codes stop working); the page's form asks to confirm first. */
export async function retireBranchLink(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = retireBranchLinkSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  if (await retireBranchLinkOf(user.workspaceId, parsed.data.studyId, parsed.data.linkId)) revalidatePath(pathOf(parsed.data.studyId));
}
