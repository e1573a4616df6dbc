// What the campaign pages say about a campaign, from its stored row: whom it
// was sent to, and where its automatic reminders stand.

export type CampaignAudience = { kind: "all" } | { kind: "segment"; segment: string } | { kind: "emails"; count: number };

/** The stored audience ({ all: true } | { segment } | { emails: [...] }, as createCampaign wrote it). */
export function audienceOf(stored: Record<string, unknown>): CampaignAudience {
  if (typeof stored.segment === "string") return { kind: "segment", segment: stored.segment };
  if (Array.isArray(stored.emails)) return { kind: "emails", count: stored.emails.length };
  return { kind: "all" };
}

export { studyClosed } from "@/lib/survey/link-state";

export type ReminderPlan =
  /** The campaign has no automatic reminders. */
  | { kind: "none" }
  /** Round `round` of `max` is due at `at`. */
  | { kind: "next"; at: number; round: number; max: number }
  /** Every planned round has gone. */
  | { kind: "done"; max: number }
  /** The survey closed: no more rounds (`sent` of `max` went). */
  | { kind: "stopped"; sent: number; max: number };

type ReminderFields = { reminderAfterDays: number | null; reminderMax: number; remindersSent: number; nextReminderAt: number | null };

/**
 * Where the automatic reminders stand. The mailer clears the next round when
 * it finds the survey closed (lib/campaigns/delivery.ts); a survey closed
 * since the last pass is shown as stopped already, since no round will go.
 */
export function reminderPlan(campaign: ReminderFields, closed: boolean): ReminderPlan {
  if (campaign.reminderAfterDays === null || campaign.reminderMax === 0) return { kind: "none" };
  const { reminderMax: max, remindersSent: sent } = campaign;
  if (sent >= max) return { kind: "done", max };
  if (closed || campaign.nextReminderAt === null) return { kind: "stopped", sent, max };
  return { kind: "next", at: campaign.nextReminderAt, round: sent + 1, max };
}

/** Responded as a share of recipients, 0–1; null without recipients. */
export function responseRate(responded: number, recipients: number): number | null {
  return recipients > 0 ? responded / recipients : null;
}

/** The clock for the campaign pages: server components render once per request, so one reading per page is stable. */
export function pageTime(): number {
  return Date.now();
}
