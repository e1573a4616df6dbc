import { randomUUID } from "node:crypto";
import type { Tx } from "@/db/client";
import { loopSettings, membersAmong, openAlertCase, type LoopSettings } from "@/db/queries/alert-rules";
import { insertEmails } from "@/db/queries/emails";
import type { VersionSnapshot } from "@/db/schema";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/locales";
import { providerIn } from "@/lib/i18n/localized-text";
import { mailReadiness } from "@/lib/mail/settings";
import { queueWebhookEvent } from "@/lib/webhooks/queue";
import { alertHits, type AlertHit } from "./alert-rule";
import { alertMail, followUpUrl } from "./alert-mail";

// Closing the loop at submit time, inside the submit's transaction (the
// survey's last step and the API's batches; never imports or the demo:
// historical answers neither alert nor fire webhooks). A response that
// crosses its study's alert rule opens a case, mails the members the rule
// names and fires "response.alert"; every response fires "response.submitted".
// All of it commits or rolls back with the response.

/** The roles an alert may be mailed to (every role today; a member who left gets nothing). */
export const alertRoles = ["owner", "manager", "analyst"] as const;

export type SubmittedResponse = {
  studyId: string;
  responseId: string;
  segment: string;
  submittedAt: number;
  /** The respondent's own weighted gap (METHOD.md §3), unrounded; null when it has none. */
  gap: number | null;
  /** This respondent's gap on the criterion with this key, or null when none of its items counted. */
  criterionGap: (key: string) => number | null;
  /** The version answered, for naming the criterion in the mail. */
  snapshot: VersionSnapshot;
};

/**
 * Study settings read once per transaction: a batch of the API reads them
 * once per study rather than once per response. Never shared between
 * requests (another instance may change the rule at any time).
 */
export type LoopCache = Map<string, LoopSettings | undefined>;

export type LoopOutcome = { caseOpened: boolean; mailed: number; hits: AlertHit[] };

export async function closeTheLoop(tx: Tx, submitted: SubmittedResponse, cache?: LoopCache, now = Date.now()): Promise<LoopOutcome> {
  let settings: LoopSettings | undefined;
  if (cache?.has(submitted.studyId)) settings = cache.get(submitted.studyId);
  else {
    settings = await loopSettings(tx, submitted.studyId);
    cache?.set(submitted.studyId, settings);
  }
  const outcome: LoopOutcome = { caseOpened: false, mailed: 0, hits: [] };
  if (!settings) return outcome;
  const payload = {
    study: submitted.studyId,
    response: submitted.responseId,
    gap: submitted.gap,
    segment: submitted.segment,
    submittedAt: new Date(submitted.submittedAt).toISOString(),
  };
  const hits = alertHits(
    { threshold: settings.threshold, criterionKey: settings.criterionKey, criterionThreshold: settings.criterionThreshold },
    submitted.gap,
    submitted.criterionGap,
  );
  outcome.hits = hits;
  if (hits.length > 0) {
    outcome.caseOpened = await openAlertCase(tx, { id: randomUUID(), studyId: submitted.studyId, responseId: submitted.responseId, now });
    if (outcome.caseOpened) {
      outcome.mailed = await queueAlertMails(tx, settings, submitted, hits, now);
      if (settings.hasWebhooks) await queueWebhookEvent(tx, settings.workspaceId, { event: "response.alert", ...payload }, now);
    }
  }
  if (settings.hasWebhooks) await queueWebhookEvent(tx, settings.workspaceId, { event: "response.submitted", ...payload }, now);
  return outcome;
}

/** One alert mail to each member the rule names who is still in the workspace; none when mail is off. */
async function queueAlertMails(tx: Tx, settings: LoopSettings, submitted: SubmittedResponse, hits: AlertHit[], now: number): Promise<number> {
  const readiness = mailReadiness();
  if (!readiness.ready || !settings.notify || settings.notify.length === 0) return 0;
  const members = await membersAmong(tx, settings.workspaceId, settings.notify, alertRoles);
  if (members.length === 0) return 0;
  // The app keeps no language per member: the study's first language, the
  // one its team wrote it in.
  const locale: Locale = settings.languages.find(isLocale) ?? defaultLocale;
  const mail = alertMail({
    locale,
    study: settings.name,
    provider: providerIn(locale, settings.provider, submitted.snapshot.providerNames),
    segment: submitted.segment,
    hits,
    snapshot: submitted.snapshot,
    url: followUpUrl(readiness.origin, submitted.studyId),
  });
  await insertEmails(
    tx,
    members.map((member) => ({
      id: randomUUID(),
      workspaceId: settings.workspaceId,
      kind: "alert" as const,
      toAddress: member.email,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      sendAfter: now,
    })),
  );
  return members.length;
}
