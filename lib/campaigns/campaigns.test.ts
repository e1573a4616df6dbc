import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb, transaction } from "@/db/client";
import { campaignCounts, listRecipients } from "@/db/queries/campaigns";
import { countQueuedEmails, reserveSendSlots } from "@/db/queries/emails";
import { updateStudy } from "@/db/queries/studies";
import { campaigns, contacts, emails, links, rateLimits } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { newToken } from "@/lib/auth/tokens";
import { sendDueMails, type MailerOptions } from "@/lib/mail/mailer";
import { closeMailTransports } from "@/lib/mail/transport";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { createCampaign, invitationRequestSchema, type CampaignOutcome } from "./create-campaign";
import { dayMs, queueDueReminders } from "./delivery";

// Campaigns end to end below the web layer, on this process's engine, with a
// real SMTP server (smtp-server) receiving what the mailer sends: languages,
// personal links, List-Unsubscribe headers, one invite per contact and study,
// permanent and temporary failures, unsubscribes before sending, reminders.

vi.hoisted(() => {
  // Read when lib/env loads: mail counts as set up. The mailer is given the real server below.
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  process.env.MAIL_FROM = "Harbour Hotel <survey@harbour.test>";
  process.env.PUBLIC_URL = "https://survey.harbour.test";
});

type Received = { to: string; raw: Buffer; mail: ParsedMail };
const received: Received[] = [];
const tempFailed = new Set<string>();
let server: SMTPServer;
let options: MailerOptions;
let done: () => Promise<void>;

