import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { getDb } from "@/db/client";
import { countSubmitted } from "@/db/queries/responses";
import { apiKeyLimitKey, findActiveApiKey } from "@/db/queries/api-keys";
import { hashToken } from "@/lib/auth/tokens";
import { env } from "@/lib/env";
import { setRateLimitCounter } from "./survey-helpers";
import { backdateVersions } from "./dashboard-helpers";

// The REST contract of API.md, end to end over HTTP.

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function createStudy(request: APIRequestContext, key: string, extra: Record<string, unknown> = {}) {
  const res = await request.post("/api/v1/studies", {
    headers: auth(key),
    data: { name: "Front desk 2026 Q4", provider: "Harbour Hotel", industry: "hotel", languages: ["en", "zh-Hant"], seed: 7, ...extra },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; criteria: { key: string; items: { key: string; id: string }[] }[] };
}

test("create, publish, respond, read results; resending never duplicates", async ({ request, workspace }) => {
  const key = await workspace.apiKey("manager");
  const study = await createStudy(request, key);
  expect(study.criteria.map((c) => c.key)).toEqual(["professionalism", "attitudes", "accessibility", "reliability", "recovery", "reputation"]);
  expect(study.criteria.every((c) => c.items.length >= 4 && c.items.length <= 5)).toBe(true);

  const before = await request.post(`/api/v1/studies/${study.id}/responses`, {
    headers: auth(key),
    data: { responses: [{ answers: [{ item: study.criteria[0].items[0].key, expected: 7, perceived: 5 }] }] },
  });
  expect(before.status()).toBe(409);

  const published = await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) });
  expect(published.status()).toBe(201);
  const { version, surveyUrl } = await published.json();
  expect(version).toBe(1);
  expect(surveyUrl).toMatch(/\/s\/[\w-]{32,}$/);

  const items = study.criteria.flatMap((c) => c.items);
  const body = {
    responses: [
      { id: "r-1", segment: "", answers: items.map((i) => ({ item: i.key, expected: 7, perceived: 5 })) },
      {
        id: "r-2",
        answers: items.map((i, n) => (n === 0 ? { item: i.id, expected: null, perceived: null } : { item: i.id, expected: 6, perceived: 6 })),
      },
    ],
  };
  const first = await request.post(`/api/v1/studies/${study.id}/responses`, { headers: auth(key), data: body });
  expect(first.status()).toBe(201);
  expect((await first.json()).accepted).toBe(2);
  const again = await request.post(`/api/v1/studies/${study.id}/responses`, { headers: auth(key), data: body });
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 2 });
  expect(await countSubmitted(getDb(), study.id)).toBe(2);

  const results = await (await request.get(`/api/v1/studies/${study.id}/results`, { headers: auth(await workspace.apiKey("analyst")) })).json();
  expect(results.n).toBe(2);
  // Criterion means are over respondents: E = (7 + 6) / 2, P = (5 + 6) / 2, equal weights → SQ = 1.
  expect(results.expectedQuality).toBeCloseTo(6.5, 9);
  expect(results.perceivedQuality).toBeCloseTo(5.5, 9);
  expect(results.serviceQualityGap).toBeCloseTo(1, 9);
  expect(results.criteria[0]).toMatchObject({ key: "professionalism", n: 2 });
  expect(results.items[0]).toMatchObject({ n: 1, gap: { mean: 2 } });
  expect(results.gaps["1"]).toMatchObject({ total: null, status: "not-enough-data" });

  const doc = await (await request.get(`/api/v1/studies/${study.id}`, { headers: auth(key) })).json();
  expect(doc.versions).toHaveLength(1);
  expect(doc.weights.professionalism).toBeCloseTo(16.67, 2);
});

