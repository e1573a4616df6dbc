import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, transaction } from "@/db/client";
import { addMembership, createUser, removeMembership } from "@/db/queries/accounts";
import { upsertAlertRule } from "@/db/queries/alert-rules";
import { contactsOfResponses, deleteResponseContact } from "@/db/queries/response-contacts";
import { findStudy } from "@/db/queries/studies";
import { cases, emails, responses, webhookDeliveries, webhooks } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { env } from "@/lib/env";
import { importFile } from "@/lib/imports/import-file";
import { wideCsv } from "@/lib/imports/test-files";
import { storeCustomerResponse, storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";

// Closing the loop at submit (lib/follow-up/on-submit.ts) on the engine
// DATABASE_URL names: a response over the study's alert rule opens one case,
// queues the alert mail to the members the rule names and the webhook
// deliveries, all in the response's transaction; mild responses, resends and
// imports open nothing.

vi.hoisted(() => {
  // Read when lib/env loads: mail counts as set up (one test switches it off).
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  process.env.MAIL_FROM = "Gapwise <alerts@gapwise.test>";
  process.env.PUBLIC_URL = "https://gapwise.test";
});

vi.setConfig({ testTimeout: 30_000 });

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("close-loop");
}, 60_000);
afterAll(() => done());

type World = FixtureStudy & { manager: string; analyst: string; leaver: string; outsider: string };

async function user(email: string): Promise<string> {
  return transaction(async (tx) => (await createUser(tx, { email, passwordHash: "x" })).id);
}

/** A study whose workspace has a manager, an analyst, a member who left and a webhook listening to both events. */
async function world(languages: ("en" | "zh-Hant" | "zh-Hans")[] = ["en"]): Promise<World> {
  const f = await makePublishedStudy({ languages });
  const tag = randomUUID().slice(0, 8);
  const manager = await user(`manager-${tag}@example.com`);
  const analyst = await user(`analyst-${tag}@example.com`);
  const leaver = await user(`leaver-${tag}@example.com`);
  const outsider = await user(`outsider-${tag}@example.com`);
  await transaction(async (tx) => {
    await addMembership(tx, f.workspaceId, manager, "manager");
    await addMembership(tx, f.workspaceId, analyst, "analyst");
    await addMembership(tx, f.workspaceId, leaver, "manager");
    await removeMembership(tx, f.workspaceId, leaver);
    await tx.insert(webhooks).values({
      id: randomUUID(),
      workspaceId: f.workspaceId,
      url: "https://hooks.example.com/gapwise",
      events: ["response.submitted", "response.alert"],
      secret: "s3cret",
    });
  });
  return { ...f, manager, analyst, leaver, outsider };
}

async function setRule(
  w: World,
  rule: { threshold?: number | null; criterionKey?: string | null; criterionThreshold?: number | null; notify?: string[] },
) {
  await transaction((tx) =>
    upsertAlertRule(tx, {
      studyId: w.studyId,
      threshold: rule.threshold ?? null,
      criterionKey: rule.criterionKey ?? null,
      criterionThreshold: rule.criterionThreshold ?? null,
      notify: rule.notify ?? [w.manager, w.analyst, w.leaver, w.outsider],
      updatedAt: Date.now(),
    }),
  );
}

/** Every item expected 6; perceived `perceived`, or per criterion key from `byCriterion`. */
function submission(w: World, clientId: string, perceived: number, byCriterion: Record<string, number> = {}): CustomerSubmission {
  return {
    clientId,
    studyId: w.studyId,
    versionId: w.versionId,
    snapshot: w.snapshot,
    segment: "Taipei",
    language: "en",
    source: "api",
    submittedAt: Date.UTC(2026, 10, 30, 8, 0, 0),
    weights: null,
    comments: [],
    answers: w.snapshot.criteria.flatMap((c) => c.items.map((i) => ({ itemId: i.id, expected: 6, perceived: byCriterion[c.key] ?? perceived }))),
  };
}

async function tally(w: World) {
  const db = getDb();
  const [caseCount] = await db.select({ n: count() }).from(cases).where(eq(cases.studyId, w.studyId));
  const mails = await db
    .select()
    .from(emails)
    .where(and(eq(emails.workspaceId, w.workspaceId), eq(emails.kind, "alert")));
  const deliveries = await db
    .select({ event: webhookDeliveries.event, body: webhookDeliveries.body })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhooks.workspaceId, w.workspaceId));
  return { cases: caseCount.n, mails, deliveries };
}

