import { randomUUID } from "node:crypto";
import { z } from "zod";
import { transaction } from "@/db/client";
import { contactInvites, insertCampaign, insertContactInvites, insertRecipients } from "@/db/queries/campaigns";
import { contactsForAudience, type Audience, type AudienceContact } from "@/db/queries/contacts";
import { insertEmails, type NewEmail } from "@/db/queries/emails";
import { findStudy, latestVersionHead, lockStudy } from "@/db/queries/studies";
import { newToken } from "@/lib/auth/tokens";
import { eventLoopPacer } from "@/lib/event-loop";
import { wakeMailers } from "@/lib/mail/mailer";
import { mailReadiness, type MailSetting } from "@/lib/mail/settings";
import { studyClosed } from "@/lib/survey/link-state";
import { dateTimeSchema } from "@/lib/validation/dates";
import { dayMs } from "./delivery";
import { invitationMail, mailLanguage, surveyLinkUrl, unsubscribeLinkUrl } from "./invitation-mail";

// Inviting contacts to a study by email (API.md "Contacts, invitations and
// reminders"): each recipient gets one mail with their personal single-use
// link. A contact who already has an unanswered invite for the study gets
// that same link again (links_contact_unique: never two invites for one
// contact and study); one who answered or unsubscribed is not mailed.

export const maxInvitationEmails = 10_000;

export const invitationRequestSchema = z
  .object({
    to: z.union([
      z.literal("all"),
      z.object({ segment: z.string().trim().min(1).max(100) }).strict(),
      z.object({ emails: z.array(z.email().trim().toLowerCase().max(254)).min(1).max(maxInvitationEmails) }).strict(),
    ]),
    reminders: z
      .object({ afterDays: z.int().min(1).max(60), max: z.int().min(1).max(5) })
      .strict()
      .optional(),
    sendAt: dateTimeSchema.optional(),
  })
  .strict();

export type InvitationRequest = z.output<typeof invitationRequestSchema>;

export type CampaignOutcome =
  | {
      kind: "created";
      campaignId: string;
      recipients: number;
      /** Contacts named but not mailed: unsubscribed, already answered, their invite retired, or (by email) not a contact. */
      skipped: { unsubscribed: number; responded: number; retired: number; unknown: string[] };
    }
  | { kind: "mailOff"; missing: MailSetting[] }
  | { kind: "notFound" }
  | { kind: "notPublished" }
  | { kind: "closed" }
  | { kind: "sendAtTooLate" }
  | { kind: "noRecipients"; skipped: { unsubscribed: number; responded: number; retired: number; unknown: string[] } };

const maxScheduleAheadMs = 366 * dayMs;

export async function createCampaign(input: {
  workspaceId: string;
  studyId: string;
  request: InvitationRequest;
  createdBy: string;
  now: number;
}): Promise<CampaignOutcome> {
  const readiness = mailReadiness();
  if (!readiness.ready) return { kind: "mailOff", missing: readiness.missing };
  const { workspaceId, studyId, request, now } = input;
  const sendAt = Math.max(now, request.sendAt ? Date.parse(request.sendAt) : now);
  if (sendAt > now + maxScheduleAheadMs) return { kind: "sendAtTooLate" };
  const audience: Audience = request.to === "all" ? { all: true } : request.to;
  const pace = eventLoopPacer(5);

  const outcome = await transaction(async (tx): Promise<CampaignOutcome> => {
    // One campaign of a study at a time: "has this contact an invite?" is read, then written.
    await lockStudy(tx, studyId);
    const study = await findStudy(tx, workspaceId, studyId);
    if (!study) return { kind: "notFound" };
    if (!(await latestVersionHead(tx, studyId))) return { kind: "notPublished" };
    if (studyClosed(study, sendAt)) return { kind: "closed" };

    const named = await contactsForAudience(tx, workspaceId, audience);
    const unknown = "emails" in audience ? [...new Set(audience.emails)].filter((email) => !named.some((c) => c.email === email)) : [];
    const subscribed = named.filter((contact) => contact.unsubscribedAt === null);
    const invites = new Map(
      (
        await contactInvites(
          tx,
          studyId,
          subscribed.map((c) => c.id),
        )
      ).map((link) => [link.contactId, link]),
    );
    const skipped = { unsubscribed: named.length - subscribed.length, responded: 0, retired: 0, unknown };

    const recipients: { contact: AudienceContact; linkId: string; token: string }[] = [];
    const newLinks: Parameters<typeof insertContactInvites>[1] = [];
    for (const contact of subscribed) {
      const invite = invites.get(contact.id);
      if (invite?.usedAt != null) skipped.responded += 1;
      else if (invite?.revokedAt != null) skipped.retired += 1;
      else if (invite) recipients.push({ contact, linkId: invite.id, token: invite.token });
      else {
        const link = { id: randomUUID(), studyId, token: newToken(), segment: contact.segment || null, contactId: contact.id, createdAt: now };
        newLinks.push(link);
        recipients.push({ contact, linkId: link.id, token: link.token });
      }
    }
    if (recipients.length === 0) return { kind: "noRecipients", skipped };

    const campaignId = randomUUID();
    await insertCampaign(tx, {
      id: campaignId,
      workspaceId,
      studyId,
      audience,
      sendAt,
      reminderAfterDays: request.reminders?.afterDays ?? null,
      reminderMax: request.reminders?.max ?? 0,
      nextReminderAt: request.reminders ? sendAt + request.reminders.afterDays * dayMs : null,
      createdBy: input.createdBy,
      createdAt: now,
    });
    await insertContactInvites(tx, newLinks);
    await pace();
    await insertRecipients(
      tx,
      recipients.map((r) => ({ campaignId, linkId: r.linkId, contactId: r.contact.id })),
    );
    for (let start = 0; start < recipients.length; start += 200) {
      await pace();
      const mails: NewEmail[] = recipients.slice(start, start + 200).map(({ contact, linkId, token }) => {
        const unsubscribeUrl = unsubscribeLinkUrl(readiness.origin, contact.unsubscribeToken);
        const language = mailLanguage(contact.language, study.languages);
        const mail = invitationMail({
          kind: "invitation",
          study,
          language,
          contactName: contact.name,
          surveyUrl: surveyLinkUrl(readiness.origin, token, language),
          unsubscribeUrl,
        });
        return {
          id: randomUUID(),
          workspaceId,
          kind: "invitation",
          campaignId,
          linkId,
          toAddress: contact.email,
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: mail.html,
          unsubscribeUrl,
          sendAfter: sendAt,
        };
      });
      await insertEmails(tx, mails);
    }
    return { kind: "created", campaignId, recipients: recipients.length, skipped };
  });
  if (outcome.kind === "created") wakeMailers();
  return outcome;
}
