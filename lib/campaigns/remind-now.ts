import { transaction } from "@/db/client";
import { lockCampaign } from "@/db/queries/campaigns";
import { findStudy } from "@/db/queries/studies";
import { wakeMailers } from "@/lib/mail/mailer";
import { mailReadiness, type MailSetting } from "@/lib/mail/settings";
import { studyClosed } from "@/lib/survey/link-state";
import { queueReminderRound } from "./delivery";

// "Send a reminder now" (the campaign page and the API): one reminder to
// every recipient who has neither answered nor unsubscribed. It does not
// change the campaign's schedule of automatic reminders.

export type RemindOutcome =
  { kind: "queued"; recipients: number } | { kind: "notFound" } | { kind: "closed" } | { kind: "mailOff"; missing: MailSetting[] };

export async function remindNow(workspaceId: string, studyId: string, campaignId: string, now: number): Promise<RemindOutcome> {
  const readiness = mailReadiness();
  if (!readiness.ready) return { kind: "mailOff", missing: readiness.missing };
  const outcome = await transaction(async (tx): Promise<RemindOutcome> => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign || campaign.studyId !== studyId || campaign.workspaceId !== workspaceId) return { kind: "notFound" };
    const study = await findStudy(tx, workspaceId, studyId);
    if (!study) return { kind: "notFound" };
    if (studyClosed(study, now)) return { kind: "closed" };
    return { kind: "queued", recipients: await queueReminderRound(tx, campaignId, studyId, now) };
  });
  if (outcome.kind === "queued") wakeMailers();
  return outcome;
}
