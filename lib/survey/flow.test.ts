import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { findLinkByToken } from "@/db/queries/links";
import { countSubmitted, findResponse, listAnswers, updateResponse } from "@/db/queries/responses";
import { useTestDatabase } from "@/db/testing";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { publishDraft } from "@/lib/studies/publish";
import { versionDefinition } from "@/lib/studies/version-definition";
import { draftPostsPerMinute } from "./allowance";
import { handleStep } from "./flow";
import { makeInvite, makePublishedStudy, type FixtureStudy } from "./fixture-study";
import { resolveLink } from "./resolve-link";
import { parseStepForm } from "./step-form";
import { surveySteps } from "./steps";

// The step flow against a real (temporary) database: one response per
// survey however often the last page is sent, invites answered once, the
// response bound to the version it was opened on. Runs on the engine
// DATABASE_URL names (a throwaway database from db/testing).

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("survey-flow");
}, 60_000);
afterAll(() => done());

async function post(token: string, fields: Record<string, string>, resume = null, newDraftsPerMinute = 1000, now = Date.now()) {
  const parsed = parseStepForm(Object.entries(fields));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return handleStep({ state: await resolveLink(getDb(), token, now), form: parsed.value, resume, now, newDraftsPerMinute });
}

const find = (id: string) => findResponse(getDb(), id);

/** Every step's fields, answering every item 6 / 4 (the first item N/A). */
function stepFields(fixture: FixtureStudy, rid: string, index: number): Record<string, string> {
  const step = surveySteps(fixture.snapshot)[index];
  const fields: Record<string, string> = { rid, v: fixture.versionId, step: String(index) };
  if (step.kind === "criterion") {
    step.criterion.items.forEach((item, i) => {
      if (index === 1 && i === 0) fields[`na.${item.id}`] = "1";
      else Object.assign(fields, { [`e.${item.id}`]: "6", [`p.${item.id}`]: "4" });
    });
  }
  if (step.kind === "importance") {
    fixture.snapshot.criteria.forEach((c, i) => (fields[`w.${c.id}`] = i === 0 ? "50" : String(50 / (fixture.snapshot.criteria.length - 1))));
  }
  return fields;
}

async function answerAll(fixture: FixtureStudy, token: string, rid: string) {
  const count = surveySteps(fixture.snapshot).length;
  let last;
  for (let i = 0; i < count; i++) last = await post(token, stepFields(fixture, rid, i));
  return last;
}

/** Every step but the last, so that the last one can be sent by the test. */
async function answerAllButLast(fixture: FixtureStudy, token: string, rid: string) {
  const count = surveySteps(fixture.snapshot).length;
  for (let i = 0; i < count - 1; i++) expect(await post(token, stepFields(fixture, rid, i))).toMatchObject({ kind: "saved" });
  return stepFields(fixture, rid, count - 1);
}