test("validation errors name their paths and change nothing", async ({ request, workspace }) => {
  const key = await workspace.apiKey("manager");
  const bad = await request.post("/api/v1/studies", {
    headers: auth(key),
    data: { name: "", provider: "X", scale: 6, criteria: [{ key: "a", name: { en: "A" }, weight: 90 }] },
  });
  expect(bad.status()).toBe(400);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  const problem = await bad.json();
  const paths = problem.errors.map((e: { path: string }) => e.path);
  expect(paths).toEqual(expect.arrayContaining(["name", "scale", "criteria"]));
  expect(problem.errors.find((e: { path: string }) => e.path === "criteria").message).toContain("100");

  const study = await createStudy(request, key, {
    criteria: [
      { key: "reliability", name: { en: "Reliability" }, weight: 100, items: [1, 2, 3].map((n) => ({ key: `r${n}`, text: { en: `S${n}` } })) },
    ],
  });
  const refused = await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) });
  expect(refused.status()).toBe(422);
  const reasons = (await refused.json()).errors.map((e: { message: string }) => e.message).join(" ");
  expect(reasons).toContain("has 3 items");
  expect(reasons).toContain("no text in zh-Hant");

  const good = await createStudy(request, key);
  await request.post(`/api/v1/studies/${good.id}/versions`, { headers: auth(key) });
  const item = good.criteria[0].items[0].key;
  const cases: [unknown, number, string][] = [
    [{ responses: [{ answers: [{ item: "nope", expected: 7, perceived: 5 }] }] }, 422, "responses.0.answers.0.item"],
    [{ responses: [{ answers: [{ item, expected: 8, perceived: 5 }] }] }, 422, "responses.0.answers.0.expected"],
    [{ responses: [{ answers: [{ item, expected: 7, perceived: null }] }] }, 422, "responses.0.answers.0"],
    [{ responses: [{ answers: [{ item, expected: 6.5, perceived: 5 }] }] }, 400, "responses.0.answers.0.expected"],
    [{ responses: [{ answers: [{ item: study.criteria[0].items[0].id, expected: 7, perceived: 5 }] }] }, 422, "responses.0.answers.0.item"],
    [{ responses: [{ answers: [{ item, expected: 7, perceived: 5 }], weights: { reliability: 50 } }] }, 422, "responses.0.weights"],
    [{ responses: [{ answers: [{ item, expected: 7, perceived: 5 }], extra: 1 }] }, 400, "responses.0"],
  ];
  for (const [data, status, path] of cases) {
    const res = await request.post(`/api/v1/studies/${good.id}/responses`, { headers: auth(key), data });
    expect(res.status(), JSON.stringify(data)).toBe(status);
    const errors = (await res.json()).errors as { path: string }[];
    expect(
      errors.map((e) => e.path),
      JSON.stringify(data),
    ).toContain(path);
  }
  const wrongType = await request.post(`/api/v1/studies/${good.id}/responses`, {
    headers: { ...auth(key), "content-type": "text/plain" },
    data: "responses",
  });
  expect(wrongType.status()).toBe(415);
  const broken = await request.post(`/api/v1/studies/${good.id}/responses`, {
    headers: { ...auth(key), "content-type": "application/json" },
    data: "{not json",
  });
  expect(broken.status()).toBe(400);
  const huge = await request.post(`/api/v1/studies/${good.id}/responses`, {
    headers: { ...auth(key), "content-type": "application/json" },
    data: JSON.stringify({ responses: [{ answers: [{ item, expected: 7, perceived: 5 }], padding: "x".repeat(11 * 1024 * 1024) }] }),
  });
  expect(huge.status()).toBe(413);
  expect(await countSubmitted(getDb(), good.id)).toBe(0);
});

test("a large batch (parsed off the event loop) is stored whole; broken or NUL-carrying large bodies are refused", async ({ request, workspace }) => {
  const key = await workspace.apiKey("manager");
  const study = await createStudy(request, key);
  await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) });
  const items = study.criteria.flatMap((c) => c.items);
  // About 1.5 MB: past the size above which the server parses JSON on a worker thread.
  const responses = Array.from({ length: 1_200 }, (_, r) => ({
    id: `big-${r}`,
    answers: items.map((i, n) => ({ item: i.key, expected: 7, perceived: 1 + ((r + n) % 7) })),
  }));
  const text = JSON.stringify({ responses });
  expect(text.length).toBeGreaterThan(1024 * 1024);
  const headers = { ...auth(key), "content-type": "application/json" };
  const stored = await request.post(`/api/v1/studies/${study.id}/responses`, { headers, data: text });
  expect(stored.status()).toBe(201);
  expect(await stored.json()).toMatchObject({ accepted: 1_200, duplicates: 0 });
  const results = await (await request.get(`/api/v1/studies/${study.id}/results`, { headers: auth(key) })).json();
  expect(results.n).toBe(1_200);

  const cut = await request.post(`/api/v1/studies/${study.id}/responses`, { headers, data: text.slice(0, -2) });
  expect(cut.status()).toBe(400);
  const withNul = JSON.stringify({ responses: responses.map((r, i) => (i === 700 ? { ...r, id: "x\u0000y" } : { ...r, id: `nul-${i}` })) });
  const nul = await request.post(`/api/v1/studies/${study.id}/responses`, { headers, data: withNul });
  expect(nul.status()).toBe(400);
  expect(await countSubmitted(getDb(), study.id)).toBe(1_200);
});

