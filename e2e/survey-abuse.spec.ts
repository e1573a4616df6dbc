import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { findLinkByToken } from "@/db/queries/links";
import { countSubmitted } from "@/db/queries/responses";
import { newToken } from "@/lib/auth/tokens";
import { surveySteps } from "@/lib/survey/steps";
import { expect, test } from "./fixtures";
import { clearSurveyRateLimits, footprint, limitedAddress, makePublishedStudy, setRateLimitCounter, stepBody } from "./survey-helpers";

// Abuse of the customer survey: forged or malformed posts to the page's form
// action and to the API get a clear 4xx (never a 500) and change nothing; the
// honeypot and the rate limits keep bots out.

test.beforeEach(() => clearSurveyRateLimits());

test("malformed posts to the survey page and to the API get a clear 4xx, never a 500, and change nothing", async ({ request, workspace }) => {
  const study = await makePublishedStudy({ workspaceId: workspace.id, askImportance: true });
  const other = await makePublishedStudy();
  const steps = surveySteps(study.snapshot);
  const last = steps.length - 1;
  // A response that reached the last step (importance), and one on step 1.
  const far = randomUUID();
  for (let i = 0; i < last; i++)
    expect((await request.post(`/s/${study.token}`, { form: stepBody(study, far, i), maxRedirects: 0 })).status()).toBe(303);
  const near = randomUUID();
  expect((await request.post(`/s/${study.token}`, { form: stepBody(study, near, 0), maxRedirects: 0 })).status()).toBe(303);
  const before = await footprint([study.studyId, other.studyId]);
  const step1 = steps[1].kind === "criterion" ? steps[1].criterion : null;
  const item = step1!.items[0].id;
  const otherItem = other.snapshot.criteria[0].items[0].id;
  const page = `/s/${study.token}`;
  const weights = Object.fromEntries(study.snapshot.criteria.map((c) => [`w.${c.id}`, "10"]));

  const cases: { name: string; status: number; text: string; send: () => ReturnType<typeof request.post> }[] = [
    {
      name: "unknown item",
      status: 422,
      text: "is not an item of this questionnaire",
      send: () => request.post(page, { form: stepBody(study, near, 1, { "e.no-such-item": "3", "p.no-such-item": "3" }) }),
    },
    {
      name: "other study's item",
      status: 422,
      text: otherItem,
      send: () => request.post(page, { form: stepBody(study, near, 1, { [`e.${otherItem}`]: "3", [`p.${otherItem}`]: "3" }) }),
    },
    {
      name: "rating above the scale",
      status: 422,
      text: "Ratings are whole numbers from 1 to 7",
      send: () => request.post(page, { form: stepBody(study, near, 1, { [`e.${item}`]: "8" }) }),
    },
    {
      name: "rating below the scale",
      status: 422,
      text: "Ratings are whole numbers from 1 to 7",
      send: () => request.post(page, { form: stepBody(study, near, 1, { [`p.${item}`]: "0" }) }),
    },
    {
      name: "non-integer rating",
      status: 400,
      text: "A rating is a whole number",
      send: () => request.post(page, { form: stepBody(study, near, 1, { [`e.${item}`]: "4.5" }) }),
    },
    {
      name: "not a number",
      status: 400,
      text: "A rating is a whole number",
      send: () => request.post(page, { form: stepBody(study, near, 1, { [`e.${item}`]: "lots" }) }),
    },
    {
      name: "half pair",
      status: 422,
      text: "Also rate what you experienced here",
      send: () => {
        const form = stepBody(study, near, 1);
        delete form[`p.${item}`];
        return request.post(page, { form });
      },
    },
    {
      name: "points not summing to 100",
      status: 422,
      text: "The points add up to 60; they must add up to exactly 100.",
      send: () => request.post(page, { form: stepBody(study, far, last, weights) }),
    },
    {
      name: "negative points",
      status: 422,
      text: "Enter a number from 0 to 100.",
      send: () => request.post(page, { form: stepBody(study, far, last, { ...weights, [`w.${study.snapshot.criteria[0].id}`]: "-50" }) }),
    },
    {
      name: "unknown field",
      status: 400,
      text: "This field is not part of the survey",
      send: () => request.post(page, { form: stepBody(study, near, 1, { admin: "1" }) }),
    },
    {
      name: "missing response id",
      status: 400,
      text: "The response id is missing or malformed",
      send: () => request.post(page, { form: { ...stepBody(study, near, 1), rid: "" } }),
    },
    {
      name: "a step not reached yet",
      status: 409,
      text: "This page is out of date",
      send: () => request.post(page, { form: stepBody(study, near, 3) }),
    },
    {
      name: "oversized body",
      status: 413,
      text: "That was too much text",
      send: () => request.post(page, { form: stepBody(study, near, 1, { comment: "x".repeat(70_000) }) }),
    },
    { name: "JSON body", status: 415, text: "Send the answers as a form", send: () => request.post(page, { data: { rid: near, step: 1 } }) },
    {
      name: "plain text body",
      status: 415,
      text: "Send the answers as a form",
      send: () => request.post(page, { data: "rid=x", headers: { "content-type": "text/plain" } }),
    },
    {
      name: "unknown link",
      status: 404,
      text: "This survey link does not exist",
      send: () => request.post(`/s/${newToken()}`, { form: stepBody(study, near, 1) }),
    },
  ];
  for (const c of cases) {
    const response = await c.send();
    const body = await response.text();
    expect.soft(response.status(), `${c.name}: ${body.slice(0, 200)}`).toBe(c.status);
    expect.soft(body, c.name).toContain(c.text);
    expect.soft(body, c.name).not.toMatch(/at .*\.(js|ts):\d+|SqliteError|TypeError/);
    expect(await footprint([study.studyId, other.studyId]), c.name).toEqual(before);
  }

  // The API: the same checks (lib/responses/check.ts), the same answers.
  const key = await workspace.apiKey("manager");
  const api = `/api/v1/studies/${study.studyId}/responses`;
  const auth = { authorization: `Bearer ${key}` };
  const all = study.snapshot.criteria.flatMap((c) => c.items);
  const answers = (patch: Record<string, unknown> = {}) => all.map((i, n) => ({ item: i.id, expected: 5, perceived: 4, ...(n === 0 ? patch : {}) }));
  const apiCases: { name: string; status: number; text: string; body: unknown; headers?: Record<string, string> }[] = [
    {
      name: "unknown item",
      status: 422,
      text: "is not an item",
      body: { responses: [{ answers: [...answers(), { item: "nope", expected: 1, perceived: 1 }] }] },
    },
    {
      name: "other study's item",
      status: 422,
      text: otherItem,
      body: { responses: [{ answers: [...answers(), { item: otherItem, expected: 1, perceived: 1 }] }] },
    },
    { name: "rating out of range", status: 422, text: "from 1 to 7", body: { responses: [{ answers: answers({ expected: 9 }) }] } },
    { name: "non-integer rating", status: 400, text: "whole number", body: { responses: [{ answers: answers({ expected: 4.5 }) }] } },
    { name: "half pair", status: 422, text: "Rate both expected and perceived", body: { responses: [{ answers: answers({ perceived: null }) }] } },
    {
      name: "weights not 100",
      status: 422,
      text: "sum to exactly 100",
      body: { responses: [{ answers: answers(), weights: { [study.snapshot.criteria[0].key]: 30 } }] },
    },
  ];
  for (const c of apiCases) {
    const response = await request.post(api, { data: c.body, headers: auth });
    const body = await response.text();
    expect.soft(response.status(), `API ${c.name}: ${body.slice(0, 200)}`).toBe(c.status);
    expect.soft(body, c.name).toContain(c.text);
    expect(await footprint([study.studyId, other.studyId]), `API ${c.name}`).toEqual(before);
  }
  const wrongType = await request.post(api, { data: "responses=1", headers: { ...auth, "content-type": "application/x-www-form-urlencoded" } });
  expect(wrongType.status()).toBe(415);
  const huge = await request.post(api, {
    data: `{"responses":[{"answers":[],"pad":"${"x".repeat(10 * 1024 * 1024 + 10)}"}]}`,
    headers: { ...auth, "content-type": "application/json" },
  });
  expect(huge.status()).toBe(413);
  expect(await footprint([study.studyId, other.studyId])).toEqual(before);
  // And one good API response goes through the same write path.
  const good = await request.post(api, { data: { responses: [{ id: "crm-1", answers: answers() }] }, headers: auth });
  expect(good.status()).toBe(201);
  expect(await countSubmitted(getDb(), study.studyId)).toBe(1);
});

