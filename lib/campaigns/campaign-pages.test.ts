import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, transaction } from "@/db/client";
import {
  audienceSizes,
  campaignCounts,
  findCampaign,
  listRecipients,
  recordRecipient,
  remindableCount,
  studyCampaignCounts,
} from "@/db/queries/campaigns";
import { findStudy, updateStudy } from "@/db/queries/studies";
import { contacts, emails, links } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { newToken } from "@/lib/auth/tokens";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { createCampaign } from "./create-campaign";
import { readInvitationForm } from "./invitation-form";
import { readMailTemplateForm } from "./mail-template-form";

// What the campaign pages read and write, on this process's engine: the
// form's request goes through createCampaign; the audience sizes, the counts
// of every campaign of a study, who a reminder now would reach; the wording
// saved into studies.mail_template and used by the next invitations.

vi.hoisted(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  process.env.MAIL_FROM = "Harbour Hotel <survey@harbour.test>";
  process.env.PUBLIC_URL = "https://survey.harbour.test";
});

let done: () => Promise<void>;
let study: FixtureStudy;

beforeAll(async () => {
  done = await useTestDatabase("campaign-pages");
  study = await makePublishedStudy({ languages: ["en", "zh-Hant"] });
  const now = Date.now();
  const rows: { email: string; segment: string; language?: "en" | "zh-Hant"; unsubscribed?: boolean }[] = [
    { email: "a1@example.com", segment: "Airport", language: "en" },
    { email: "a2@example.com", segment: "Airport", language: "zh-Hant" },
    { email: "a3@example.com", segment: "Airport", unsubscribed: true },
    { email: "h1@example.com", segment: "Harbour" },
    { email: "n1@example.com", segment: "" },
  ];
  await transaction((tx) =>
    tx.insert(contacts).values(
      rows.map((row) => ({
        id: randomUUID(),
        workspaceId: study.workspaceId,
        email: row.email,
        language: row.language ?? null,
        segment: row.segment,
        unsubscribeToken: newToken(),
        unsubscribedAt: row.unsubscribed ? now : null,
        updatedAt: now,
      })),
    ),
  );
});
afterAll(() => done());

const formOf = (values: Record<string, string>) => ({ studyId: study.studyId, reminderAfterDays: "3", reminderMax: "2", when: "now", ...values });

async function send(values: Record<string, string>, now = Date.now()) {
  const read = readInvitationForm(formOf(values), now);
  if (!read.ok) throw new Error(`form refused: ${JSON.stringify(read.fieldErrors)}`);
  return createCampaign({ workspaceId: study.workspaceId, studyId: read.studyId, request: read.request, createdBy: "user:test", now });
}

describe("the campaign pages' queries", () => {
  it("count the workspace's contacts and who may be mailed, in all and per segment", async () => {
    expect(await audienceSizes(getDb(), study.workspaceId)).toEqual({
      total: 5,
      subscribed: 4,
      segments: [
        { segment: "Airport", total: 3, subscribed: 2 },
        { segment: "Harbour", total: 1, subscribed: 1 },
      ],
    });
    const other = await makePublishedStudy();
    expect(await audienceSizes(getDb(), other.workspaceId)).toEqual({ total: 0, subscribed: 0, segments: [] });
  });

  it("send the form's segment with its reminders, count each campaign, and know who a reminder now reaches", async () => {
    const now = Date.now();
    const outcome = await send({ audience: "segment", segment: "Airport", reminders: "on" }, now);
    expect(outcome).toMatchObject({ kind: "created", recipients: 2, skipped: { unsubscribed: 1, responded: 0, unknown: [] } });
    if (outcome.kind !== "created") return;
    const campaign = (await findCampaign(getDb(), study.studyId, outcome.campaignId))!;
    expect(campaign).toMatchObject({ audience: { segment: "Airport" }, reminderAfterDays: 3, reminderMax: 2, nextReminderAt: now + 3 * 86_400_000 });

    // By addresses: one a contact, one not.
    const second = await send({ audience: "emails", emails: "H1@example.com\nnobody@example.com" });
    expect(second).toMatchObject({ kind: "created", recipients: 1, skipped: { unknown: ["nobody@example.com"] } });
    if (second.kind !== "created") return;

    const recipients = await listRecipients(getDb(), outcome.campaignId, 100, 0);
    expect(recipients.map((r) => r.email)).toEqual(["a1@example.com", "a2@example.com"]);
    expect(await remindableCount(getDb(), outcome.campaignId)).toBe(0); // nothing sent yet

    // a1's invitation went and was answered; a2's went; h1's failed.
    await transaction(async (tx) => {
      for (const r of recipients) await recordRecipient(tx, outcome.campaignId, r.linkId, { state: "sent", sentAt: now, error: null });
      await tx.update(links).set({ usedAt: now }).where(eq(links.id, recipients[0].linkId));
      const [h1] = await listRecipients(tx, second.campaignId, 1, 0);
      await recordRecipient(tx, second.campaignId, h1.linkId, { state: "failed", error: "550 No such mailbox" });
    });
    expect(await remindableCount(getDb(), outcome.campaignId)).toBe(1);

    const counts = await studyCampaignCounts(getDb(), study.studyId);
    expect(counts.get(outcome.campaignId)).toEqual(await campaignCounts(getDb(), outcome.campaignId));
    expect(counts.get(outcome.campaignId)).toEqual({
      recipients: 2,
      queued: 0,
      sent: 2,
      failed: 0,
      skipped: 0,
      responded: 1,
      reminded: 0,
      unsubscribed: 0,
    });
    expect(counts.get(second.campaignId)).toMatchObject({ recipients: 1, sent: 0, failed: 1, queued: 0 });
    expect(counts.size).toBe(2);
  });

  it("refuses through createCampaign what the form cannot know: nobody left to invite", async () => {
    expect(await send({ audience: "emails", emails: "nobody@example.com" })).toMatchObject({
      kind: "noRecipients",
      skipped: { unknown: ["nobody@example.com"] },
    });
  });

  it("save the wording per language into the study, and the next invitations use it", async () => {
    const saved = (await findStudy(getDb(), study.workspaceId, study.studyId))!;
    const read = readMailTemplateForm(
      {
        "subject.en": "Two minutes for Harbour Hotel?",
        "intro.en": "",
        "button.en": "Tell us",
        "subject.zh-Hant": "",
        "intro.zh-Hant": "",
        "button.zh-Hant": "",
      },
      saved.languages,
      saved.mailTemplate,
    );
    if (!read.ok) throw new Error("wording refused");
    await transaction((tx) => updateStudy(tx, study.workspaceId, study.studyId, { mailTemplate: read.template }));
    expect((await findStudy(getDb(), study.workspaceId, study.studyId))!.mailTemplate).toEqual({
      subject: { en: "Two minutes for Harbour Hotel?" },
      button: { en: "Tell us" },
    });

    const outcome = await send({ audience: "segment", segment: "Harbour" });
    // h1 already has an invite of this study (the failed one): the same link again, with the new wording.
    expect(outcome).toMatchObject({ kind: "created", recipients: 1 });
    if (outcome.kind !== "created") return;
    const [mail] = await getDb().select().from(emails).where(eq(emails.campaignId, outcome.campaignId));
    expect(mail.subject).toBe("Two minutes for Harbour Hotel?");
    expect(mail.textBody).toContain("Tell us:");
  });
});