describe("the customer survey flow", () => {
  it("creates the response on the first post, saves each step, and submits once with its own weighted gap", async () => {
    const fixture = await makePublishedStudy({ askImportance: true });
    const rid = randomUUID();
    expect(await find(rid)).toBeUndefined();
    const first = await post(fixture.token, stepFields(fixture, rid, 0));
    expect(first).toMatchObject({ kind: "saved", step: 1 });
    expect(await find(rid)).toMatchObject({ status: "in_progress", versionId: fixture.versionId, step: 1 });
    const last = await answerAll(fixture, fixture.token, rid);
    expect(last).toMatchObject({ kind: "thanks", stored: true });
    const stored = (await find(rid))!;
    expect(stored.status).toBe("submitted");
    expect(stored.customerWeights).not.toBeNull();
    const items = fixture.snapshot.criteria.flatMap((c) => c.items);
    const answers = await listAnswers(getDb(), fixture.studyId, rid);
    expect(answers).toHaveLength(items.length);
    // Every pair 6/4 except one N/A: each criterion's gap is 2 (or reversed −2).
    const version = versionDefinition(fixture.snapshot);
    const expected = respondentWeightedGap(version, scoreCustomerResponse(version, answers));
    expect(expected).not.toBeNull();
    expect(stored.gap).toBeCloseTo(expected!, 9);
    // The same last page again (a double click, a retry): still one response.
    const again = await post(fixture.token, stepFields(fixture, rid, surveySteps(fixture.snapshot).length - 1));
    expect(again).toMatchObject({ kind: "thanks", stored: false });
    expect(await countSubmitted(getDb(), fixture.studyId)).toBe(1);
  });

  it("stores a response once when its last page is sent twice at the same time", async () => {
    const fixture = await makePublishedStudy();
    const rid = randomUUID();
    const last = await answerAllButLast(fixture, fixture.token, rid);
    const outcomes = await Promise.all([post(fixture.token, last), post(fixture.token, last)]);
    expect(outcomes.map((o) => o.kind)).toEqual(["thanks", "thanks"]);
    expect(outcomes.map((o) => (o.kind === "thanks" ? o.stored : null)).sort()).toEqual([false, true]);
    expect(await countSubmitted(getDb(), fixture.studyId)).toBe(1);
  });

  it("writes nothing for an incomplete step", async () => {
    const fixture = await makePublishedStudy();
    const rid = randomUUID();
    await post(fixture.token, stepFields(fixture, rid, 0));
    const fields = stepFields(fixture, rid, 1);
    const firstRated = Object.keys(fields).find((k) => k.startsWith("p."))!;
    delete fields[firstRated];
    expect(await post(fixture.token, fields)).toMatchObject({ kind: "incomplete" });
    expect(await listAnswers(getDb(), fixture.studyId, rid)).toHaveLength(0);
    expect((await find(rid))!.step).toBe(1);
  });

  it("uses an invite once, and continues it from any browser", async () => {
    const fixture = await makePublishedStudy();
    const invite = await makeInvite(fixture.studyId, "Harbour Street");
    const first = randomUUID();
    await post(invite, stepFields(fixture, first, 0));
    await post(invite, stepFields(fixture, first, 1));
    // Another browser opens the same invite: its page carries another id, the flow continues the first.
    const other = randomUUID();
    expect(await post(invite, stepFields(fixture, other, 0))).toMatchObject({ kind: "saved", responseId: first });
    expect(await find(other)).toBeUndefined();
    expect(await answerAll(fixture, invite, first)).toMatchObject({ kind: "thanks", stored: true });
    expect((await find(first))!.segment).toBe("Harbour Street");
    expect((await findLinkByToken(getDb(), invite))!.usedAt).not.toBeNull();
    expect(await post(invite, stepFields(fixture, randomUUID(), 0))).toEqual({ kind: "closed", state: "used" });
  });

  it("refuses the last answer beyond the response limit, and keeps the version a response started on", async () => {
    const fixture = await makePublishedStudy({ responseLimit: 1 });
    const a = randomUUID();
    const b = randomUUID();
    await post(fixture.token, stepFields(fixture, a, 0));
    await post(fixture.token, stepFields(fixture, b, 0));
    // A new version is published while both are answering: they stay on theirs.
    await publishDraft(fixture.workspaceId, fixture.studyId, null);
    expect(await answerAll(fixture, fixture.token, a)).toMatchObject({ kind: "thanks", stored: true });
    expect((await find(a))!.versionId).toBe(fixture.versionId);
    const count = surveySteps(fixture.snapshot).length;
    expect(await post(fixture.token, stepFields(fixture, b, count - 1))).toEqual({ kind: "closed", state: "full" });
    expect((await find(b))!.status).toBe("in_progress");
  });

  it("lets only one of two last answers at the same time fill the last place", async () => {
    const fixture = await makePublishedStudy({ responseLimit: 1 });
    const a = randomUUID();
    const b = randomUUID();
    const lastA = await answerAllButLast(fixture, fixture.token, a);
    const lastB = await answerAllButLast(fixture, fixture.token, b);
    const outcomes = await Promise.all([post(fixture.token, lastA), post(fixture.token, lastB)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["closed", "thanks"]);
    expect(await countSubmitted(getDb(), fixture.studyId)).toBe(1);
  });

  it("sends the customer back to a step left unanswered, writing nothing", async () => {
    const fixture = await makePublishedStudy();
    const rid = randomUUID();
    await post(fixture.token, stepFields(fixture, rid, 0));
    await post(fixture.token, stepFields(fixture, rid, 1));
    // Step 2 never answered, yet the response claims to be on the last step.
    const last = surveySteps(fixture.snapshot).length - 1;
    await transaction((tx) => updateResponse(tx, rid, { step: last }));
    expect(await post(fixture.token, stepFields(fixture, rid, last))).toEqual({ kind: "missing", step: 2 });
    expect((await find(rid))!.status).toBe("in_progress");
  });

  it("refuses a post for another link's response or a step not reached", async () => {
    const fixture = await makePublishedStudy();
    const other = await makePublishedStudy();
    const rid = randomUUID();
    await post(fixture.token, stepFields(fixture, rid, 0));
    expect(await post(other.token, { ...stepFields(other, rid, 0) })).toMatchObject({ kind: "refused", code: "notYours" });
    expect(await post(fixture.token, stepFields(fixture, rid, 3))).toMatchObject({ kind: "refused", code: "outdated" });
    expect(await post(fixture.token, stepFields(fixture, randomUUID(), 2))).toMatchObject({ kind: "refused", code: "outdated" });
  });

  // Issue 12 item 2: every post, junk too, counted against the link, so a
  // flood of junk turned the next real customer away.
  it("counts against the link only posts that would start a draft; refused ones and a draft's own steps do not", async () => {
    const fixture = await makePublishedStudy();
    const other = await makePublishedStudy();
    const limit = 2;
    // One fixed time: every post falls in one window of the allowance.
    const now = Date.now();
    const started = randomUUID();
    await post(other.token, stepFields(other, started, 0));
    for (let i = 0; i < 10; i++) {
      expect(await post(fixture.token, stepFields(fixture, started, 0), null, limit, now)).toMatchObject({ kind: "refused", code: "notYours" });
      expect(await post(fixture.token, stepFields(fixture, randomUUID(), 2), null, limit, now)).toMatchObject({ kind: "refused", code: "outdated" });
      expect(await post(fixture.token, { ...stepFields(fixture, randomUUID(), 0), v: other.versionId }, null, limit, now)).toMatchObject({
        kind: "refused",
      });
    }
    const customer = randomUUID();
    expect(await post(fixture.token, stepFields(fixture, customer, 0), null, limit, now)).toMatchObject({ kind: "saved" });
    expect(await post(fixture.token, stepFields(fixture, randomUUID(), 0), null, limit, now)).toMatchObject({ kind: "saved" });
    const third = randomUUID();
    expect(await post(fixture.token, stepFields(fixture, third, 0), null, limit, now)).toMatchObject({ kind: "busy", scope: "link" });
    expect(await find(third)).toBeUndefined();
    // The customer half-way through goes on: their draft has its own allowance.
    const steps = surveySteps(fixture.snapshot).length;
    for (let i = 1; i < steps; i++)
      expect(await post(fixture.token, stepFields(fixture, customer, i), null, limit, now)).toMatchObject({
        kind: i < steps - 1 ? "saved" : "thanks",
      });
  });

  it("gives each draft its own allowance of posts a minute", async () => {
    const fixture = await makePublishedStudy();
    const rid = randomUUID();
    const now = Date.now();
    expect(await post(fixture.token, stepFields(fixture, rid, 0), null, 1000, now)).toMatchObject({ kind: "saved" });
    const outcomes = [];
    for (let i = 0; i <= draftPostsPerMinute; i++) outcomes.push(await post(fixture.token, stepFields(fixture, rid, 1), null, 1000, now));
    expect(outcomes.filter((o) => o.kind === "busy")).toEqual([{ kind: "busy", scope: "draft", retryAfterSeconds: expect.any(Number) }]);
    expect(await post(fixture.token, stepFields(fixture, randomUUID(), 0), null, 1000, now)).toMatchObject({ kind: "saved" });
    expect(await post(fixture.token, stepFields(fixture, rid, 1), null, 1000, now + 60_000)).toMatchObject({ kind: "saved" });
  });
});