test("a bot that fills the honeypot is thanked and stored nowhere; too many posts get 429", async ({ request }) => {
  const fixture = await makePublishedStudy();
  const rid = randomUUID();
  const bot = await request.post(`/s/${fixture.token}`, { form: stepBody(fixture, rid, 0, { website: "http://spam.example" }), maxRedirects: 0 });
  expect(bot.status()).toBe(303);
  expect(bot.headers()["location"]).toContain("thanks=1");
  expect((await footprint([fixture.studyId])).responses).toBe(0);

  // One address over its limit (the server reads it from X-Forwarded-For, as behind a proxy).
  const from = { "x-forwarded-for": limitedAddress };
  await setRateLimitCounter(`survey:${limitedAddress}`, 1_000_000);
  const limited = await request.post(`/s/${fixture.token}`, { form: stepBody(fixture, rid, 0), headers: from, maxRedirects: 0 });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await limited.text()).toContain("Too many answers from your network");
  expect((await footprint([fixture.studyId])).responses).toBe(0);
  await setRateLimitCounter(`survey:${limitedAddress}`, null);

  // A made-up X-Forwarded-For gets round the address limit, not the link's own.
  const linkId = (await findLinkByToken(getDb(), fixture.token))!.id;
  await setRateLimitCounter(`survey-link:${linkId}`, 1_000_000);
  const spoofed = await request.post(`/s/${fixture.token}`, {
    form: stepBody(fixture, rid, 0),
    headers: { "x-forwarded-for": "203.0.113.9" },
    maxRedirects: 0,
  });
  expect(spoofed.status()).toBe(429);
  expect((await footprint([fixture.studyId])).responses).toBe(0);
  await setRateLimitCounter(`survey-link:${linkId}`, null);
  const fine = await request.post(`/s/${fixture.token}`, { form: stepBody(fixture, rid, 0), maxRedirects: 0 });
  expect(fine.status()).toBe(303);
  expect((await footprint([fixture.studyId])).responses).toBe(1);
});
