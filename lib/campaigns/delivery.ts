import { randomUUID } from "node:crypto";
import { getDb, transaction, type Tx } from "@/db/client";
import {
  deliveryFacts,
  dueReminderCampaigns,
  lockCampaign,
  markInvitationsSent,
  markReminded,
  recordRecipient,
  reminderTargets,
  setReminderSchedule,
} from "@/db/queries/campaigns";
import type { EmailRow } from "@/db/queries/emails";
import { insertEmails } from "@/db/queries/emails";
import { findStudyById } from "@/db/queries/studies";
import { mailReadiness } from "@/lib/mail/settings";
import { studyClosed } from "@/lib/survey/link-state";
import { invitationMail, mailLanguage, surveyLinkUrl, unsubscribeLinkUrl } from "./invitation-mail";

// What the mailer asks and tells about campaign mails (lib/mail/mailer.ts),
// and the reminder rounds it queues on every pass.

export const dayMs = 24 * 60 * 60_000;

/**
 * For each claimed mail: "send", or why a campaign mail should no longer go
 * (recorded as the mail's reason). One query for the whole claim.
 */
export async function checkBeforeSending(claimed: EmailRow[], now: number): Promise<Map<string, "send" | string>> {
  const linkIds = claimed.filter((email) => email.campaignId && email.linkId).map((email) => email.linkId!);
  const facts = new Map((await deliveryFacts(getDb(), [...new Set(linkIds)])).map((row) => [row.linkId, row]));
  const verdicts = new Map<string, "send" | string>();
  for (const email of claimed) {
    if (!email.campaignId || !email.linkId) {
      verdicts.set(email.id, "send");
      continue;
    }
    const fact = facts.get(email.linkId);
    let verdict = "send";
    if (!fact || fact.contactId === null) verdict = "contact deleted";
    else if (fact.unsubscribedAt !== null) verdict = "unsubscribed";
    else if (fact.revokedAt !== null) verdict = "invite retired";
    else if (email.kind === "reminder" && fact.usedAt !== null) verdict = "already answered";
    else if (email.kind === "reminder" && studyClosed(fact, now)) verdict = "survey closed";
    verdicts.set(email.id, verdict);
  }
  return verdicts;
}

/** Records delivered campaign mails on their recipients (one statement per campaign and kind). */
export async function afterSent(tx: Tx, sent: EmailRow[], now: number): Promise<void> {
  const groups = new Map<string, { campaignId: string; kind: EmailRow["kind"]; linkIds: string[] }>();
  for (const email of sent) {
    if (!email.campaignId || !email.linkId) continue;
    const key = `${email.campaignId}:${email.kind}`;
    const group = groups.get(key) ?? { campaignId: email.campaignId, kind: email.kind, linkIds: [] };
    group.linkIds.push(email.linkId);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    if (group.kind === "invitation") await markInvitationsSent(tx, group.campaignId, group.linkIds, now);
    else if (group.kind === "reminder") await markReminded(tx, group.campaignId, group.linkIds, now);
  }
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
      const closed = !study || studyClosed(study, now);
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
