import { z } from "zod";

// The one home of what a date from outside may be: a day that exists on the
// calendar (no 2026-02-31, no year 0000), and a submission time neither before
// the questionnaire version it answers was published nor in the future
// beyond a small clock skew between the sender's clock and ours.

/** How far ahead of our clock a sender's submission time may be. */
export const clockSkewMs = 5 * 60_000;

/** Years a date may name: nothing was surveyed here before 1970, and ISO dates stop at 9999. */
const firstYear = 1970;
const lastYear = 9999;

/** True when `yyyy-mm-dd` (the date part of an ISO string) names a day that exists. */
export function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < firstYear || year > lastYear) return false;
  // Date.UTC rolls 2026-02-31 into March; a day that exists comes back unchanged.
  const back = new Date(Date.UTC(year, month - 1, date));
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === date;
}

/** A calendar day `yyyy-mm-dd`, as the results filter takes it. */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "invalidDate")
  .refine(isCalendarDay, "invalidDate");

/** An ISO date-time with an offset whose day exists, as the API takes `submittedAt`. */
export const dateTimeSchema = z.iso.datetime({ offset: true, message: "invalidDate" }).refine(isCalendarDay, "invalidDate");

export type SubmittedAtProblem = "beforePublished" | "future";

/** Why a submission time cannot be right for a version published at `publishedAt`, or null. */
export function submittedAtProblem(submittedAt: number, context: { publishedAt: number; now: number }): SubmittedAtProblem | null {
  if (submittedAt > context.now + clockSkewMs) return "future";
  if (submittedAt < context.publishedAt) return "beforePublished";
  return null;
}
