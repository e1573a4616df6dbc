import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { upsertAlertRule } from "@/db/queries/alert-rules";
import { contactsOfResponses } from "@/db/queries/response-contacts";
import { findResponse } from "@/db/queries/responses";
import { updateStudy } from "@/db/queries/studies";
import { cases } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { handleStep } from "./flow";
import { makePublishedStudy, type FixtureStudy } from "./fixture-study";
import { resolveLink } from "./resolve-link";
import { parseStepForm } from "./step-form";
import { surveySteps } from "./steps";

// The consent step through the real step flow, on the engine DATABASE_URL
// names: off by default; when on it is the last step, its details are kept
// with the response only with a yes, bad details change nothing, and a
// large gap with consent opens a case at the same submit.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("consent-flow");
}, 60_000);
afterAll(() => done());

async function post(token: string, fields: Record<string, string>) {
  const parsed = parseStepForm(Object.entries(fields));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const now = Date.now();
  return handleStep({ state: await resolveLink(getDb(), token, now), form: parsed.value, resume: null, now, newDraftsPerMinute: 1000 });
}

async function withConsent(): Promise<FixtureStudy> {
  const f = await makePublishedStudy();
  await transaction((tx) => updateStudy(tx, f.workspaceId, f.studyId, { consentStep: true }));
  return f;
}

/** Answers every question step (perceived `perceived`, expected 6); returns the consent step's index. */
async function answerQuestions(f: FixtureStudy, rid: string, perceived = 4): Promise<number> {
  const steps = surveySteps(f.snapshot, { consent: true });
  for (const step of steps.slice(0, -1)) {
    const fields: Record<string, string> = { rid, v: f.versionId, step: String(step.index) };
    if (step.kind === "criterion")
      for (const item of step.criterion.items) Object.assign(fields, { [`e.${item.id}`]: "6", [`p.${item.id}`]: String(perceived) });
    expect(await post(f.token, fields)).toMatchObject({ kind: "saved", step: step.index + 1 });
  }
  return steps.length - 1;
}

describe("the consent step", () => {
  it("is off by default: the last question submits, and contact fields are refused as not part of the survey", async () => {
    const f = await makePublishedStudy();
    expect(surveySteps(f.snapshot).some((s) => s.kind === "consent")).toBe(false);
    const rid = randomUUID();
    const refused = await post(f.token, { rid, v: f.versionId, step: "0", contact: "yes", contactEmail: "a@example.com" });
    expect(refused).toMatchObject({ kind: "refused", status: 422 });
    expect(await findResponse(getDb(), rid)).toBeUndefined();
  });

  it("when on, comes last; a yes keeps the name and address with the response, and a large gap opens a case in the same submit", async () => {
    const f = await withConsent();
    await transaction((tx) =>
      upsertAlertRule(tx, { studyId: f.studyId, threshold: 1.5, criterionKey: null, criterionThreshold: null, notify: [], updatedAt: Date.now() }),
    );
    const rid = randomUUID();
    const last = await answerQuestions(f, rid, 2);
    expect((await findResponse(getDb(), rid))?.status).toBe("in_progress");
    const outcome = await post(f.token, {
      rid,
      v: f.versionId,
      step: String(last),
      contact: "yes",
      contactName: "陳先生",
      contactEmail: "chen@example.com",
      contactPhone: "",
    });
    expect(outcome).toMatchObject({ kind: "thanks", stored: true });
    expect((await findResponse(getDb(), rid))?.status).toBe("submitted");
    expect((await contactsOfResponses(getDb(), [rid])).get(rid)).toEqual({ name: "陳先生", email: "chen@example.com", phone: "" });
    const opened = await getDb().select().from(cases).where(eq(cases.responseId, rid));
    expect(opened).toHaveLength(1);
  });

  it("a no submits without keeping the details typed", async () => {
    const f = await withConsent();
    const rid = randomUUID();
    const last = await answerQuestions(f, rid);
    const outcome = await post(f.token, {
      rid,
      v: f.versionId,
      step: String(last),
      contact: "no",
      contactName: "Lin",
      contactEmail: "lin@example.com",
    });
    expect(outcome).toMatchObject({ kind: "thanks", stored: true });
    expect((await contactsOfResponses(getDb(), [rid])).size).toBe(0);
  });

  it("a yes without an address or phone, or with a bad address, comes back with the error and submits nothing", async () => {
    const f = await withConsent();
    const rid = randomUUID();
    const last = await answerQuestions(f, rid);
    const noWay = await post(f.token, { rid, v: f.versionId, step: String(last), contact: "yes", contactName: "Lin" });
    expect(noWay).toMatchObject({ kind: "incomplete", fieldErrors: { contactEmail: "contactNeeded" } });
    const bad = await post(f.token, { rid, v: f.versionId, step: String(last), contact: "yes", contactEmail: "lin@@example" });
    expect(bad).toMatchObject({ kind: "incomplete", fieldErrors: { contactEmail: "contactEmailInvalid" } });
    expect((await findResponse(getDb(), rid))?.status).toBe("in_progress");
    expect((await contactsOfResponses(getDb(), [rid])).size).toBe(0);
  });

  it("contact fields on a question step are refused", async () => {
    const f = await withConsent();
    const rid = randomUUID();
    await answerQuestions(f, rid);
    const refused = await post(f.token, { rid, v: f.versionId, step: "1", intent: "back", contactEmail: "x@example.com" });
    expect(refused).toMatchObject({ kind: "refused", code: "invalidAnswers" });
  });
});
