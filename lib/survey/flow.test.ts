import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { getConnection, getDb } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { findLinkByToken } from "@/db/queries/links";
import { countSubmitted, findResponse, listAnswers } from "@/db/queries/responses";
import { updateStudy } from "@/db/queries/studies";
import { publishDraft } from "@/lib/studies/publish";
import { handleStep } from "./flow";
import { makeInvite, makePublishedStudy, type FixtureStudy } from "./fixture-study";
import { resolveLink } from "./resolve-link";
import { parseStepForm } from "./step-form";
import { surveySteps } from "./steps";

// The step flow against a real (temporary) database: one response per
// survey however often the last page is sent, invites answered once, the
// response bound to the version it was opened on.

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-survey-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
  applyMigrations(getDb());
});
afterAll(() => {
  getConnection().sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function post(token: string, fields: Record<string, string>, resume = null) {
  const parsed = parseStepForm(Object.entries(fields));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return handleStep({ state: resolveLink(token, Date.now()), form: parsed.value, resume, now: Date.now() });
}

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

function answerAll(fixture: FixtureStudy, token: string, rid: string) {
  const count = surveySteps(fixture.snapshot).length;
  let last;
  for (let i = 0; i < count; i++) last = post(token, stepFields(fixture, rid, i));
  return last;
}

describe("the customer survey flow", () => {
  it("creates the response on the first post, saves each step, and submits once", () => {
    const fixture = makePublishedStudy({ askImportance: true });
    const rid = randomUUID();
    expect(findResponse(rid)).toBeUndefined();
    const first = post(fixture.token, stepFields(fixture, rid, 0));
    expect(first).toMatchObject({ kind: "saved", step: 1 });
    expect(findResponse(rid)).toMatchObject({ status: "in_progress", versionId: fixture.versionId, step: 1 });
    const last = answerAll(fixture, fixture.token, rid);
    expect(last).toMatchObject({ kind: "thanks", stored: true });
    const stored = findResponse(rid)!;
    expect(stored.status).toBe("submitted");
    expect(stored.customerWeights).not.toBeNull();
    const items = fixture.snapshot.criteria.flatMap((c) => c.items);
    expect(listAnswers(rid)).toHaveLength(items.length);
    // The same last page again (a double click, a retry): still one response.
    const again = post(fixture.token, stepFields(fixture, rid, surveySteps(fixture.snapshot).length - 1));
    expect(again).toMatchObject({ kind: "thanks", stored: false });
    expect(countSubmitted(fixture.studyId)).toBe(1);
  });

  it("writes nothing for an incomplete step", () => {
    const fixture = makePublishedStudy();
    const rid = randomUUID();
    post(fixture.token, stepFields(fixture, rid, 0));
    const fields = stepFields(fixture, rid, 1);
    const firstRated = Object.keys(fields).find((k) => k.startsWith("p."))!;
    delete fields[firstRated];
    expect(post(fixture.token, fields)).toMatchObject({ kind: "incomplete" });
    expect(listAnswers(rid)).toHaveLength(0);
    expect(findResponse(rid)!.step).toBe(1);
  });

  it("uses an invite once, and continues it from any browser", () => {
    const fixture = makePublishedStudy();
    const invite = makeInvite(fixture.studyId, "Harbour Street");
    const first = randomUUID();
    post(invite, stepFields(fixture, first, 0));
    post(invite, stepFields(fixture, first, 1));
    // Another browser opens the same invite: its page carries another id, the flow continues the first.
    const other = randomUUID();
    expect(post(invite, stepFields(fixture, other, 0))).toMatchObject({ kind: "saved", responseId: first });
    expect(findResponse(other)).toBeUndefined();
    expect(answerAll(fixture, invite, first)).toMatchObject({ kind: "thanks", stored: true });
    expect(findResponse(first)!.segment).toBe("Harbour Street");
    expect(findLinkByToken(invite)!.usedAt).not.toBeNull();
    expect(post(invite, stepFields(fixture, randomUUID(), 0))).toEqual({ kind: "closed", state: "used" });
  });

  it("refuses the last answer beyond the response limit, and keeps the version a response started on", () => {
    const fixture = makePublishedStudy({ responseLimit: 1 });
    const a = randomUUID();
    const b = randomUUID();
    post(fixture.token, stepFields(fixture, a, 0));
    post(fixture.token, stepFields(fixture, b, 0));
    // A new version is published while both are answering: they stay on theirs.
    publishDraft(fixture.workspaceId, fixture.studyId, null);
    expect(answerAll(fixture, fixture.token, a)).toMatchObject({ kind: "thanks", stored: true });
    expect(findResponse(a)!.versionId).toBe(fixture.versionId);
    const count = surveySteps(fixture.snapshot).length;
    expect(post(fixture.token, stepFields(fixture, b, count - 1))).toEqual({ kind: "closed", state: "full" });
    expect(findResponse(b)!.status).toBe("in_progress");
    updateStudy(fixture.workspaceId, fixture.studyId, { responseLimit: null });
  });

  it("sends the customer back to a step left unanswered, writing nothing", () => {
    const fixture = makePublishedStudy();
    const rid = randomUUID();
    post(fixture.token, stepFields(fixture, rid, 0));
    post(fixture.token, stepFields(fixture, rid, 1));
    // Step 2 never answered, yet the response claims to be on the last step.
    getConnection().sqlite.prepare("UPDATE responses SET step = ? WHERE id = ?").run(surveySteps(fixture.snapshot).length - 1, rid);
    const last = surveySteps(fixture.snapshot).length - 1;
    expect(post(fixture.token, stepFields(fixture, rid, last))).toEqual({ kind: "missing", step: 2 });
    expect(findResponse(rid)!.status).toBe("in_progress");
  });

  it("refuses a post for another link's response or a step not reached", () => {
    const fixture = makePublishedStudy();
    const other = makePublishedStudy();
    const rid = randomUUID();
    post(fixture.token, stepFields(fixture, rid, 0));
    expect(post(other.token, { ...stepFields(other, rid, 0) })).toMatchObject({ kind: "refused", code: "notYours" });
    expect(post(fixture.token, stepFields(fixture, rid, 3))).toMatchObject({ kind: "refused", code: "outdated" });
    expect(post(fixture.token, stepFields(fixture, randomUUID(), 2))).toMatchObject({ kind: "refused", code: "outdated" });
  });
});
