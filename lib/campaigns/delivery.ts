import { randomUUID } from "node:crypto";
import { getDb, transaction, type Tx } from "@/db/client";
import { deliveryFacts, dueReminderCampaigns, lockCampaign, recordRecipient, reminderTargets, setReminderSchedule } from "@/db/queries/campaigns";
import type { EmailRow } from "@/db/queries/emails";
import { insertEmails } from "@/db/queries/emails";
import { findStudyById } from "@/db/queries/studies";
import { mailReadiness } from "@/lib/mail/settings";
import { invitationMail, mailLanguage, surveyLinkUrl, unsubscribeLinkUrl } from "./invitation-mail";

// What the mailer asks and tells about campaign mails (lib/mail/mailer.ts),
// and the reminder rounds it queues on every pass.

export const dayMs = 24 * 60 * 60_000;

/** "send", or why a campaign mail should no longer go (recorded as the mail's reason). */
export async function checkBeforeSending(email: EmailRow, now: number): Promise<"send" | string> {
  if (!email.campaignId || !email.linkId) return "send";
  const facts = await deliveryFacts(getDb(), email.linkId);
  if (!facts || facts.contactId === null) return "contact deleted";
  if (facts.unsubscribedAt !== null) return "unsubscribed";
  if (facts.revokedAt !== null) return "invite retired";
  if (email.kind === "reminder") {
    if (facts.usedAt !== null) return "already answered";
    if (facts.archivedAt !== null || (facts.closesAt !== null && now >= facts.closesAt)) return "survey closed";
  }
  return "send";
}

export async function afterSent(tx: Tx, email: EmailRow, now: number): Promise<void> {
  if (!email.campaignId || !email.linkId) return;
  if (email.kind === "invitation") await recordRecipient(tx, email.campaignId, email.linkId, { state: "sent", sentAt: now, error: null });
  else if (email.kind === "reminder") await recordRecipient(tx, email.campaignId, email.linkId, { reminded: now });
}

export async function afterFailed(tx: Tx, email: EmailRow, reason: string, state: "failed" | "skipped"): Promise<void> {
  if (!email.campaignId || !email.linkId) return;
  // A reminder that could not go leaves the recipient's invitation as it was.
  if (email.kind === "invitation") await recordRecipient(tx, email.campaignId, email.linkId, { state, error: reason });
  else if (state === "failed") await recordRecipient(tx, email.campaignId, email.linkId, { error: reason });
}

/**
 * Queues one reminder to every recipient of the campaign who was sent the
 * invitation and has neither answered nor unsubscribed (nor has one waiting
 * already). Call inside the transaction that holds the campaign's lock.
 */
export async function queueReminderRound(tx: Tx, campaignId: string, studyId: string, now: number): Promise<number> {
  const readiness = mailReadiness();
  if (!readiness.ready) return 0;
  const study = await findStudyById(tx, studyId);
  if (!study) return 0;
  const targets = await reminderTargets(tx, campaignId);
  await insertEmails(
    tx,
    targets.map((target) => {
      const language = mailLanguage(target.language, study.languages);
      const mail = invitationMail({
        kind: "reminder",
        study,
        language,
        contactName: target.name,
        surveyUrl: surveyLinkUrl(readiness.origin, target.token, language),
        unsubscribeUrl: unsubscribeLinkUrl(readiness.origin, target.unsubscribeToken),
      });
      return {
        id: randomUUID(),
        workspaceId: study.workspaceId,
        kind: "reminder" as const,
        campaignId,
        linkId: target.linkId,
        toAddress: target.email,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        unsubscribeUrl: unsubscribeLinkUrl(readiness.origin, target.unsubscribeToken),
        sendAfter: now,
      };
    }),
  );
  return targets.length;
}

/**
 * Queues the reminder rounds that are due. The campaign row's lock makes one
 * instance do each round; a study that has closed gets no more reminders.
 */
export async function queueDueReminders(now: number): Promise<number> {
  let rounds = 0;
  for (const id of await dueReminderCampaigns(getDb(), now, 10)) {
    await transaction(async (tx) => {
      const campaign = await lockCampaign(tx, id);
      if (!campaign || campaign.nextReminderAt === null || campaign.nextReminderAt > now) return;
      const study = await findStudyById(tx, campaign.studyId);
      const closed = !study || study.archivedAt !== null || (study.closesAt !== null && now >= study.closesAt);
      if (closed) {
        await setReminderSchedule(tx, id, { nextReminderAt: null });
        return;
      }
      await queueReminderRound(tx, id, campaign.studyId, now);
      const sent = campaign.remindersSent + 1;
      const more = sent < campaign.reminderMax && campaign.reminderAfterDays !== null;
      await setReminderSchedule(tx, id, { remindersSent: sent, nextReminderAt: more ? now + campaign.reminderAfterDays! * dayMs : null });
      rounds += 1;
    });
  }
  return rounds;
}
