import { z } from "zod";
import { dateTimeIn } from "@/lib/time-zone";
import { idSchema } from "@/lib/validation/ids";
import { maxEmailsChars, maxFormEmails, splitEmails } from "./invitation-choices";
import { invitationRequestSchema, type CampaignOutcome, type InvitationRequest } from "./create-campaign";

// The Distribute page's "Email invitations" form, read into the request the
// API takes (invitationRequestSchema stays the one home of what a request may
// be: its issues are mapped back to the form's fields). Times are entered in
// the workspace's time zone, like every time the app shows.

/** How many bad addresses an error names (the rest are counted). */
const namedBadEmails = 10;

const text = (max: number) =>
  z
    .string()
    .max(max, "tooLong")
    .regex(/^[^\u0000]*$/, "invalid")
    .default("");

const invitationFormFields = z.object({
  studyId: idSchema,
  audience: z.enum(["all", "segment", "emails"], "chooseAudience"),
  segment: text(100),
  emails: text(maxEmailsChars),
  reminders: z.string().optional(),
  reminderAfterDays: text(10),
  reminderMax: text(10),
  when: z.enum(["now", "later"], "chooseWhen").default("now"),
  sendAt: z.string().max(40).default(""),
});

const wholeNumber = (value: string) => (/^\s*\d{1,4}\s*$/.test(value) ? Number(value) : NaN);

export type InvitationForm =
  | { ok: true; studyId: string; request: InvitationRequest }
  | { ok: false; fieldErrors: Record<string, string[]>; badEmails?: string[]; badEmailCount?: number };

/**
 * Reads the form. A send time must lie ahead of `now` (a past one is most
 * likely a slip: "now" is its own choice) and within a year.
 */
export function readInvitationForm(values: Record<string, unknown>, now: number, zone = "UTC"): InvitationForm {
  const fields = invitationFormFields.safeParse(values);
  if (!fields.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of fields.error.issues) (fieldErrors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
    return { ok: false, fieldErrors };
  }
  const form = fields.data;
  const fieldErrors: Record<string, string[]> = {};
  const fail = (field: string, code: string) => {
    const codes = (fieldErrors[field] ??= []);
    if (!codes.includes(code)) codes.push(code);
  };

  let to: unknown = "all";
  const emails = splitEmails(form.emails);
  if (form.audience === "segment") {
    if (form.segment.trim() === "") fail("segment", "chooseSegment");
    to = { segment: form.segment };
  } else if (form.audience === "emails") {
    if (emails.length === 0) fail("emails", "emailsRequired");
    else if (emails.length > maxFormEmails) fail("emails", "tooManyEmails");
    to = { emails };
  }

  const reminders = form.reminders ? { afterDays: wholeNumber(form.reminderAfterDays), max: wholeNumber(form.reminderMax) } : undefined;

  let sendAt: string | undefined;
  if (form.when === "later") {
    const parsed = dateTimeIn(zone).safeParse(form.sendAt);
    if (!parsed.success) fail("sendAt", "invalidDateTime");
    else if (parsed.data === null) fail("sendAt", "sendAtRequired");
    else if (parsed.data <= now) fail("sendAt", "sendAtPast");
    else if (parsed.data > now + 366 * 24 * 60 * 60_000) fail("sendAt", "sendAtTooLate");
    else sendAt = new Date(parsed.data).toISOString();
  }

  const request = invitationRequestSchema.safeParse({ to, ...(reminders ? { reminders } : {}), ...(sendAt ? { sendAt } : {}) });
  const badEmails: string[] = [];
  if (!request.success) {
    for (const issue of request.error.issues) {
      const [first, second, third] = issue.path;
      if (first === "to" && second === "emails" && typeof third === "number") badEmails.push(emails[third]);
      else if (first === "to" && second === "segment") fail("segment", "chooseSegment");
      else if (first === "to" && second === "emails") fail("emails", issue.code === "too_small" ? "emailsRequired" : "tooManyEmails");
      else if (first === "reminders" && second === "afterDays") fail("reminderAfterDays", "invalidAfterDays");
      else if (first === "reminders" && second === "max") fail("reminderMax", "invalidReminderMax");
      else if (first === "sendAt") fail("sendAt", "invalidDateTime");
      else fail("_form", "invalid");
    }
  }
  if (badEmails.length > 0) fail("emails", "invalidEmails");
  if (Object.keys(fieldErrors).length > 0 || !request.success) {
    return badEmails.length > 0
      ? { ok: false, fieldErrors, badEmails: badEmails.slice(0, namedBadEmails), badEmailCount: badEmails.length }
      : { ok: false, fieldErrors };
  }
  return { ok: true, studyId: form.studyId, request: request.data };
}

/** Why createCampaign sent nothing, as a message code of the form ("campaigns.errors.<code>"); null when it made a campaign. */
export function refusalCode(outcome: CampaignOutcome): string | null {
  switch (outcome.kind) {
    case "created":
      return null;
    case "mailOff":
      return "mailOff";
    case "notFound":
      return "studyNotFound";
    case "notPublished":
      return "notPublished";
    case "closed":
      return "closed";
    case "sendAtTooLate":
      return "sendAtTooLate";
    case "noRecipients":
      return "noRecipients";
  }
}