describe("closing the loop at submit", () => {
  it("a response over the threshold opens one case, mails the members still in the workspace and queues both webhook events", async () => {
    const w = await world();
    await setRule(w, { threshold: 1.5 });
    const [outcome] = await storeCustomerResponses([submission(w, "big", 2)]);
    expect(outcome.stored).toBe(true);

    const [opened] = await getDb().select().from(cases).where(eq(cases.responseId, outcome.responseId));
    expect(opened).toMatchObject({ studyId: w.studyId, origin: "alert", state: "open", assigneeId: null });

    const { cases: n, mails, deliveries } = await tally(w);
    expect(n).toBe(1);
    // The manager and the analyst; not the member who left, not a user of no workspace of this study.
    expect(mails.map((m) => m.toAddress).sort()).toEqual([expect.stringMatching(/^analyst-/), expect.stringMatching(/^manager-/)]);
    const mail = mails[0];
    expect(mail.state).toBe("queued");
    expect(mail.subject).toContain("Front desk");
    expect(mail.textBody).toContain(`https://gapwise.test/studies/${w.studyId}/follow-up`);
    expect(mail.textBody).toContain("weighted gap is 4.00");
    expect(mail.htmlBody).toContain(`href="https://gapwise.test/studies/${w.studyId}/follow-up"`);

    expect(deliveries.map((d) => d.event).sort()).toEqual(["response.alert", "response.submitted"]);
    const body = JSON.parse(deliveries.find((d) => d.event === "response.submitted")!.body);
    expect(body).toEqual({
      event: "response.submitted",
      study: w.studyId,
      response: outcome.responseId,
      gap: 4,
      segment: "Taipei",
      submittedAt: "2026-11-30T08:00:00.000Z",
    });
  });

  it("writes nothing when the submit's transaction rolls back", async () => {
    const w = await world();
    await setRule(w, { threshold: 1 });
    await expect(
      transaction(async (tx) => {
        const outcome = await storeCustomerResponse(submission(w, "rolled-back", 1), tx);
        expect(outcome.stored).toBe(true);
        // Inside the transaction the case, the mails and the deliveries are there…
        const [inside] = await tx.select({ n: count() }).from(cases).where(eq(cases.responseId, outcome.responseId));
        const queued = await tx.select({ id: emails.id }).from(emails).where(eq(emails.workspaceId, w.workspaceId));
        const hooked = await tx
          .select({ id: webhookDeliveries.id })
          .from(webhookDeliveries)
          .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
          .where(eq(webhooks.workspaceId, w.workspaceId));
        expect({ cases: inside.n, mails: queued.length, deliveries: hooked.length }).toEqual({ cases: 1, mails: 2, deliveries: 2 });
        throw new Error("after the hook");
      }),
    ).rejects.toThrow("after the hook");
    // …and after the rollback none of it is.
    const { cases: n, mails, deliveries } = await tally(w);
    expect({ n, mails: mails.length, deliveries: deliveries.length }).toEqual({ n: 0, mails: 0, deliveries: 0 });
    const [left] = await getDb().select({ n: count() }).from(responses).where(eq(responses.studyId, w.studyId));
    expect(left.n).toBe(0);
  });

  it("a mild response opens nothing and mails no one; it still fires response.submitted", async () => {
    const w = await world();
    await setRule(w, { threshold: 1.5 });
    // Gap 1 everywhere: under 1.5.
    await storeCustomerResponses([submission(w, "mild", 5)]);
    const { cases: n, mails, deliveries } = await tally(w);
    expect(n).toBe(0);
    expect(mails).toHaveLength(0);
    expect(deliveries.map((d) => d.event)).toEqual(["response.submitted"]);
  });

  it("a gap exactly at the threshold alerts (at least, not more than)", async () => {
    const w = await world();
    // Gap 3 on every criterion: the weighted gap is 3 (up to rounding of the weights' sum).
    await setRule(w, { threshold: 3, notify: [] });
    await storeCustomerResponses([submission(w, "edge", 3)]);
    expect((await tally(w)).cases).toBe(1);
  });

  it("a resend of the same response (client id) opens nothing new and queues nothing new", async () => {
    const w = await world();
    await setRule(w, { threshold: 1.5 });
    const [first] = await storeCustomerResponses([submission(w, "again", 1)]);
    const before = await tally(w);
    const [second] = await storeCustomerResponses([submission(w, "again", 1)]);
    expect(second).toEqual({ responseId: first.responseId, stored: false });
    const after = await tally(w);
    expect({ cases: after.cases, mails: after.mails.length, deliveries: after.deliveries.length }).toEqual({
      cases: 1,
      mails: before.mails.length,
      deliveries: before.deliveries.length,
    });
    expect(before.mails).toHaveLength(2);
  });

  it("a criterion-only rule alerts on that criterion's gap, whatever the weighted gap", async () => {
    const w = await world(["zh-Hant", "en"]);
    const target = w.snapshot.criteria[1];
    await setRule(w, { criterionKey: target.key, criterionThreshold: 2 });
    // Fine everywhere but the target (gap 4 there): a weighted gap well under 2.
    const [hit] = await storeCustomerResponses([submission(w, "criterion-hit", 6, { [target.key]: 2 })]);
    // Bad everywhere except the target (gap 1 there): no alert.
    await storeCustomerResponses([
      submission(w, "criterion-miss", 1, Object.fromEntries(w.snapshot.criteria.map((c) => [c.key, c.key === target.key ? 5 : 1]))),
    ]);
    const { cases: n, mails } = await tally(w);
    expect(n).toBe(1);
    const [opened] = await getDb().select().from(cases).where(eq(cases.studyId, w.studyId));
    expect(opened.responseId).toBe(hit.responseId);
    // In the study's first language, naming the criterion.
    expect(mails[0].subject).toMatch(/^提醒：/);
    expect(mails[0].textBody).toContain(`「${target.name["zh-Hant"]}」的差距為 4.00`);
  });

  it("imports open nothing and fire no webhook, even far over the threshold", async () => {
    const w = await world();
    await setRule(w, { threshold: 0.1 });
    const study = (await findStudy(getDb(), w.workspaceId, w.studyId))!;
    const outcome = await importFile(study, wideCsv(w.snapshot, 40, { segments: ["A", "B"] }), { sign: "e-p", dryRun: false });
    expect(outcome).toMatchObject({ status: "imported", added: 40 });
    const { cases: n, mails, deliveries } = await tally(w);
    expect({ n, mails: mails.length, deliveries: deliveries.length }).toEqual({ n: 0, mails: 0, deliveries: 0 });
  });

  it("without mail set up the case still opens and no mail is queued", async () => {
    const w = await world();
    await setRule(w, { threshold: 1.5 });
    const saved = env.SMTP_URL;
    env.SMTP_URL = undefined;
    try {
      await storeCustomerResponses([submission(w, "no-mail", 1)]);
    } finally {
      env.SMTP_URL = saved;
    }
    const { cases: n, mails } = await tally(w);
    expect(n).toBe(1);
    expect(mails).toHaveLength(0);
  });

  it("no rule: nothing opens; the demo's history (closeLoop: false) fires nothing", async () => {
    const w = await world();
    await storeCustomerResponses([submission(w, "no-rule", 1)]);
    await setRule(w, { threshold: 0.5 });
    await transaction((tx) => storeCustomerResponse(submission(w, "demo", 1), tx, { closeLoop: false }));
    const { cases: n, deliveries } = await tally(w);
    expect(n).toBe(0);
    expect(deliveries.map((d) => d.event)).toEqual(["response.submitted"]);
  });

  it("stores the consent step's contact with the response; it can be removed without touching the response", async () => {
    const w = await world();
    const [outcome] = await storeCustomerResponses([
      { ...submission(w, "consented", 2), contact: { name: "林小姐", email: "lin@example.com", phone: "" } },
    ]);
    expect(await contactsOfResponses(getDb(), [outcome.responseId, "no-such"])).toEqual(
      new Map([[outcome.responseId, { name: "林小姐", email: "lin@example.com", phone: "" }]]),
    );
    expect(await transaction((tx) => deleteResponseContact(tx, outcome.responseId))).toBe(true);
    expect((await contactsOfResponses(getDb(), [outcome.responseId])).size).toBe(0);
    const [kept] = await getDb().select({ n: count() }).from(responses).where(eq(responses.id, outcome.responseId));
    expect(kept.n).toBe(1);
  });
});
