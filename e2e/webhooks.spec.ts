import type { APIRequestContext, Page } from "@playwright/test";
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import { shot } from "./survey-helpers";

// Webhooks end to end: a manager adds one in Settings, a customer response
// goes to a real HTTP receiver on 127.0.0.1 (the e2e server runs with
// WEBHOOK_ALLOW_PRIVATE=1), which answers 500 the first time and 200 after;
// the deliverer tries again after its real first delay (30 s), both
// attempts carry a signature that verifies with the secret shown at
// creation, and the deliveries log shows the 500, then the 200.

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

type Hit = { body: string; signature: string; delivery: string; contentType: string; at: number };

/** A receiver that answers the statuses of `answers` in turn (200 once they run out). */
async function startReceiver(answers: number[]) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["gapwise-signature"] ?? ""),
        delivery: String(req.headers["gapwise-delivery"] ?? ""),
        contentType: String(req.headers["content-type"] ?? ""),
        at: Date.now(),
      });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "thanks" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gapwise`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a receiver would do (docs/api.md), written here independently of the app's code. */
function verifies(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function publishedStudy(request: APIRequestContext, key: string) {
  const created = await request.post("/api/v1/studies", { headers: auth(key), data: { name: "Webhook study", provider: "Harbour Hotel", seed: 3 } });
  expect(created.status()).toBe(201);
  const study = (await created.json()) as { id: string; criteria: { items: { key: string }[] }[] };
  expect((await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) })).status()).toBe(201);
  return study;
}

async function submit(request: APIRequestContext, key: string, study: { id: string; criteria: { items: { key: string }[] }[] }) {
  const answers = study.criteria.flatMap((c) => c.items).map((i) => ({ item: i.key, expected: 7, perceived: 4 }));
  const res = await request.post(`/api/v1/studies/${study.id}/responses`, {
    headers: auth(key),
    data: { responses: [{ segment: "Taipei", answers }] },
  });
  expect(res.status()).toBe(201);
}

async function shots(page: Page, name: string) {
  for (const [w, h] of [
    [390, 844],
    [1280, 900],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await shot(page, `${name}-${w}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a manager adds a webhook in Settings; a response reaches a real receiver, is retried after a 500, verifies, and the log shows 500 then 200", async ({
  page,
  request,
  workspace,
  signedInAs,
}) => {
  test.setTimeout(150_000);
  const receiver = await startReceiver([500]);
  try {
    const manager = await workspace.member("manager");
    await signedInAs(manager);
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    // A manager sees the webhooks only, not the owner's members or keys.
    await expect(page.getByRole("heading", { name: "Members" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "API keys" })).toHaveCount(0);

    // Nothing ticked: refused, and said so.
    await page.getByLabel("URL that receives the messages").fill(receiver.url);
    for (const box of await page.getByRole("checkbox").all()) await box.uncheck();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByText("Choose at least one event.")).toBeVisible();
    // A URL that is not http(s).
    await page.getByLabel("URL that receives the messages").fill("ftp://hooks.example.test/");
    await page.getByRole("checkbox", { name: /response\.submitted/ }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByText("Use an http:// or https:// address.")).toBeVisible();

    await page.getByLabel("URL that receives the messages").fill(receiver.url);
    await page.getByRole("checkbox", { name: /response\.submitted/ }).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByText("Copy this signing secret now")).toBeVisible();
    const secret = (await page.getByTestId("new-webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    await expect(page.getByText(receiver.url, { exact: true })).toBeVisible();
    await shots(page, "webhooks-settings-created");
    // The secret is shown once: not on the page after a reload.
    await page.reload();
    expect(await page.content()).not.toContain(secret);

    const key = await workspace.apiKey("manager");
    const study = await publishedStudy(request, key);
    await submit(request, key, study);

    await expect.poll(() => receiver.hits.length, { timeout: 20_000 }).toBe(1);
    const [first] = receiver.hits;
    expect(first.contentType).toBe("application/json");
    expect(verifies(secret, first.signature, first.body)).toBe(true);
    expect(verifies("whsec_wrong", first.signature, first.body)).toBe(false);
    const payload = JSON.parse(first.body);
    expect(payload).toMatchObject({ event: "response.submitted", study: study.id, segment: "Taipei" });
    expect(typeof payload.gap).toBe("number");
    expect(new Date(payload.submittedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    // The log: the 500, waiting for its next try.
    await page.getByRole("link", { name: "Deliveries" }).click();
    await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
    const row = page.locator("tr[data-delivery]");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Waiting to retry");
    await expect(row).toContainText("The receiver answered 500.");
    await expect(row.getByRole("cell", { name: "500", exact: true })).toBeVisible();
    await shots(page, "webhooks-log-retrying");

    // The retry: the same delivery and body, signed again, within the first delay (30 s) and a poll or two.
    await expect.poll(() => receiver.hits.length, { timeout: 60_000 }).toBe(2);
    const second = receiver.hits[1];
    expect(second.delivery).toBe(first.delivery);
    expect(second.body).toBe(first.body);
    expect(verifies(secret, second.signature, second.body)).toBe(true);
    expect(second.at - first.at).toBeGreaterThanOrEqual(29_000);
    expect(second.at - first.at).toBeLessThan(60_000);

    await expect(async () => {
      await page.reload();
      await expect(row).toContainText("Delivered", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(row.getByRole("cell", { name: "200", exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "2", exact: true })).toBeVisible();
    await shots(page, "webhooks-log-delivered");

    // The API tells the same story.
    const hooks = await (await request.get("/api/v1/webhooks", { headers: auth(key) })).json();
    expect(hooks.webhooks).toHaveLength(1);
    expect(JSON.stringify(hooks)).not.toContain(secret);
    expect(hooks.webhooks[0].lastDelivery).toMatchObject({ state: "delivered", status: 200 });
    const log = await (await request.get(`/api/v1/webhooks/${hooks.webhooks[0].id}/deliveries`, { headers: auth(key) })).json();
    expect(log.deliveries).toEqual([
      expect.objectContaining({ id: first.delivery, event: "response.submitted", state: "delivered", attempts: 2, lastStatus: 200, lastError: null }),
    ]);
  } finally {
    await receiver.close();
  }
});

test("the webhooks API: create (secret once), list without secrets, bad input 422 with paths, other workspaces 404, delete", async ({
  request,
  workspace,
}) => {
  const key = await workspace.apiKey("manager");
  const bad = [
    [{ url: "ftp://hooks.example.test/", events: ["response.submitted"] }, "url"],
    [{ url: "https://user:pw@hooks.example.test/", events: ["response.submitted"] }, "url"],
    [{ url: "https://hooks.example.test/", events: [] }, "events"],
    [{ url: "https://hooks.example.test/", events: ["response.deleted"] }, "events.0"],
    [{ url: "", events: ["response.alert"] }, "url"],
    [{ events: ["response.alert"] }, "url"],
    [{ url: "https://hooks.example.test/", events: ["response.alert"], secret: "mine" }, "body"],
  ] as const;
  for (const [data, path] of bad) {
    const res = await request.post("/api/v1/webhooks", { headers: auth(key), data });
    expect(res.status(), JSON.stringify(data)).toBe(422);
    const problem = await res.json();
    expect(
      problem.errors.map((e: { path: string }) => e.path),
      JSON.stringify(data),
    ).toContain(path);
  }
  expect((await (await request.get("/api/v1/webhooks", { headers: auth(key) })).json()).webhooks).toEqual([]);

  const created = await request.post("/api/v1/webhooks", {
    headers: auth(key),
    data: { url: "http://127.0.0.1:9/hook", events: ["response.alert", "response.alert"] },
  });
  expect(created.status()).toBe(201);
  const hook = await created.json();
  expect(hook).toMatchObject({ url: "http://127.0.0.1:9/hook", events: ["response.alert"] });
  expect(hook.secret).toMatch(/^whsec_/);
  const listed = await (await request.get("/api/v1/webhooks", { headers: auth(key) })).json();
  expect(listed.webhooks).toEqual([{ id: hook.id, url: hook.url, events: ["response.alert"], createdAt: expect.any(String), lastDelivery: null }]);
  expect(JSON.stringify(listed)).not.toContain(hook.secret);
  expect(await (await request.get(`/api/v1/webhooks/${hook.id}/deliveries`, { headers: auth(key) })).json()).toEqual({ deliveries: [], next: null });
  expect((await request.get(`/api/v1/webhooks/${hook.id}/deliveries?cursor=nonsense!`, { headers: auth(key) })).status()).toBe(400);
  expect((await request.get(`/api/v1/webhooks/${hook.id}/deliveries?limit=0`, { headers: auth(key) })).status()).toBe(400);

  const analyst = await workspace.apiKey("analyst");
  expect(
    (await request.post("/api/v1/webhooks", { headers: auth(analyst), data: { url: "http://127.0.0.1:9/", events: ["response.alert"] } })).status(),
  ).toBe(403);
  const { makeWorkspace } = await import("./fixtures");
  const other = await (await makeWorkspace("Other")).apiKey("manager");
  expect((await request.get(`/api/v1/webhooks/${hook.id}/deliveries`, { headers: auth(other) })).status()).toBe(404);
  expect((await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: auth(other) })).status()).toBe(404);
  expect((await (await request.get("/api/v1/webhooks", { headers: auth(other) })).json()).webhooks).toEqual([]);

  expect((await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: auth(key) })).status()).toBe(204);
  expect((await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: auth(key) })).status()).toBe(404);
  expect((await request.get(`/api/v1/webhooks/${hook.id}/deliveries`, { headers: auth(key) })).status()).toBe(404);
});

