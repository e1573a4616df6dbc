import { randomUUID } from "node:crypto";
import { transaction } from "@/db/client";
import { claimDueEmails, endEmail, releaseEmail, retryEmailLater, type EmailRow } from "@/db/queries/emails";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { env } from "@/lib/env";
import { afterFailed, afterSent, checkBeforeSending, queueDueReminders } from "@/lib/campaigns/delivery";
import { mailReadiness } from "./settings";
import { deliver, describeSendError, isPermanentFailure } from "./transport";

// The mailer: sends the outbox (table emails) in every process that runs the
// worker. Each pass queues due reminder rounds, claims a few due mails (a
// claim is a lease, so a mail whose sender died goes again later), checks
// each one is still wanted (the contact may have unsubscribed, the customer
// answered, the survey closed), waits for a slot under MAIL_RATE_PER_MINUTE
// (a counter in the database, shared by every instance), sends, and records
// the outcome. A temporary failure waits and retries with growing delays; a
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
const claimSize = 20;
const idleMs = 1_000;
const rateKey = "mail:send";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Waits until the shared per-minute limit lets one more mail go. */
async function takeSendSlot(ratePerMinute: number, stopped: () => boolean): Promise<boolean> {
  for (;;) {
    const now = Date.now();
    const slot = await transaction((tx) => hitRateLimit(tx, rateKey, ratePerMinute, 60_000, now));
    if (slot.allowed) return true;
    if (stopped()) return false;
    await sleep(Math.min(5_000, slot.retryAfterSeconds * 1_000));
  }
}

async function sendOne(email: EmailRow, options: MailerOptions, stopped: () => boolean): Promise<void> {
  const check = await checkBeforeSending(email, Date.now());
  if (check !== "send") {
    await transaction(async (tx) => {
      await endEmail(tx, email.id, "skipped", Date.now(), check);
      await afterFailed(tx, email, check, "skipped");
    });
    return;
  }
  if (!(await takeSendSlot(options.ratePerMinute, stopped))) {
    await transaction((tx) => releaseEmail(tx, email.id));
    return;
  }
  try {
    await deliver(options.smtpUrl, {
      from: options.from,
      to: email.toAddress,
      subject: email.subject,
      text: email.textBody ?? "",
      html: email.htmlBody ?? "",
      unsubscribeUrl: email.unsubscribeUrl,
    });
  } catch (error) {
    const reason = describeSendError(error);
    const now = Date.now();
    const delay = retryDelaysMs[email.attempts - 1];
    if (isPermanentFailure(error) || delay === undefined) {
      options.log(`mail ${email.id} to ${email.toAddress} failed: ${reason}`);
      await transaction(async (tx) => {
        await endEmail(tx, email.id, "failed", now, reason);
        await afterFailed(tx, email, reason, "failed");
      });
    } else {
      await transaction((tx) => retryEmailLater(tx, email.id, now + delay, reason));
    }
    return;
  }
  const now = Date.now();
  await transaction(async (tx) => {
    await endEmail(tx, email.id, "sent", now);
    await afterSent(tx, email, now);
  });
}

/** One pass: due reminders queued, then up to one claim of due mails sent; returns how many mails it handled. */
export async function sendDueMails(options: MailerOptions, stopped: () => boolean = () => false): Promise<number> {
  await queueDueReminders(Date.now());
  const claimed = await transaction((tx) => claimDueEmails(tx, Date.now(), leaseMs, claimSize));
  const queue = [...claimed];
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
    for (let email = queue.shift(); email; email = queue.shift()) {
      if (stopped()) {
        await transaction((tx) => releaseEmail(tx, email!.id));
        continue;
      }
      await sendOne(email, options, stopped).catch(async (error: unknown) => {
        // A database error mid-mail: the claim runs out and it goes again.
        options.log(`mail ${email!.id}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  });
  await Promise.all(lanes);
  return claimed.length;
}

export type Mailer = { id: string; stop(): Promise<void>; wake(): void };

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
  const id = randomUUID().slice(0, 8);
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let lastError = { message: "", at: 0 };
  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        handled = await sendDueMails(options, () => stopped);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError.message || Date.now() - lastError.at > 60_000) {
          log(`mailer ${id}: ${message}`);
          lastError = { message, at: Date.now() };
        }
      }
      if (handled === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          timer.unref();
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  })();
  const mailer: Mailer = {
    id,
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      wakeUp?.();
      local.delete(mailer);
      await loop;
    },
  };
  local.add(mailer);
  return mailer;
}