beforeAll(async () => {
  done = await useTestDatabase("campaigns");
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      if (to.startsWith("reject-")) return callback(Object.assign(new Error("No such mailbox"), { responseCode: 550 }));
      // A mailbox that is busy the first time (4xx): the mail must wait and go again.
      if (to.startsWith("busy-") && !tempFailed.has(to)) {
        tempFailed.add(to);
        return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        received.push({ to: session.envelope.rcptTo[0].address.toLowerCase(), raw, mail: await simpleParser(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  options = { smtpUrl: `smtp://127.0.0.1:${port}`, from: "Harbour Hotel <survey@harbour.test>", ratePerMinute: 100_000, log: () => {} };
}, 60_000);

afterAll(async () => {
  closeMailTransports();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await done();
});

beforeEach(() => {
  received.length = 0;
});

async function addContacts(
  workspaceId: string,
  rows: { email: string; name?: string; language?: "en" | "zh-Hant" | "zh-Hans" | null; segment?: string; unsubscribed?: boolean }[],
) {
  const now = Date.now();
  await transaction((tx) =>
    tx.insert(contacts).values(
      rows.map((row) => ({
        id: randomUUID(),
        workspaceId,
        email: row.email,
        name: row.name ?? "",
        language: row.language ?? null,
        segment: row.segment ?? "",
        unsubscribeToken: newToken(),
        unsubscribedAt: row.unsubscribed ? now : null,
        updatedAt: now,
      })),
    ),
  );
}

/** Sends until the outbox has nothing due (a few passes). */
async function drain(): Promise<void> {
  for (let pass = 0; pass < 50; pass++) if ((await sendDueMails(options)) === 0) return;
  throw new Error("the outbox did not drain");
}

function created(outcome: CampaignOutcome) {
  if (outcome.kind !== "created") throw new Error(`campaign not created: ${outcome.kind}`);
  return outcome;
}

const request = (body: unknown) => invitationRequestSchema.parse(body);

describe("email campaigns", () => {
  let study: FixtureStudy;

  beforeAll(async () => {
    study = await makePublishedStudy({ languages: ["en", "zh-Hant"] });
    await addContacts(study.workspaceId, [
      { email: "mei@example.com", name: "林美", language: "zh-Hant", segment: "Airport" },
      { email: "tom@example.com", name: "Tom Reed", language: "en", segment: "Harbour" },
      { email: "ann@example.com", language: "zh-Hans" }, // a language the study lacks: its first (English)
      { email: "gone@example.com", unsubscribed: true },
      { email: "reject-me@example.com", language: "en" },
    ]);
  });

  it("mails each subscribed contact once, in their language, with a personal link and one-click unsubscribe", async () => {
    const outcome = created(
      await createCampaign({
        workspaceId: study.workspaceId,
        studyId: study.studyId,
        request: request({ to: "all" }),
        createdBy: "test",
        now: Date.now(),
      }),
    );
    expect(outcome.recipients).toBe(4);
    expect(outcome.skipped).toMatchObject({ unsubscribed: 1, responded: 0 });
    await drain();

    expect(received.map((r) => r.to).sort()).toEqual(["ann@example.com", "mei@example.com", "tom@example.com"]);
    const mei = received.find((r) => r.to === "mei@example.com")!;
    expect(mei.mail.subject).toBe("Harbour Hotel 想聽聽您的意見");
    expect(mei.mail.text).toContain("林美 您好");
    const link = /https:\/\/survey\.harbour\.test\/s\/([A-Za-z0-9_-]+)/.exec(mei.mail.text ?? "")![1];
    const [invite] = await getDb().select().from(links).where(eq(links.token, link));
    expect(invite).toMatchObject({ kind: "invite", studyId: study.studyId, segment: "Airport", usedAt: null });
    // RFC 8058: the header pair mail clients need for their one-click button.
    // (Read from the raw header block: mailparser folds List-* headers into one object.)
    const head = mei.raw
      .toString("utf8")
      .split("\r\n\r\n")[0]
      .replace(/\r\n[ \t]+/g, " ");
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(head).toMatch(/^List-Unsubscribe: <https:\/\/survey\.harbour\.test\/u\/[A-Za-z0-9_-]+>$/m);
    // Multipart with both parts; the HTML fetches nothing and runs nothing.
    expect(mei.mail.html).toContain(`/s/${link}`);
    expect(mei.mail.html).not.toMatch(/<script|<img|src=/i);
    expect(received.find((r) => r.to === "ann@example.com")!.mail.subject).toBe("Harbour Hotel: how did we do?");

    const counts = await campaignCounts(getDb(), outcome.campaignId);
    expect(counts).toMatchObject({ recipients: 4, sent: 3, failed: 1, queued: 0, responded: 0 });
    const rejected = (await listRecipients(getDb(), outcome.campaignId, 10, 0)).find((r) => r.email === "reject-me@example.com")!;
    expect(rejected.state).toBe("failed");
    expect(rejected.error).toMatch(/550|No such mailbox/);
  });

  it("never makes a second invite for a contact and study: a later campaign resends the same link", async () => {
    const before = await getDb()
      .select()
      .from(links)
      .where(and(eq(links.studyId, study.studyId), eq(links.kind, "invite")));
    created(
      await createCampaign({
        workspaceId: study.workspaceId,
        studyId: study.studyId,
        request: request({ to: { segment: "Airport" } }),
        createdBy: "test",
        now: Date.now(),
      }),
    );
    await drain();
    const after = await getDb()
      .select()
      .from(links)
      .where(and(eq(links.studyId, study.studyId), eq(links.kind, "invite")));
    expect(after.length).toBe(before.length);
    const meiInvite = before.find((l) => l.segment === "Airport")!;
    expect(received).toHaveLength(1);
    expect(received[0].mail.text).toContain(`/s/${meiInvite.token}`);
  });

  it("two campaigns created at once still give each contact one invite", async () => {
    const other = await makePublishedStudy({ workspaceId: study.workspaceId });
    const both = await Promise.all(
      [0, 1].map(() =>
        createCampaign({
          workspaceId: study.workspaceId,
          studyId: other.studyId,
          request: request({ to: "all" }),
          createdBy: "test",
          now: Date.now(),
        }),
      ),
    );
    both.forEach(created);
    const invites = await getDb()
      .select()
      .from(links)
      .where(and(eq(links.studyId, other.studyId), eq(links.kind, "invite")));
    expect(invites).toHaveLength(4);
    expect(new Set(invites.map((l) => l.contactId)).size).toBe(4);
    await drain();
    // Both campaigns queued a mail to each; every contact still has only the one link.
    expect(received).toHaveLength(6); // 4 recipients each, one of them refused by the server
    expect(new Set(received.map((r) => /\/s\/([A-Za-z0-9_-]+)/.exec(r.mail.text ?? "")![1])).size).toBe(3);
  });

  it("skips a contact who unsubscribed after the campaign was queued, and one who answered is not invited again", async () => {
    const s = await makePublishedStudy({ workspaceId: study.workspaceId });
    const outcome = created(
      await createCampaign({
        workspaceId: study.workspaceId,
        studyId: s.studyId,
        request: request({ to: { emails: ["tom@example.com", "ann@example.com", "nobody@example.com"] } }),
        createdBy: "test",
        now: Date.now(),
      }),
    );
    expect(outcome.skipped.unknown).toEqual(["nobody@example.com"]);
    await transaction((tx) =>
      tx
        .update(contacts)
        .set({ unsubscribedAt: Date.now() })
        .where(and(eq(contacts.workspaceId, study.workspaceId), eq(contacts.email, "tom@example.com"))),
    );
    await drain();
    expect(received.map((r) => r.to)).toEqual(["ann@example.com"]);
    expect(await campaignCounts(getDb(), outcome.campaignId)).toMatchObject({ sent: 1, skipped: 1, unsubscribed: 1 });
    await transaction((tx) => tx.update(contacts).set({ unsubscribedAt: null }).where(eq(contacts.email, "tom@example.com")));

    // Ann answers; a new campaign of the same study leaves her out.
    const annInvite = (await getDb().select().from(links).where(eq(links.studyId, s.studyId))).find(
      (l) => l.kind === "invite" && l.contactId !== null && l.usedAt === null,
    )!;
    await transaction((tx) => tx.update(links).set({ usedAt: Date.now() }).where(eq(links.id, annInvite.id)));
    const again = await createCampaign({
      workspaceId: study.workspaceId,
      studyId: s.studyId,
      request: request({ to: { emails: ["ann@example.com"] } }),
      createdBy: "test",
      now: Date.now(),
    });
    expect(again).toMatchObject({ kind: "noRecipients", skipped: { responded: 1 } });
  });

  it("retries a temporary failure later and then delivers", async () => {
    await addContacts(study.workspaceId, [{ email: "busy-desk@example.com", language: "en" }]);
    const s = await makePublishedStudy({ workspaceId: study.workspaceId });
    const outcome = created(
      await createCampaign({
        workspaceId: study.workspaceId,
        studyId: s.studyId,
        request: request({ to: { emails: ["busy-desk@example.com"] } }),
        createdBy: "test",
        now: Date.now(),
      }),
    );
    await sendDueMails(options);
    expect(received).toHaveLength(0);
    const [waiting] = await getDb().select().from(emails).where(eq(emails.campaignId, outcome.campaignId));
    expect(waiting).toMatchObject({ state: "queued", attempts: 1 });
    expect(waiting.sendAfter).toBeGreaterThan(Date.now() + 20_000);
    expect(waiting.lastError).toMatch(/451|Try again/);
    // Time passes: the retry is due.
    await transaction((tx) =>
      tx
        .update(emails)
        .set({ sendAfter: Date.now() - 1 })
        .where(eq(emails.id, waiting.id)),
    );
    await drain();
    expect(received.map((r) => r.to)).toEqual(["busy-desk@example.com"]);
    expect(await campaignCounts(getDb(), outcome.campaignId)).toMatchObject({ sent: 1, failed: 0 });
  });

  it("reminds those who have not answered, at most the allowed number of times, and never after the survey closes", async () => {
    const s = await makePublishedStudy({ workspaceId: study.workspaceId, languages: ["en", "zh-Hant"] });
    const now = Date.now();
    const outcome = created(
      await createCampaign({
        workspaceId: study.workspaceId,
        studyId: s.studyId,
        request: request({ to: { emails: ["mei@example.com", "tom@example.com"] }, reminders: { afterDays: 3, max: 2 } }),
        createdBy: "test",
        now,
      }),
    );
    await drain();
    expect(received).toHaveLength(2);
    received.length = 0;

    // Not due yet.
    expect(await queueDueReminders(now + 2 * dayMs)).toBe(0);
    // Tom answers; after three days only Mei is reminded.
    const tomInvite = (await getDb().select().from(links).where(eq(links.studyId, s.studyId))).find((l) => l.segment === "Harbour")!;
    await transaction((tx) => tx.update(links).set({ usedAt: now }).where(eq(links.id, tomInvite.id)));
    await transaction((tx) =>
      tx
        .update(campaigns)
        .set({ nextReminderAt: Date.now() - 1 })
        .where(eq(campaigns.id, outcome.campaignId)),
    );
    expect(await queueDueReminders(Date.now())).toBe(1);
    await drain();
    expect(received.map((r) => r.to)).toEqual(["mei@example.com"]);
    expect(received[0].mail.subject).toMatch(/^提醒：/);
    const [after] = await getDb().select().from(campaigns).where(eq(campaigns.id, outcome.campaignId));
    expect(after.remindersSent).toBe(1);
    expect(after.nextReminderAt).toBeGreaterThan(Date.now() + 2 * dayMs);
    expect(await campaignCounts(getDb(), outcome.campaignId)).toMatchObject({ responded: 1, reminded: 1 });

    // The survey closes: the second round is dropped, not sent.
    received.length = 0;
    await transaction((tx) => updateStudy(tx, s.workspaceId, s.studyId, { closesAt: Date.now() - 1 }));
    await transaction((tx) =>
      tx
        .update(campaigns)
        .set({ nextReminderAt: Date.now() - 1 })
        .where(eq(campaigns.id, outcome.campaignId)),
    );
    expect(await queueDueReminders(Date.now())).toBe(0);
    await drain();
    expect(received).toHaveLength(0);
    const [closed] = await getDb().select().from(campaigns).where(eq(campaigns.id, outcome.campaignId));
    expect(closed.nextReminderAt).toBeNull();
    expect(await countQueuedEmails(getDb())).toBe(0);
  });

  it("refuses what cannot be sent: an unpublished or closed study, a date too far ahead", async () => {
    const s = await makePublishedStudy({ workspaceId: study.workspaceId, closesAt: Date.now() - 1000 });
    expect(
      (await createCampaign({ workspaceId: study.workspaceId, studyId: s.studyId, request: request({ to: "all" }), createdBy: "t", now: Date.now() }))
        .kind,
    ).toBe("closed");
    const far = new Date(Date.now() + 400 * dayMs).toISOString();
    expect(
      (
        await createCampaign({
          workspaceId: study.workspaceId,
          studyId: study.studyId,
          request: request({ to: "all", sendAt: far }),
          createdBy: "t",
          now: Date.now(),
        })
      ).kind,
    ).toBe("sendAtTooLate");
    expect(
      (await createCampaign({ workspaceId: randomUUID(), studyId: study.studyId, request: request({ to: "all" }), createdBy: "t", now: Date.now() }))
        .kind,
    ).toBe("notFound");
    expect(invitationRequestSchema.safeParse({ to: { emails: ["not-an-email"] } }).success).toBe(false);
    expect(invitationRequestSchema.safeParse({ to: "all", reminders: { afterDays: 0, max: 1 } }).success).toBe(false);
  });
});

describe("the per-minute sending budget", () => {
  it("is shared: concurrent reservations never take more than the limit, and what does not fit waits", async () => {
    const key = `mail:test:${randomUUID()}`;
    const now = Date.now();
    const grants = await Promise.all([3, 3, 3].map((wanted) => transaction((tx) => reserveSendSlots(tx, key, wanted, 4, now))));
    expect(grants.reduce((sum, g) => sum + g.granted, 0)).toBe(4);
    expect((await transaction((tx) => reserveSendSlots(tx, key, 1, 4, now))).granted).toBe(0);
    // The next minute has room again.
    expect((await transaction((tx) => reserveSendSlots(tx, key, 2, 4, now + 60_000))).granted).toBe(2);
  });

  it("leaves mails over the budget queued, untried, for the next minute", async () => {
    const s = await makePublishedStudy({ workspaceId: (await makePublishedStudy()).workspaceId });
    await addContacts(
      s.workspaceId,
      [1, 2, 3, 4, 5].map((i) => ({ email: `budget${i}@example.com`, language: "en" as const })),
    );
    const outcome = created(
      await createCampaign({ workspaceId: s.workspaceId, studyId: s.studyId, request: request({ to: "all" }), createdBy: "test", now: Date.now() }),
    );
    // A fresh budget: the earlier tests spent this minute's under another limit.
    await transaction((tx) => tx.delete(rateLimits).where(eq(rateLimits.key, "mail:send")));
    received.length = 0;
    await sendDueMails({ ...options, ratePerMinute: 2 });
    const rows = await getDb().select().from(emails).where(eq(emails.campaignId, outcome.campaignId));
    const queuedRows = rows.filter((r) => r.state === "queued");
    expect(rows.filter((r) => r.state === "sent")).toHaveLength(2);
    expect(queuedRows).toHaveLength(3);
    for (const row of queuedRows) expect(row).toMatchObject({ attempts: 0, lockedUntil: null });
    expect(received).toHaveLength(2);
  });
});
