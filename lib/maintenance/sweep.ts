import { transaction } from "@/db/client";
import { sweepEmails } from "@/db/queries/emails";
import { sweepJobs } from "@/db/queries/jobs";
import { deleteExpiredPasswordResets } from "@/db/queries/password-resets";
import { deleteStaleDrafts } from "@/db/queries/responses";
import { sweepDeliveries } from "@/db/queries/webhooks";
import { deleteExpiredSessions } from "@/db/queries/sessions";
import { internalResumeMaxAgeSeconds } from "@/lib/internal-survey/session";
import { resumeMaxAgeSeconds } from "@/lib/survey/resume";

// Rows nobody can come back to: survey drafts (in-progress responses, of
// every perspective) older than the longest resume window, and expired
// sessions. Until the job system of issue 15 exists, each server process
// runs this sweep on an unref'd timer started in instrumentation.ts (so it
// never keeps a process alive); it moves to a job there. Running it on
// several processes at once is harmless: each DELETE takes what is left.
//
// Staleness is judged by startedAt + the resume window, as responses keep
// no "last touched" time: the resume cookie is set again at every step, so
// a draft continued for longer than the window after it started can be
// swept while its cookie lives, and that respondent starts again. No
// survey takes that long; a submitted response is never touched.

/** A draft started longer ago than this can no longer be resumed by any link. */
export const staleDraftAgeMs = Math.max(resumeMaxAgeSeconds, internalResumeMaxAgeSeconds) * 1000;

/** How often one process sweeps. */
export const sweepEveryMs = 10 * 60_000;

/** A checked import file waits this long for "Import"; an upload that never finished arriving goes after it too. */
export const jobFileMaxAgeMs = 24 * 60 * 60_000;
/** Ended jobs stay listed (recent imports) this long. */
export const jobMaxAgeMs = 90 * 24 * 60 * 60_000;

/** Sent, failed and skipped mails stay (without their bodies) this long: a campaign's history. */
export const mailMaxAgeMs = 180 * 24 * 60 * 60_000;

/** Delivered and failed webhook deliveries stay in the deliveries log this long. */
export const deliveryMaxAgeMs = 30 * 24 * 60 * 60_000;

/** Deletes stale drafts, expired sessions and password reset links, old jobs, old mails and old webhook deliveries in one transaction; returns how many of each went. */
export async function sweepStaleRows(
  now: number,
): Promise<{ drafts: number; sessions: number; passwordResets: number; jobs: number; emails: number; webhookDeliveries: number }> {
  return transaction(async (tx) => ({
    drafts: await deleteStaleDrafts(tx, now - staleDraftAgeMs),
    sessions: await deleteExpiredSessions(tx, now),
    passwordResets: await deleteExpiredPasswordResets(tx, now),
    jobs: await sweepJobs(tx, now - jobFileMaxAgeMs, now - jobMaxAgeMs),
    emails: await sweepEmails(tx, now - mailMaxAgeMs),
    webhookDeliveries: await sweepDeliveries(tx, now - deliveryMaxAgeMs),
  }));
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Starts this process's sweep (once; later calls do nothing): now, then every sweepEveryMs. */
export function startSweeps(log: (line: string) => void = console.error): void {
  if (timer) return;
  const run = () =>
    sweepStaleRows(Date.now()).catch((error: unknown) =>
      log(`sweep of stale drafts and sessions failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  timer = setInterval(run, sweepEveryMs);
  timer.unref();
  void run();
}
