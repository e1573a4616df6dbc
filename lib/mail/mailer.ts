import { transaction } from "@/db/client";
import { claimDueEmails, endEmail, endSentEmails, releaseEmails, reserveSendSlots, retryEmailLater, type EmailRow } from "@/db/queries/emails";
import { env } from "@/lib/env";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { afterFailed, afterSent, checkBeforeSending, queueDueReminders } from "@/lib/campaigns/delivery";
import { mailReadiness } from "./settings";
import { deliver, describeSendError, isPermanentFailure } from "./transport";

// The mailer: sends the outbox (table emails) in every process that runs the
// worker. Each pass queues due reminder rounds, claims a few due mails (a
// claim is a lease, so a mail whose sender died goes again later), checks
// each one is still wanted (the contact may have unsubscribed, the customer
// answered, the survey closed), takes room under MAIL_RATE_PER_MINUTE (a
// counter in the database, shared by every instance; what does not fit goes
// back to the queue), sends, and records the outcomes. A temporary failure waits and retries with growing delays; a
// permanent one (the server's 5xx) fails that mail alone.

export type MailerOptions = {
  smtpUrl: string;
  from: string;
  ratePerMinute: number;
  log: (line: string) => void;
  /** Mails in flight at once (over the transport's pooled connections). */
  concurrency?: number;
};

/** Delays before the 2nd, 3rd… try; after the last, the mail has failed. */
export const retryDelaysMs = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000];
const leaseMs = 2 * 60_000;
const claimSize = 40;
const idleMs = 1_000;
const rateKey = "mail:send";

/**
 * One pass: due reminder rounds queued, then one claim of due mails checked,
 * sent and recorded. Returns how many mails it dealt with (sent, failed,
 * skipped or put off after a temporary failure); 0 when none was due or the
 * per-minute budget had no room (the claimed ones go back to the queue).
 * The outcomes of a claim are recorded in one transaction after its sends:
 * a sender that dies in between leaves them claimed, and they go again
 * when the claim runs out (a mail may then arrive twice, never not at all).
 */
export async function sendDueMails(options: MailerOptions, stopped: () => boolean = () => false): Promise<number> {
  await queueDueReminders(Date.now());
  const claimed = await transaction((tx) => claimDueEmails(tx, Date.now(), leaseMs, claimSize));
  if (claimed.length === 0) return 0;
  const verdicts = await checkBeforeSending(claimed, Date.now());
  const unwanted = claimed.filter((email) => verdicts.get(email.id) !== "send");
  let wanted = claimed.filter((email) => verdicts.get(email.id) === "send");
  if (unwanted.length > 0) {
    await transaction(async (tx) => {
      for (const email of unwanted) {
        const reason = verdicts.get(email.id)!;
        await endEmail(tx, email.id, "skipped", Date.now(), reason);
        await afterFailed(tx, email, reason, "skipped");
      }
    });
  }
  const slots =
    wanted.length > 0 && !stopped()
      ? await transaction((tx) => reserveSendSlots(tx, rateKey, wanted.length, options.ratePerMinute, Date.now()))
      : { granted: 0 };
  const later = wanted.slice(slots.granted);
  wanted = wanted.slice(0, slots.granted);
  if (later.length > 0)
    await transaction((tx) =>
      releaseEmails(
        tx,
        later.map((email) => email.id),
      ),
    );

  const sent: EmailRow[] = [];
  const failures: { email: EmailRow; error: unknown }[] = [];
  const queue = [...wanted];
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let email = queue.shift(); email; email = queue.shift()) {
      try {
        await deliver(options.smtpUrl, {
          from: options.from,
          to: email.toAddress,
          subject: email.subject,
          text: email.textBody ?? "",
          html: email.htmlBody ?? "",
          unsubscribeUrl: email.unsubscribeUrl,
        });
        sent.push(email);
      } catch (error) {
        failures.push({ email, error });
      }
    }
  });
  await Promise.all(lanes);

  const now = Date.now();
  await transaction(async (tx) => {
    await endSentEmails(
      tx,
      sent.map((email) => email.id),
      now,
    );
    await afterSent(tx, sent, now);
    for (const { email, error } of failures) {
      const reason = describeSendError(error);
      const delay = retryDelaysMs[email.attempts - 1];
      if (isPermanentFailure(error) || delay === undefined) {
        options.log(`mail ${email.id} to ${email.toAddress} failed: ${reason}`);
        await endEmail(tx, email.id, "failed", now, reason);
        await afterFailed(tx, email, reason, "failed");
      } else {
        await retryEmailLater(tx, email.id, now + delay, reason);
      }
    }
  });
  return unwanted.length + wanted.length;
}

export type Mailer = PollingLoop;

const local = new Set<Mailer>();

/** Nudges this process's mailer (mail was just queued here) instead of waiting for its next poll. */
export function wakeMailers(): void {
  for (const mailer of local) mailer.wake();
}

/** Starts the mailer loop in this process; undefined (and a line in the log) when mail is not set up. */
export function startMailer(overrides: Partial<MailerOptions> = {}): Mailer | undefined {
  const log = overrides.log ?? console.error;
  const readiness = mailReadiness();
  const smtpUrl = overrides.smtpUrl ?? (readiness.ready ? readiness.smtpUrl : undefined);
  const from = overrides.from ?? (readiness.ready ? readiness.from : undefined);
  if (!smtpUrl || !from) {
    if (!readiness.ready) log(`mail is off: ${readiness.missing.join(", ")} not set`);
    return undefined;
  }
  const options: MailerOptions = {
    smtpUrl,
    from,
    ratePerMinute: overrides.ratePerMinute ?? env.MAIL_RATE_PER_MINUTE,
    log,
    concurrency: overrides.concurrency,
  };
  return startPollingLoop({ name: "mailer", idleMs, log, work: (stopped) => sendDueMails(options, stopped), running: local });
}