test("keys, roles and workspaces: 401, 403, and another workspace's ids look unknown", async ({ request, workspace }) => {
  const key = await workspace.apiKey("manager");
  const study = await createStudy(request, key);
  expect((await request.get(`/api/v1/studies/${study.id}`)).status()).toBe(401);
  expect((await request.get(`/api/v1/studies/${study.id}`, { headers: auth("gm_not-a-key") })).status()).toBe(401);

  const analyst = await workspace.apiKey("analyst");
  expect((await request.get(`/api/v1/studies/${study.id}`, { headers: auth(analyst) })).status()).toBe(200);
  const write = await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(analyst) });
  expect(write.status()).toBe(403);

  const { makeWorkspace } = await import("./fixtures");
  const other = await makeWorkspace("Other team");
  const otherKey = await other.apiKey("manager");
  for (const path of ["", "/results", "/export"]) {
    const res = await request.get(`/api/v1/studies/${study.id}${path}`, { headers: auth(otherKey) });
    expect(res.status(), path).toBe(404);
  }
  const post = await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(otherKey) });
  expect(post.status()).toBe(404);
});

test("a key that sends too many requests gets 429 with Retry-After", async ({ request, workspace }) => {
  const key = await workspace.apiKey("analyst");
  let limited = null;
  // The limit counts in fixed one-minute windows: 700 calls could straddle a
  // window's end and never reach 601 in one; 1,300 always do.
  for (let i = 0; i < 1300 && !limited; i++) {
    const res = await request.get("/api/v1/studies", { headers: auth(key) });
    if (res.status() === 429) limited = res;
    else expect(res.status()).toBe(200);
  }
  expect(limited).not.toBeNull();
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
});

test("40 submits at once near the key's limit: exactly as many pass as the limit has left, and only those are stored", async ({
  request,
  workspace,
}) => {
  // The server reads a key and counts its hits for the calls that arrive
  // together in one statement (lib/api/auth.ts), and the study for the
  // submits that arrive together in one read: numbered hits must still stop
  // at the limit exactly.
  const key = await workspace.apiKey("manager");
  const study = await createStudy(request, key);
  expect((await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) })).status()).toBe(201);
  const items = study.criteria.flatMap((c) => c.items);
  const keyRow = await findActiveApiKey(getDb(), hashToken(key));
  await setRateLimitCounter(apiKeyLimitKey(keyRow!.id), env.API_RATE_LIMIT_PER_MINUTE - 10);
  const statuses = await Promise.all(
    Array.from({ length: 40 }, (_, n) =>
      request
        .post(`/api/v1/studies/${study.id}/responses`, {
          headers: auth(key),
          data: { responses: [{ id: `together-${n}`, answers: items.map((i) => ({ item: i.key, expected: 6, perceived: 1 + (n % 7) })) }] },
        })
        .then((res) => res.status()),
    ),
  );
  expect(statuses.filter((s) => s === 201)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(30);
  expect(await countSubmitted(getDb(), study.id)).toBe(10);
  await setRateLimitCounter(apiKeyLimitKey(keyRow!.id), null);
});

test("the OpenAPI document is served and lists the endpoints", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(["/studies", "/studies/{id}/results", "/studies/{id}/perspectives/{perspective}/responses"]),
  );
});

