import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { claimDueDeliveries, insertWebhook, listDeliveries, sweepDeliveries } from "@/db/queries/webhooks";
import { webhookDeliveries, webhooks, type WebhookEvent } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createOwner } from "@/lib/accounts/accounts";
import { deliverDue, maxAttempts, outcomeOf, postDelivery, retryDelayAfter, retryDelaysMs, type DelivererOptions } from "./deliverer";
import { queueWebhookEvent, type WebhookPayload } from "./queue";
import { newWebhookSecret, signatureValue, signPayload, verifySignature } from "./sign";

// The deliverer against a real HTTP server on 127.0.0.1, on this process's
// engine (npm test runs it on SQLite and on PostgreSQL).

describe("signing", () => {
  const body = '{"event":"response.submitted","study":"s1","response":"r1","gap":1.25,"segment":"","submittedAt":"2026-01-01T00:00:00.000Z"}';

  it("matches a known vector (openssl dgst -sha256 -hmac)", () => {
    expect(signPayload("whsec_test", 1767225600, body)).toBe("9e5a370aab9cdca1f4113c38984a64fafd5fab6f73511993559de788c1b32f9d");
    expect(signatureValue("whsec_test", 1767225600, body)).toBe("t=1767225600,v1=9e5a370aab9cdca1f4113c38984a64fafd5fab6f73511993559de788c1b32f9d");
  });

  it("verifies what it signs, and nothing else", () => {
    const now = 1767225600_000;
    const header = signatureValue("whsec_test", 1767225600, body);
    expect(verifySignature("whsec_test", header, body, now)).toBe(true);
    expect(verifySignature("whsec_other", header, body, now)).toBe(false);
    expect(verifySignature("whsec_test", header, body.replace("1.25", "1.26"), now)).toBe(false);
    expect(verifySignature("whsec_test", header.replace("t=1767225600", "t=1767225601"), body, now)).toBe(false);
    expect(verifySignature("whsec_test", header, body, now + 301_000), "too old").toBe(false);
    expect(verifySignature("whsec_test", "v1=abc", body, now)).toBe(false);
  });

  it("makes secrets of 32 random bytes", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

describe("the retry schedule", () => {
  it("retries first within a minute, with growing delays, for at least a day, then gives up", () => {
    expect(retryDelayAfter(1)).toBeLessThanOrEqual(60_000);
    for (let i = 1; i < retryDelaysMs.length; i++) expect(retryDelaysMs[i]).toBeGreaterThanOrEqual(retryDelaysMs[i - 1]);
    const span = retryDelaysMs.reduce((a, b) => a + b, 0);
    expect(span).toBeGreaterThanOrEqual(24 * 60 * 60_000);
    expect(retryDelayAfter(maxAttempts - 1)).not.toBeNull();
    expect(retryDelayAfter(maxAttempts)).toBeNull();
  });

  it("turns an attempt into delivered, queued for later or failed", () => {
    const now = 1_000_000;
    expect(outcomeOf({ ok: true, status: 204, error: null }, 3, now)).toEqual({ state: "delivered", status: 204, at: now });
    expect(outcomeOf({ ok: false, status: 500, error: "http" }, 1, now)).toEqual({
      state: "queued",
      status: 500,
      error: "http",
      sendAfter: now + 30_000,
    });
    expect(outcomeOf({ ok: false, status: null, error: "timeout" }, 2, now)).toMatchObject({ state: "queued", sendAfter: now + 120_000 });
    expect(outcomeOf({ ok: false, status: 503, error: "http" }, maxAttempts, now)).toEqual({ state: "failed", status: 503, error: "http", at: now });
  });
});

type Hit = { path: string; headers: http.IncomingHttpHeaders; body: string };
const hits: Hit[] = [];
/** What the receiver answers per path: a status, a list consumed one per request, or a handler. */
const plan = new Map<string, number[] | ((res: http.ServerResponse) => void)>();
let server: http.Server;
let base: string;
let workspaceId: string;
let done: () => Promise<void>;
const options: DelivererOptions = { allowPrivate: true, log: () => {}, timeoutMs: 1_500 };

beforeAll(async () => {
  done = await useTestDatabase("webhooks");
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      hits.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = plan.get(path);
      if (typeof answer === "function") return answer(res);
      const status = answer && answer.length > 0 ? answer.shift()! : 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const owner = await createOwner({ email: `hooks-${randomUUID()}@example.test`, password: "long enough pw", workspace: "Hooks" });
  workspaceId = owner.workspaceId;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await done();
});

beforeEach(async () => {
  hits.length = 0;
  plan.clear();
  // Each test starts with no webhooks (their deliveries go with them).
  await transaction((tx) => tx.delete(webhooks));
});

async function addWebhook(path: string, events: WebhookEvent[] = ["response.submitted"], url = `${base}${path}`) {
  const id = randomUUID();
  const secret = newWebhookSecret();
  await transaction((tx) => insertWebhook(tx, { id, workspaceId, url, events, secret, createdBy: null }));
  return { id, secret };
}

const payload = (event: WebhookEvent = "response.submitted"): WebhookPayload => ({
  event,
  study: randomUUID(),
  response: randomUUID(),
  gap: 1.5,
  segment: "Taipei",
  submittedAt: new Date().toISOString(),
});

async function deliveriesOf(webhookId: string) {
  return (await listDeliveries(getDb(), webhookId, null, 100)).deliveries;
}

/** Makes every queued delivery due now (as if its wait had passed). */
async function makeDue() {
  await transaction((tx) => tx.update(webhookDeliveries).set({ sendAfter: 0 }).where(eq(webhookDeliveries.state, "queued")));
}

async function drain() {
  while ((await deliverDue(options)) > 0);
}

describe("the deliverer", () => {
  it("POSTs the stored body, signed with the webhook's secret, to the webhooks that listen to the event", async () => {
    const hook = await addWebhook("/ok");
    const alertsOnly = await addWebhook("/alerts", ["response.alert"]);
    const sent = payload();
    expect(await transaction((tx) => queueWebhookEvent(tx, workspaceId, sent))).toBe(1);
    await drain();
    expect(hits.map((h) => h.path)).toEqual(["/ok"]);
    const [hit] = hits;
    expect(JSON.parse(hit.body)).toEqual(sent);
    expect(hit.headers["content-type"]).toBe("application/json");
    expect(hit.headers["user-agent"]).toMatch(/^Gapwise/);
    expect(verifySignature(hook.secret, String(hit.headers["gapwise-signature"]), hit.body)).toBe(true);
    const [delivery] = await deliveriesOf(hook.id);
    expect(hit.headers["gapwise-delivery"]).toBe(delivery.id);
    expect(delivery).toMatchObject({ state: "delivered", attempts: 1, lastStatus: 200, lastError: null, lockedUntil: null });
    expect(delivery.deliveredAt).toBeGreaterThan(0);
    expect(await deliveriesOf(alertsOnly.id)).toEqual([]);
  });

  it("retries a 500 after about 30 seconds with the same body and a fresh signature, then delivers", async () => {
    const hook = await addWebhook("/flaky");
    plan.set("/flaky", [500]);
    await transaction((tx) => queueWebhookEvent(tx, workspaceId, payload()));
    const before = Date.now();
    await drain();
    let [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ state: "queued", attempts: 1, lastStatus: 500, lastError: "http", lockedUntil: null });
    expect(delivery.sendAfter - before).toBeGreaterThanOrEqual(30_000);
    expect(delivery.sendAfter - Date.now()).toBeLessThanOrEqual(30_000);
    expect(await deliverDue(options), "not due yet").toBe(0);
    await makeDue();
    await drain();
    [delivery] = await deliveriesOf(hook.id);
    expect(delivery).toMatchObject({ state: "delivered", attempts: 2, lastStatus: 200, lastError: null });
    expect(hits).toHaveLength(2);
    expect(hits[1].body).toBe(hits[0].body);
    for (const hit of hits) expect(verifySignature(hook.secret, String(hit.headers["gapwise-signature"]), hit.body)).toBe(true);
  });

  it("does not follow a redirect, gives up on a silent receiver, and fails after the last attempt", async () => {
    const redirect = await addWebhook("/moved");
    plan.set("/moved", (res) => res.writeHead(302, { location: `${base}/ok` }).end());
    const silent = await addWebhook("/silent");
    plan.set("/silent", () => {}); // never answers
    const broken = await addWebhook("/broken");
    plan.set("/broken", (res) => res.writeHead(503).end());
    await transaction((tx) => queueWebhookEvent(tx, workspaceId, payload()));
    await drain();
    expect(hits.map((h) => h.path).sort()).toEqual(["/broken", "/moved", "/silent"]);
    expect((await deliveriesOf(redirect.id))[0]).toMatchObject({ state: "queued", lastStatus: 302, lastError: "redirect" });
    expect((await deliveriesOf(silent.id))[0]).toMatchObject({ state: "queued", lastStatus: null, lastError: "timeout" });
    plan.set("/silent", [200]);
    // The remaining attempts, each made due at once: the last one fails the delivery.
    for (let attempt = 2; attempt <= maxAttempts; attempt++) {
      await makeDue();
      await drain();
    }
    expect((await deliveriesOf(broken.id))[0]).toMatchObject({ state: "failed", attempts: maxAttempts, lastStatus: 503, lastError: "http" });
    await makeDue();
    expect(await deliverDue(options), "nothing more after failing").toBe(0);
    expect(hits.filter((h) => h.path === "/ok")).toEqual([]);
    expect((await deliveriesOf(silent.id))[0]).toMatchObject({ state: "delivered", attempts: 2 });
  }, 60_000);

  it("refuses loopback receivers without WEBHOOK_ALLOW_PRIVATE, by literal address and by name, without connecting", async () => {
    const literal = await addWebhook("/private");
    const named = await addWebhook("/private-name", ["response.submitted"], `${base.replace("127.0.0.1", "localhost")}/private-name`);
    await transaction((tx) => queueWebhookEvent(tx, workspaceId, payload()));
    while ((await deliverDue({ ...options, allowPrivate: false })) > 0);
    expect(hits).toEqual([]);
    expect((await deliveriesOf(literal.id))[0]).toMatchObject({ state: "queued", lastStatus: null, lastError: "private-address" });
    expect((await deliveriesOf(named.id))[0]).toMatchObject({ state: "queued", lastStatus: null, lastError: "private-address" });
    expect(await postDelivery(`${base}/x`, "{}", "s", "d", { allowPrivate: false })).toEqual({ ok: false, status: null, error: "private-address" });
  });

  it("two deliverers running at once send each delivery once", async () => {
    const hook = await addWebhook("/race");
    plan.set("/race", (res) => setTimeout(() => res.writeHead(200).end(), 20));
    const queued = 30;
    for (let i = 0; i < queued; i++) await transaction((tx) => queueWebhookEvent(tx, workspaceId, payload()));
    const run = async () => {
      while ((await deliverDue({ ...options, concurrency: 3 })) > 0);
    };
    await Promise.all([run(), run(), run()]);
    const delivered = await deliveriesOf(hook.id);
    expect(delivered).toHaveLength(queued);
    expect(delivered.every((d) => d.state === "delivered" && d.attempts === 1)).toBe(true);
    const ids = hits.map((h) => String(h.headers["gapwise-delivery"]));
    expect(ids).toHaveLength(queued);
    expect(new Set(ids).size).toBe(queued);
  });

  it("leaves a claimed delivery to its claimer until the lease runs out, then another takes it", async () => {
    const hook = await addWebhook("/lease");
    await transaction((tx) => queueWebhookEvent(tx, workspaceId, payload()));
    const now = Date.now();
    const first = await transaction((tx) => claimDueDeliveries(tx, now, 60_000, 10));
    expect(first.map((d) => d.webhookId)).toEqual([hook.id]);
    expect(first[0]).toMatchObject({ url: `${base}/lease`, attempts: 1 });
    expect(await transaction((tx) => claimDueDeliveries(tx, now + 59_000, 60_000, 10)), "still leased").toEqual([]);
    const second = await transaction((tx) => claimDueDeliveries(tx, now + 61_000, 60_000, 10));
    expect(second.map((d) => d.id)).toEqual([first[0].id]);
    expect(second[0].attempts).toBe(2);
    // The first claimer, late, cannot record over the second's claim.
    const { recordDelivery } = await import("@/db/queries/webhooks");
    expect(await transaction((tx) => recordDelivery(tx, first[0].id, now + 60_000, { state: "delivered", status: 200, at: now }))).toBe(false);
    expect(await transaction((tx) => recordDelivery(tx, first[0].id, now + 121_000, { state: "delivered", status: 200, at: now }))).toBe(true);
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ state: "delivered", attempts: 2 });
  });

  it("sweeps delivered and failed deliveries older than the cut-off, never queued ones", async () => {
    const hook = await addWebhook("/sweep");
    for (let i = 0; i < 3; i++) await transaction((tx) => queueWebhookEvent(tx, workspaceId, payload()));
    const [a, b, c] = await deliveriesOf(hook.id);
    await transaction(async (tx) => {
      await tx.update(webhookDeliveries).set({ state: "delivered", createdAt: 1000 }).where(eq(webhookDeliveries.id, a.id));
      await tx.update(webhookDeliveries).set({ state: "failed", createdAt: 1000 }).where(eq(webhookDeliveries.id, b.id));
      await tx
        .update(webhookDeliveries)
        .set({ createdAt: 1000, sendAfter: Date.now() + 3_600_000 })
        .where(eq(webhookDeliveries.id, c.id));
    });
    expect(await transaction((tx) => sweepDeliveries(tx, 2000))).toBe(2);
    expect((await deliveriesOf(hook.id)).map((d) => d.id)).toEqual([c.id]);
  });
});