test("without JavaScript an owner adds a webhook (secret shown), in Traditional Chinese, and deletes it after confirming", async ({
  browser,
  workspace,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(workspace.owner.email);
    await page.getByLabel("Password").fill(workspace.owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/studies/);
    await context.addCookies([{ name: "locale", value: "zh-Hant", url: page.url() }]);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "Webhook", exact: true })).toBeVisible();
    await page.getByLabel("接收訊息的網址").fill("http://127.0.0.1:9/no-js");
    await page.getByRole("button", { name: "新增 Webhook" }).click();
    await expect(page.getByText("請現在就複製這組簽章密鑰")).toBeVisible();
    expect((await page.getByTestId("new-webhook-secret").textContent())!.trim()).toMatch(/^whsec_/);
    await shots(page, "webhooks-settings-zh-hant");
    await page.goto("/settings");
    await expect(page.getByText("http://127.0.0.1:9/no-js", { exact: true })).toBeVisible();
    await page.getByText("刪除…").click();
    await page.getByRole("button", { name: "刪除 Webhook" }).click();
    await expect(page.getByText("http://127.0.0.1:9/no-js", { exact: true })).toHaveCount(0);
    await expect(page.getByText("還沒有 Webhook。")).toBeVisible();
  } finally {
    await context.close();
  }
});