test("GET /studies and /studies/{id} carry the contract's fields", async ({ request, workspace }) => {
  const key = await workspace.apiKey("manager");
  const study = await createStudy(request, key, {
    askImportance: true,
    segments: ["Branch A"],
    criteria: [
      {
        key: "speed",
        name: { en: "Speed", "zh-Hant": "速度" },
        weight: 60,
        items: [1, 2, 3, 4].map((n) => ({ key: `s${n}`, text: { en: `S${n}`, "zh-Hant": `快${n}` }, reverse: n === 4 })),
      },
      {
        key: "care",
        name: { en: "Care", "zh-Hant": "關懷" },
        weight: 40,
        items: [1, 2, 3, 4].map((n) => ({ key: `c${n}`, text: { en: `C${n}`, "zh-Hant": `暖${n}` } })),
      },
    ],
  });
  expect(study.criteria.map((c) => [c.key, c.items.map((i) => i.key)])).toEqual([
    ["speed", ["s1", "s2", "s3", "s4"]],
    ["care", ["c1", "c2", "c3", "c4"]],
  ]);
  expect((await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) })).status()).toBe(201);

  const doc = await (await request.get(`/api/v1/studies/${study.id}`, { headers: auth(await workspace.apiKey("analyst")) })).json();
  expect(doc).toMatchObject({
    id: study.id,
    name: "Front desk 2026 Q4",
    provider: "Harbour Hotel",
    industry: "hotel",
    scale: 7,
    languages: ["en", "zh-Hant"],
    askImportance: true,
    segments: ["Branch A"],
  });
  expect(doc.weights).toEqual({ speed: 60, care: 40 });
  expect(doc.criteria[0]).toMatchObject({ key: "speed", weight: 60, name: { en: "Speed", "zh-Hant": "速度" } });
  expect(doc.criteria[0].items[3]).toMatchObject({ key: "s4", id: study.criteria[0].items[3].id, reverse: true, text: { en: "S4" } });
  expect(doc.versions).toEqual([
    expect.objectContaining({ version: 1, id: expect.any(String), publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }),
  ]);
  expect(doc.versions[0].criteria[1].items.map((i: { key: string }) => i.key)).toEqual(["c1", "c2", "c3", "c4"]);

  const list = await (await request.get("/api/v1/studies", { headers: auth(key) })).json();
  expect(list.studies).toContainEqual({
    id: study.id,
    name: "Front desk 2026 Q4",
    provider: "Harbour Hotel",
    industry: "hotel",
    latestVersion: 1,
    responses: 0,
  });
});

test("internal perspectives: 201, idempotent resend, paths in errors, 404 for an unknown perspective, 403 for an analyst", async ({
  request,
  workspace,
}) => {
  const key = await workspace.apiKey("manager");
  const study = await createStudy(request, key);
  const item = study.criteria[0].items[0].key;
  const url = `/api/v1/studies/${study.id}/perspectives/management/responses`;
  const body = { responses: [{ id: "m-1", answers: [{ item, rating: 6 }] }] };
  expect((await request.post(url, { headers: auth(key), data: body })).status()).toBe(409);
  await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) });

  const first = await request.post(url, { headers: auth(key), data: body });
  expect(first.status()).toBe(201);
  expect(await first.json()).toMatchObject({ accepted: 1, duplicates: 0, version: 1 });
  expect(await (await request.post(url, { headers: auth(key), data: body })).json()).toMatchObject({ accepted: 0, duplicates: 1 });

  const cases: [unknown, number, string][] = [
    [{ responses: [{ answers: [{ item: "nope", rating: 6 }] }] }, 422, "responses.0.answers.0.item"],
    [{ responses: [{ answers: [{ item, rating: 9 }] }] }, 422, "responses.0.answers.0.rating"],
    [{ responses: [{ answers: [{ item, rating: 2.5 }] }] }, 400, "responses.0.answers.0.rating"],
    [{ responses: [] }, 400, "responses"],
  ];
  for (const [data, status, path] of cases) {
    const res = await request.post(url, { headers: auth(key), data });
    expect(res.status(), JSON.stringify(data)).toBe(status);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
    expect(
      ((await res.json()).errors as { path: string }[]).map((e) => e.path),
      JSON.stringify(data),
    ).toContain(path);
  }
  expect((await request.post(`/api/v1/studies/${study.id}/perspectives/board/responses`, { headers: auth(key), data: body })).status()).toBe(404);
  expect((await request.post(url, { headers: auth(await workspace.apiKey("analyst")), data: body })).status()).toBe(403);
  const { makeWorkspace } = await import("./fixtures");
  const other = await makeWorkspace("Other team");
  expect((await request.post(url, { headers: auth(await other.apiKey("manager")), data: body })).status()).toBe(404);

  const results = await (await request.get(`/api/v1/studies/${study.id}/results`, { headers: auth(key) })).json();
  expect(results.gaps["1"]).toHaveProperty("n");
});

