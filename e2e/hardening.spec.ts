import http from "node:http";
import { createHash } from "node:crypto";
import { expect, test } from "./fixtures";
import { makePublishedStudy } from "./survey-helpers";

// Issue [M]: the open redirect after sign-in, the Content-Security-Policy
// (nonces for pages, a hash for the survey), /locale's Origin check, a
// chunked oversized post to a page, and links that follow the public origin.

const scriptSrc = (policy: string | undefined) => /(?:^|;)\s*script-src ([^;]*)/.exec(policy ?? "")?.[1].split(" ") ?? [];

test("a page runs only scripts carrying this response's nonce", async ({ page, request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const sources = scriptSrc(first.headers()["content-security-policy"]);
  expect(sources).not.toContain("'unsafe-inline'");
  const nonce = sources.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce).toBeTruthy();
  expect(scriptSrc(second.headers()["content-security-policy"])).not.toContain(`'nonce-${nonce}'`);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // And the browser runs them: nothing refused, the page hydrates.
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.goto("/sign-in");
  await expect.poll(() => page.evaluate(() => document.querySelectorAll("script[nonce]").length)).toBeGreaterThan(0);
  await page.waitForLoadState("networkidle");
  expect(refused).toEqual([]);
});

test("the survey allows only its own inline script, by hash, and runs it", async ({ page, request }) => {
  const study = await makePublishedStudy();
  const res = await request.get(`/s/${study.token}`);
  expect(res.status()).toBe(200);
  const sources = scriptSrc(res.headers()["content-security-policy"]);
  expect(sources).not.toContain("'unsafe-inline'");
  const inline = [...(await res.text()).matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, text]) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`,
  );
  expect(inline.length).toBe(1);
  expect(sources).toEqual(inline);

  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.goto(`/s/${study.token}`);
  await page.getByRole("button").first().waitFor();
  expect(refused).toEqual([]);
});

test("sign-in sends the user only to a path on this site", async ({ page, workspace, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  for (const next of ["/\\evil.example/x", "/\t/evil.example/x", "//evil.example/x", "https://evil.example/x", "/.//evil.example/x"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(workspace.owner.email);
    await page.getByLabel("Password").fill(workspace.owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/sign-in");
    expect(new URL(page.url()).origin, next).toBe(origin);
  }
  await page.context().clearCookies();
  await page.goto(`/sign-in?next=${encodeURIComponent("/settings?tab=members")}`);
  await page.getByLabel("Email").fill(workspace.owner.email);
  await page.getByLabel("Password").fill(workspace.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${origin}/settings?tab=members`);
});

test("the language switch refuses another site's post", async ({ request, baseURL }) => {
  const form = { locale: "zh-Hant", back: "/studies" };
  const foreign = await request.post("/locale", { form, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(foreign.status()).toBe(403);
  expect(foreign.headers()["set-cookie"]).toBeUndefined();
  const own = await request.post("/locale", { form, headers: { origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(own.status()).toBe(303);
  expect(own.headers().location).toBe("/studies");
});

test("a chunked post over the action limit to a page is refused with 413", async ({ baseURL }) => {
  const url = new URL("/sign-in", baseURL);
  const boundary = "----e2e-chunked";
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="pad"\r\n\r\n`);
    // 300 kB in 10 kB chunks: no Content-Length anywhere.
    for (let i = 0; i < 30; i++) req.write("x".repeat(10 * 1024));
    req.end(`\r\n--${boundary}--\r\n`);
  });
  expect(status).toBe(413);
});

// The e2e server runs with PUBLIC_URL (mail needs it): every link the API
// hands out starts with it, whatever host a client or proxy claims. (Without
// PUBLIC_URL links follow the request's origin: lib/http/public-origin.test.ts.)
test("the API's links start with PUBLIC_URL, not a forwarded host", async ({ request, workspace, baseURL }) => {
  const key = await workspace.apiKey("manager");
  const headers = { authorization: `Bearer ${key}`, "x-forwarded-host": "survey.example", "x-forwarded-proto": "https" };
  const created = await request.post("/api/v1/studies", { headers, data: { name: "Links", provider: "Harbour Hotel", industry: "hotel", seed: 7 } });
  expect(created.status()).toBe(201);
  const published = await request.post(`/api/v1/studies/${(await created.json()).id}/versions`, { headers });
  expect(published.status()).toBe(201);
  const origin = new URL(baseURL!).origin;
  expect((await published.json()).surveyUrl).toMatch(new RegExp(`^${origin.replace(/[.]/g, "\\.")}/s/[\\w-]{32,}$`));
  const openapi = await (await request.get("/api/v1/openapi.json", { headers })).json();
  expect(openapi.servers).toEqual([expect.objectContaining({ url: `${origin}/api/v1` })]);
});
