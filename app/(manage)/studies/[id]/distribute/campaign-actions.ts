"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { transaction } from "@/db/client";
import { findStudy, lockStudy, updateStudy } from "@/db/queries/studies";
import { isHttps, requirePermission } from "@/lib/auth/current-user";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { maxEmailsChars } from "@/lib/campaigns/invitation-choices";
import { readInvitationForm, refusalCode } from "@/lib/campaigns/invitation-form";
import { readMailTemplateForm } from "@/lib/campaigns/mail-template-form";
import { remindNow } from "@/lib/campaigns/remind-now";
import { encodeUnknownEmails, unknownEmailsCookie, unknownEmailsCookieSeconds } from "@/lib/campaigns/unknown-emails-cookie";
import { echoValues, type FormState, formOf } from "@/lib/forms/form-state";
import { idSchema } from "@/lib/validation/ids";

// Email campaigns from the Distribute page: invite contacts, word the
// invitation, remind now. Each checks the role first; createCampaign and
// remindNow find the study (and campaign) in the member's own workspace, so
// another workspace's ids change nothing.

const distributePath = (studyId: string) => `/studies/${studyId}/distribute`;
const campaignPath = (studyId: string, campaignId: string) => `${distributePath(studyId)}/campaigns/${campaignId}`;

/** The form's text again after a refusal; the address list in full (echoValues keeps 500 characters of each field). */
const echoInvitation = (form: FormData) => ({ ...echoValues(form), emails: String(form.get("emails") ?? "").slice(0, maxEmailsChars) });

/**
 * Invites the chosen contacts and opens the new campaign's page with what
 * became of them; a refusal (mail off, survey closed or unpublished, nobody
 * to invite, bad input) comes back to the form with its reason.
 */
export async function sendInvitations(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const now = Date.now();
  const read = readInvitationForm(Object.fromEntries(form), now, user.timeZone);
  if (!read.ok) {
    return {
      fieldErrors: read.fieldErrors,
      values: echoInvitation(form),
      data: read.badEmails ? { badEmails: read.badEmails.join(", "), badEmailCount: String(read.badEmailCount) } : undefined,
    };
  }
  const outcome = await createCampaign({
    workspaceId: user.workspaceId,
    studyId: read.studyId,
    request: read.request,
    createdBy: `user:${user.userId}`,
    now,
  });
  if (outcome.kind !== "created") {
    const values = echoInvitation(form);
    if (outcome.kind === "sendAtTooLate") return { fieldErrors: { sendAt: ["sendAtTooLate"] }, values };
    const data: Record<string, string> | undefined =
      outcome.kind === "noRecipients"
        ? {
            unsubscribed: String(outcome.skipped.unsubscribed),
            responded: String(outcome.skipped.responded),
            retired: String(outcome.skipped.retired),
            unknown: String(outcome.skipped.unknown.length),
          }
        : outcome.kind === "mailOff"
          ? { missing: outcome.missing.join(", ") }
          : undefined;
    return { message: refusalCode(outcome) ?? "invalid", values, data };
  }

  const path = campaignPath(read.studyId, outcome.campaignId);
  const { unsubscribed, responded, retired, unknown } = outcome.skipped;
  if (unknown.length > 0) {
    (await cookies()).set(unknownEmailsCookie, encodeUnknownEmails({ campaignId: outcome.campaignId, emails: unknown, count: unknown.length }), {
      path,
      maxAge: unknownEmailsCookieSeconds,
      httpOnly: true,
      sameSite: "lax",
      secure: await isHttps(),
    });
  }
  revalidatePath(distributePath(read.studyId));
  const notice = new URLSearchParams({
    created: String(outcome.recipients),
    unsubscribed: String(unsubscribed),
    responded: String(responded),
    retired: String(retired),
    unknown: String(unknown.length),
  });
  redirect(`${path}?${notice}`);
}

const remindSchema = z.object({ studyId: idSchema, campaignId: idSchema });

/** "Send a reminder now": one reminder to each recipient who has neither answered nor unsubscribed. */
export async function remindCampaign(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = remindSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { message: "campaignNotFound" };
  const { studyId, campaignId } = parsed.data;
  const outcome = await remindNow(user.workspaceId, studyId, campaignId, Date.now());
  switch (outcome.kind) {
    case "queued":
      revalidatePath(campaignPath(studyId, campaignId));
      return { ok: true, message: outcome.recipients > 0 ? "reminderQueued" : "nobodyToRemind", data: { count: String(outcome.recipients) } };
    case "closed":
      return { message: "closedNoReminder" };
    case "mailOff":
      return { message: "mailOff", data: { missing: outcome.missing.join(", ") } };
    case "notFound":
      return { message: "campaignNotFound" };
  }
}

/** The study's own wording of the invitation (subject, introduction, button) per language; empty fields take the default. */
export async function saveMailTemplate(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const studyId = idSchema.safeParse(form.get("studyId"));
  if (!studyId.success) return { message: "studyNotFound" };
  const values = Object.fromEntries(form);
  const outcome = await transaction(async (tx) => {
    // Read and written under the study's lock: wording saved for a language the form does not show is kept, not lost to a concurrent save.
    await lockStudy(tx, studyId.data);
    const study = await findStudy(tx, user.workspaceId, studyId.data);
    if (!study) return { kind: "notFound" as const };
    const read = readMailTemplateForm(values, study.languages, study.mailTemplate);
    if (!read.ok) return { kind: "invalid" as const, fieldErrors: read.fieldErrors };
    await updateStudy(tx, user.workspaceId, study.id, { mailTemplate: read.template });
    return { kind: "saved" as const };
  });
  if (outcome.kind === "notFound") return { message: "studyNotFound" };
  if (outcome.kind === "invalid") return { fieldErrors: outcome.fieldErrors, values: templateEcho(form) };
  revalidatePath(`${distributePath(studyId.data)}/email`);
  return { ok: true, message: "templateSaved" };
}

/** The wording fields again after a refusal, whole (an introduction may be longer than echoValues keeps). */
function templateEcho(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !key.startsWith("$")) values[key] = value.slice(0, 2000);
  return values;
}