test("results filters and exports: content types, 400 with paths, 404 for an unknown version, 409 before publishing", async ({
  request,
  workspace,
}) => {
  const key = await workspace.apiKey("manager");
  const analyst = await workspace.apiKey("analyst");
  const study = await createStudy(request, key);
  expect((await request.get(`/api/v1/studies/${study.id}/results`, { headers: auth(analyst) })).status()).toBe(409);
  expect((await request.get(`/api/v1/studies/${study.id}/export?format=long`, { headers: auth(analyst) })).status()).toBe(409);
  await request.post(`/api/v1/studies/${study.id}/versions`, { headers: auth(key) });
  await backdateVersions(study.id, Date.UTC(2026, 8, 1));
  const items = study.criteria.flatMap((c) => c.items);
  await request.post(`/api/v1/studies/${study.id}/responses`, {
    headers: auth(key),
    data: {
      responses: [{ id: "x-1", submittedAt: "2026-10-01T10:00:00Z", answers: items.map((i) => ({ item: i.key, expected: 7, perceived: 4 })) }],
    },
  });

  const badFilter = await request.get(`/api/v1/studies/${study.id}/results?from=yesterday&version=zero`, { headers: auth(analyst) });
  expect(badFilter.status()).toBe(400);
  expect(badFilter.headers()["content-type"]).toContain("application/problem+json");
  expect(((await badFilter.json()).errors as { path: string }[]).map((e) => e.path)).toEqual(expect.arrayContaining(["from", "version"]));
  expect((await request.get(`/api/v1/studies/${study.id}/results?version=9`, { headers: auth(analyst) })).status()).toBe(404);
  const filtered = await (
    await request.get(`/api/v1/studies/${study.id}/results?from=2026-10-01&to=2026-10-01&version=1`, { headers: auth(analyst) })
  ).json();
  expect(filtered).toMatchObject({ n: 1, serviceQualityGap: 3, versions: [1] });

  const types: Record<string, string> = {
    long: "text/csv; charset=utf-8",
    wide: "text/csv; charset=utf-8",
    summary: "text/csv; charset=utf-8",
    codebook: "text/csv; charset=utf-8",
    gaps: "text/csv; charset=utf-8",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
  for (const [format, type] of Object.entries(types)) {
    const res = await request.get(`/api/v1/studies/${study.id}/export?format=${format}`, { headers: auth(analyst) });
    expect(res.status(), format).toBe(200);
    expect(res.headers()["content-type"], format).toBe(type);
    expect(res.headers()["content-disposition"], format).toMatch(/^attachment; filename=/);
    const body = await res.body();
    if (format === "xlsx") expect(body.subarray(0, 2).toString("latin1")).toBe("PK");
    else expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  }
  const long = (await request.get(`/api/v1/studies/${study.id}/export?format=long`, { headers: auth(analyst) })).text();
  expect((await long).split("\r\n")[0]).toBe(
    "\uFEFFresponse_id,submitted_at,version,segment,language,criterion,item,expected,perceived,gap,comment,reverse_scored,answer,expected_as_answered,perceived_as_answered,importance",
  );
  const bad = await request.get(`/api/v1/studies/${study.id}/export?format=pdf`, { headers: auth(analyst) });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors).toEqual([expect.objectContaining({ path: "format" })]);
  expect((await request.get(`/api/v1/studies/${study.id}/export?format=long&version=4`, { headers: auth(analyst) })).status()).toBe(404);
});

test("bodies over the limit are refused with 413 on every write endpoint", async ({ request, workspace }) => {
  const key = await workspace.apiKey("manager");
  const study = await createStudy(request, key);
  const huge = JSON.stringify({ padding: "x".repeat(11 * 1024 * 1024) });
  for (const path of ["/api/v1/studies", `/api/v1/studies/${study.id}/perspectives/delivery/responses`]) {
    const res = await request.post(path, { headers: { ...auth(key), "content-type": "application/json" }, data: huge });
    expect(res.status(), path).toBe(413);
    expect(res.headers()["content-type"]).toContain("application/problem+json");
  }
});
