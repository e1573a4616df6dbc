import { z } from "zod";
import { idSchema } from "@/lib/validation/ids";
import { dateTimeIn } from "@/lib/time-zone";

// What a manager sets on the distribution page: when the survey takes
// answers, how many, and batches of single-use invites. Times are entered in
// the workspace's time zone (the app shows every time in it).

export const maxInvitesPerBatch = 5000;

/** `2026-11-30T09:00` (a datetime-local value, read as UTC) → epoch ms; "" → null. */
export const utcDateTime = dateTimeIn("UTC");

/** The schedule form, its times read in the workspace's time zone. */
export const scheduleFormSchemaIn = (zone: string) =>
  z
    .object({
      studyId: idSchema,
      opensAt: dateTimeIn(zone),
      closesAt: dateTimeIn(zone),
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

export const scheduleFormSchema = scheduleFormSchemaIn("UTC");

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
