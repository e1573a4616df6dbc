import { describe, expect, it } from "vitest";
import { splitEmails } from "./invitation-choices";
import { readInvitationForm, refusalCode } from "./invitation-form";

// The Distribute page's invitation form, read into the API's request
// (invitationRequestSchema) or into codes beside the fields.

const now = Date.UTC(2026, 10, 30, 8, 0);
const form = (values: Record<string, string>) => ({
  studyId: "study-1",
  audience: "all",
  reminderAfterDays: "3",
  reminderMax: "2",
  when: "now",
  ...values,
});

describe("splitEmails", () => {
  it("takes one per line or separated by commas, semicolons or spaces, in lower case, each once", () => {
    expect(splitEmails(" A@Example.com\nb@example.com, c@example.com;d@example.com  a@example.com\r\n<e@example.com>\n\n")).toEqual([
      "a@example.com",
      "b@example.com",
      "c@example.com",
      "d@example.com",
      "e@example.com",
    ]);
    expect(splitEmails(" \n , ")).toEqual([]);
  });
});

describe("readInvitationForm", () => {
  it("reads all contacts, now, with reminders", () => {
    expect(readInvitationForm(form({ reminders: "on" }), now)).toEqual({
      ok: true,
      studyId: "study-1",
      request: { to: "all", reminders: { afterDays: 3, max: 2 } },
    });
  });

  it("leaves reminders out when the box is not ticked, whatever the numbers say", () => {
    expect(readInvitationForm(form({ reminderAfterDays: "abc", reminderMax: "" }), now)).toEqual({
      ok: true,
      studyId: "study-1",
      request: { to: "all" },
    });
  });

  it("reads a segment, and refuses a segment audience without one", () => {
    expect(readInvitationForm(form({ audience: "segment", segment: "Airport" }), now)).toMatchObject({
      ok: true,
      request: { to: { segment: "Airport" } },
    });
    expect(readInvitationForm(form({ audience: "segment", segment: "  " }), now)).toEqual({ ok: false, fieldErrors: { segment: ["chooseSegment"] } });
  });

  it("reads chosen addresses, and names the ones that are not addresses", () => {
    expect(readInvitationForm(form({ audience: "emails", emails: "Lin@Example.com, wang@example.com\nlin@example.com" }), now)).toMatchObject({
      ok: true,
      request: { to: { emails: ["lin@example.com", "wang@example.com"] } },
    });
    expect(readInvitationForm(form({ audience: "emails", emails: "lin@example.com\nnot-an-address, also@bad" }), now)).toEqual({
      ok: false,
      fieldErrors: { emails: ["invalidEmails"] },
      badEmails: ["not-an-address", "also@bad"],
      badEmailCount: 2,
    });
    expect(readInvitationForm(form({ audience: "emails", emails: " \n " }), now)).toEqual({ ok: false, fieldErrors: { emails: ["emailsRequired"] } });
  });

  it("names at most ten bad addresses and counts them all", () => {
    const bad = Array.from({ length: 14 }, (_, i) => `bad${i}`);
    const read = readInvitationForm(form({ audience: "emails", emails: bad.join("\n") }), now);
    expect(read).toMatchObject({ ok: false, badEmailCount: 14 });
    expect(read.ok === false && read.badEmails).toHaveLength(10);
  });

  it("refuses more addresses than the form takes", () => {
    const many = Array.from({ length: 5001 }, (_, i) => `guest${i}@example.com`).join("\n");
    expect(readInvitationForm(form({ audience: "emails", emails: many }), now)).toEqual({ ok: false, fieldErrors: { emails: ["tooManyEmails"] } });
  });

  it("checks the reminder numbers against the API's limits (1–60 days, 1–5 reminders)", () => {
    expect(readInvitationForm(form({ reminders: "on", reminderAfterDays: "0", reminderMax: "6" }), now)).toEqual({
      ok: false,
      fieldErrors: { reminderAfterDays: ["invalidAfterDays"], reminderMax: ["invalidReminderMax"] },
    });
    expect(readInvitationForm(form({ reminders: "on", reminderAfterDays: "2.5", reminderMax: "" }), now)).toEqual({
      ok: false,
      fieldErrors: { reminderAfterDays: ["invalidAfterDays"], reminderMax: ["invalidReminderMax"] },
    });
    expect(readInvitationForm(form({ reminders: "on", reminderAfterDays: "60", reminderMax: "5" }), now)).toMatchObject({
      ok: true,
      request: { reminders: { afterDays: 60, max: 5 } },
    });
  });

  it("reads a send time as UTC, and refuses one that is missing, malformed, past or more than a year ahead", () => {
    expect(readInvitationForm(form({ when: "later", sendAt: "2026-12-02T01:00" }), now)).toMatchObject({
      ok: true,
      request: { to: "all", sendAt: "2026-12-02T01:00:00.000Z" },
    });
    // A time typed but "now" chosen: now.
    expect(readInvitationForm(form({ when: "now", sendAt: "2026-12-02T01:00" }), now)).toEqual({
      ok: true,
      studyId: "study-1",
      request: { to: "all" },
    });
    const refused = (sendAt: string) => readInvitationForm(form({ when: "later", sendAt }), now);
    expect(refused("")).toEqual({ ok: false, fieldErrors: { sendAt: ["sendAtRequired"] } });
    expect(refused("2026-02-31T10:00")).toEqual({ ok: false, fieldErrors: { sendAt: ["invalidDateTime"] } });
    expect(refused("tomorrow")).toEqual({ ok: false, fieldErrors: { sendAt: ["invalidDateTime"] } });
    expect(refused("2026-11-30T07:59")).toEqual({ ok: false, fieldErrors: { sendAt: ["sendAtPast"] } });
    expect(refused("2027-12-31T00:00")).toEqual({ ok: false, fieldErrors: { sendAt: ["sendAtTooLate"] } });
  });

  it("refuses a forged form: an unknown audience or time choice, no study, a NUL", () => {
    expect(readInvitationForm(form({ audience: "everyone" }), now)).toEqual({ ok: false, fieldErrors: { audience: ["chooseAudience"] } });
    expect(readInvitationForm(form({ when: "yesterday" }), now)).toEqual({ ok: false, fieldErrors: { when: ["chooseWhen"] } });
    expect(readInvitationForm({ audience: "all" }, now)).toMatchObject({ ok: false, fieldErrors: { studyId: expect.any(Array) } });
    expect(readInvitationForm(form({ audience: "segment", segment: "Air\u0000port" }), now)).toEqual({
      ok: false,
      fieldErrors: { segment: ["invalid"] },
    });
  });
});

describe("refusalCode", () => {
  it("names why createCampaign sent nothing", () => {
    const skipped = { unsubscribed: 1, responded: 2, retired: 0, unknown: [] };
    expect(refusalCode({ kind: "created", campaignId: "c", recipients: 3, skipped })).toBeNull();
    expect(refusalCode({ kind: "mailOff", missing: ["SMTP_URL"] })).toBe("mailOff");
    expect(refusalCode({ kind: "notFound" })).toBe("studyNotFound");
    expect(refusalCode({ kind: "notPublished" })).toBe("notPublished");
    expect(refusalCode({ kind: "closed" })).toBe("closed");
    expect(refusalCode({ kind: "sendAtTooLate" })).toBe("sendAtTooLate");
    expect(refusalCode({ kind: "noRecipients", skipped })).toBe("noRecipients");
  });
});
