import { describe, expect, it } from "vitest";
import { audienceOf, reminderPlan, responseRate, studyClosed } from "./campaign-view";
import { decodeUnknownEmails, encodeUnknownEmails } from "./unknown-emails-cookie";

const day = 24 * 60 * 60_000;

describe("audienceOf", () => {
  it("reads the stored audience", () => {
    expect(audienceOf({ all: true })).toEqual({ kind: "all" });
    expect(audienceOf({ segment: "Airport" })).toEqual({ kind: "segment", segment: "Airport" });
    expect(audienceOf({ emails: ["a@example.com", "b@example.com"] })).toEqual({ kind: "emails", count: 2 });
  });
});

describe("studyClosed", () => {
  it("is closed when archived or at and after its closing time", () => {
    expect(studyClosed({ archivedAt: null, closesAt: null }, 1000)).toBe(false);
    expect(studyClosed({ archivedAt: null, closesAt: 1001 }, 1000)).toBe(false);
    expect(studyClosed({ archivedAt: null, closesAt: 1000 }, 1000)).toBe(true);
    expect(studyClosed({ archivedAt: 5, closesAt: null }, 1000)).toBe(true);
  });
});

describe("reminderPlan", () => {
  const campaign = { reminderAfterDays: 3, reminderMax: 2, remindersSent: 0, nextReminderAt: 10 * day };
  it("has none without automatic reminders", () => {
    expect(reminderPlan({ ...campaign, reminderAfterDays: null, reminderMax: 0, nextReminderAt: null }, false)).toEqual({ kind: "none" });
  });
  it("names the next round while rounds are left", () => {
    expect(reminderPlan(campaign, false)).toEqual({ kind: "next", at: 10 * day, round: 1, max: 2 });
    expect(reminderPlan({ ...campaign, remindersSent: 1, nextReminderAt: 13 * day }, false)).toEqual({
      kind: "next",
      at: 13 * day,
      round: 2,
      max: 2,
    });
  });
  it("is done when every round went, closed or not", () => {
    expect(reminderPlan({ ...campaign, remindersSent: 2, nextReminderAt: null }, false)).toEqual({ kind: "done", max: 2 });
    expect(reminderPlan({ ...campaign, remindersSent: 2, nextReminderAt: null }, true)).toEqual({ kind: "done", max: 2 });
  });
  it("is stopped when the survey closed: the mailer cleared the next round, or it will find the survey closed", () => {
    expect(reminderPlan({ ...campaign, remindersSent: 1, nextReminderAt: null }, true)).toEqual({ kind: "stopped", sent: 1, max: 2 });
    expect(reminderPlan(campaign, true)).toEqual({ kind: "stopped", sent: 0, max: 2 });
  });
});

describe("responseRate", () => {
  it("is a share of recipients, null without any", () => {
    expect(responseRate(3, 12)).toBe(0.25);
    expect(responseRate(0, 0)).toBeNull();
  });
});

describe("the unknown addresses cookie", () => {
  it("carries the addresses of its campaign only", () => {
    const value = encodeUnknownEmails({ campaignId: "c1", emails: ["x@example.com", "y@example.com"], count: 2 });
    expect(decodeUnknownEmails(value, "c1")).toEqual({ campaignId: "c1", emails: ["x@example.com", "y@example.com"], count: 2 });
    expect(decodeUnknownEmails(value, "c2")).toBeNull();
    expect(decodeUnknownEmails("not base64 json", "c1")).toBeNull();
    expect(decodeUnknownEmails(undefined, "c1")).toBeNull();
  });
  it("names as many addresses as fit a cookie and counts them all", () => {
    const emails = Array.from({ length: 500 }, (_, i) => `someone.with.a.long.address.${i}@example.com`);
    const value = encodeUnknownEmails({ campaignId: "c1", emails, count: 500 });
    expect(value.length).toBeLessThanOrEqual(3000);
    const decoded = decodeUnknownEmails(value, "c1")!;
    expect(decoded.count).toBe(500);
    expect(decoded.emails.length).toBeGreaterThan(10);
    expect(decoded.emails).toEqual(emails.slice(0, decoded.emails.length));
  });
});
