import { z } from "zod";
import { idSchema } from "@/lib/validation/ids";

// What a manager sets on the distribution page: when the survey takes
// answers, how many, and batches of single-use invites. Times are entered as
// UTC (the app shows every time in UTC).

export const maxInvitesPerBatch = 5000;

/** `2026-11-30T09:00` (a datetime-local value, read as UTC) → epoch ms; "" → null. */
export const utcDateTime = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
    const ms = match ? Date.UTC(+match[1], +match[2] - 1, +match[3], +(match[4] ?? 0), +(match[5] ?? 0)) : NaN;
    const roundTrips = match && new Date(ms).getUTCDate() === +match[3];
    if (!match || !Number.isFinite(ms) || !roundTrips) {
      ctx.addIssue({ code: "custom", message: "invalidDateTime" });
      return z.NEVER;
    }
    return ms;
  });

export const scheduleFormSchema = z
  .object({
    studyId: idSchema,
    opensAt: utcDateTime,
    closesAt: utcDateTime,
    responseLimit: z
      .string()
      .trim()
      .transform((text, ctx) => {
        if (text === "") return null;
        const n = Number(text);
        if (!/^\d+$/.test(text) || n < 1 || n > 10_000_000) {
          ctx.addIssue({ code: "custom", message: "invalidLimit" });
          return z.NEVER;
        }
        return n;
      }),
  })
  .superRefine((value, ctx) => {
    if (value.opensAt !== null && value.closesAt !== null && value.closesAt <= value.opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "closesBeforeOpens" });
    }
  });

export const inviteFormSchema = z.object({
  studyId: idSchema,
  count: z
    .string()
    .trim()
    .regex(/^\d+$/, "invalidCount")
    .transform(Number)
    .pipe(z.int().min(1, "invalidCount").max(maxInvitesPerBatch, "tooManyInvites")),
  segment: z.string().trim().max(100).default(""),
});

/** An epoch-ms time as a datetime-local value in UTC, for the form. */
export function toUtcInput(ms: number | null): string {
  return ms === null ? "" : new Date(ms).toISOString().slice(0, 16);
}
