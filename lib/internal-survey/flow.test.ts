import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sumPerspectiveEntries } from "@/db/queries/aggregates";
import { countSubmitted, findInProgressByLink, findResumable, listAnswers, listCauseAnswers } from "@/db/queries/responses";
import { useTestDatabase } from "@/db/testing";
import { hashToken } from "@/lib/auth/tokens";
import type { Perspective } from "@/lib/scoring/types";
import { makeInternalLink, makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { handleInternalStep } from "./flow";
import { resolveInternalLink } from "./session";
import { parseInternalStepForm } from "./step-form";
import { causeStatementsOf, stepQuestions, stepsFor } from "./steps";

// The internal step flow against a throwaway database on the engine
// DATABASE_URL names: nothing written for a forged post, one response per
// browser however often the last page is sent.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("internal-flow");
}, 60_000);
afterAll(() => done());

type Browser = { resume: string | undefined };

async function post(token: string, browser: Browser, fields: [string, string][], newDraftsPerMinute = 1000, now = Date.now()) {
  const state = await resolveInternalLink(getDb(), token);
  if (state.status !== "open") throw new Error(`link is ${state.status}`);
  const parsed = parseInternalStepForm(fields);
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  const outcome = await handleInternalStep({ state, form: parsed.value, resumeToken: browser.resume, now, newDraftsPerMinute });
  if ("resume" in outcome && outcome.resume) browser.resume = outcome.resume;
  return outcome;
}

/** A step's fields, every question rated 4 (or only the first `answered` of them). */
function stepFields(fixture: FixtureStudy, perspective: Perspective, index: number, answered = Infinity): [string, string][] {
  const step = stepsFor(fixture.snapshot, perspective)[index];
  const { prefix, ids } = stepQuestions(fixture.snapshot, perspective, step);
  return [["step", String(index)], ...ids.slice(0, answered).map((id): [string, string] => [`${prefix}:${id}`, "4"])];
}

async function setUp(perspective: Perspective) {
  const fixture = await makePublishedStudy();
  const token = await makeInternalLink(fixture.studyId, perspective);
  return { fixture, token, steps: stepsFor(fixture.snapshot, perspective).length };
}

const responseOf = async (token: string, browser: Browser) => {
  const state = await resolveInternalLink(getDb(), token);
  if (state.status !== "open" || !browser.resume) return undefined;
  return findResumable(getDb(), state.link.id, hashToken(browser.resume));
};

describe("the internal questionnaire's step flow", () => {
  it("creates the response on the first post, saves each step, and submits once with its sums", async () => {
    const { fixture, token, steps } = await setUp("management");
    const browser: Browser = { resume: undefined };
    expect(await post(token, browser, stepFields(fixture, "management", 0))).toMatchObject({ kind: "saved", step: 1, language: "en" });
    expect(browser.resume).toBeDefined();
    expect(await responseOf(token, browser)).toMatchObject({ status: "in_progress", perspective: "management", step: 1 });
    for (let i = 1; i < steps - 1; i++)
      expect(await post(token, browser, stepFields(fixture, "management", i))).toMatchObject({ kind: "saved", step: i + 1 });
    expect(await post(token, browser, stepFields(fixture, "management", steps - 1))).toMatchObject({ kind: "thanks", stored: true });
    const response = (await responseOf(token, browser))!;
    expect(response.status).toBe("submitted");
    const items = fixture.snapshot.criteria.flatMap((c) => c.items);
    expect(await listAnswers(getDb(), fixture.studyId, response.id)).toHaveLength(items.length);
    expect(await listCauseAnswers(getDb(), response.id)).toHaveLength(causeStatementsOf("management").length);
    expect((await sumPerspectiveEntries(getDb(), fixture.studyId)).some((e) => e.perspective === "management")).toBe(true);
    // The last page again (a retry): still one response.
    expect(await post(token, browser, stepFields(fixture, "management", steps - 1))).toMatchObject({ kind: "thanks", stored: false });
    expect(await countSubmitted(getDb(), fixture.studyId, "management")).toBe(1);
  });

  it("writes nothing, not even a response, for a post that does not fit the step", async () => {
    const { fixture, token, steps } = await setUp("delivery");
    const state = await resolveInternalLink(getDb(), token);
    if (state.status !== "open") throw new Error("not open");
    const browser: Browser = { resume: undefined };
    const otherStep = stepFields(fixture, "delivery", 1).slice(1);
    expect(await post(token, browser, [["step", "0"], ...otherStep])).toMatchObject({ kind: "refused" });
    expect(
      await post(token, browser, [
        ["step", "0"],
        [stepFields(fixture, "delivery", 0)[1][0], "9"],
      ]),
    ).toMatchObject({ kind: "refused" });
    expect(await post(token, browser, [["step", String(steps)]])).toEqual({ kind: "outdated" });
    // Nothing rated and no draft yet: nothing to keep (issue 12 item 2).
    expect(await post(token, browser, [["step", "0"]])).toMatchObject({ kind: "incomplete", step: 0, resume: null });
    expect(browser.resume).toBeUndefined();
    expect(await findInProgressByLink(getDb(), state.link.id)).toBeUndefined();
  });

  // Issue 12 item 2: the internal link had only the per-address limit, which a forged X-Forwarded-For dodges.
  it("counts new drafts against the link and a draft's steps against its own allowance; refused posts against neither", async () => {
    const { fixture, token, steps } = await setUp("management");
    const now = Date.now();
    for (let i = 0; i < 10; i++) {
      expect(
        await post(
          token,
          { resume: undefined },
          [
            ["step", "0"],
            ["item:nope", "4"],
          ],
          1,
          now,
        ),
      ).toMatchObject({ kind: "refused" });
      expect(await post(token, { resume: undefined }, [["step", "0"]], 1, now)).toMatchObject({ kind: "incomplete" });
    }
    const first: Browser = { resume: undefined };
    expect(await post(token, first, stepFields(fixture, "management", 0), 1, now)).toMatchObject({ kind: "saved" });
    const second: Browser = { resume: undefined };
    expect(await post(token, second, stepFields(fixture, "management", 0), 1, now)).toMatchObject({ kind: "busy", scope: "link" });
    expect(second.resume).toBeUndefined();
    for (let i = 1; i < steps; i++)
      expect(await post(token, first, stepFields(fixture, "management", i), 1, now)).toMatchObject({ kind: i < steps - 1 ? "saved" : "thanks" });
  });

  it("keeps what was answered of an incomplete step and asks for the rest; going back saves too", async () => {
    const { fixture, token } = await setUp("standard");
    const browser: Browser = { resume: undefined };
    expect(await post(token, browser, stepFields(fixture, "standard", 0, 1))).toMatchObject({ kind: "incomplete", step: 0 });
    const response = (await responseOf(token, browser))!;
    expect(await listAnswers(getDb(), fixture.studyId, response.id)).toHaveLength(1);
    await post(token, browser, stepFields(fixture, "standard", 0));
    expect(await post(token, browser, [...stepFields(fixture, "standard", 1, 2), ["intent", "back"]])).toMatchObject({ kind: "saved", step: 0 });
    const firstTwo = fixture.snapshot.criteria[0].items.length + 2;
    expect(await listAnswers(getDb(), fixture.studyId, response.id)).toHaveLength(firstTwo);
  });

  it("sends the respondent back to a step left unanswered at the end", async () => {
    const { fixture, token, steps } = await setUp("communication");
    const browser: Browser = { resume: undefined };
    await post(token, browser, stepFields(fixture, "communication", 0));
    // Step 1 is skipped by a hand-made post of the last step.
    expect(await post(token, browser, stepFields(fixture, "communication", steps - 1))).toMatchObject({ kind: "incomplete", step: 1, missing: 1 });
    expect((await responseOf(token, browser))!.status).toBe("in_progress");
  });

  it("stores a response once when its last page is sent twice at the same time", async () => {
    const { fixture, token, steps } = await setUp("management");
    const browser: Browser = { resume: undefined };
    for (let i = 0; i < steps - 1; i++) await post(token, browser, stepFields(fixture, "management", i));
    const last = stepFields(fixture, "management", steps - 1);
    const outcomes = await Promise.all([post(token, browser, last), post(token, browser, last)]);
    expect(outcomes.map((o) => (o.kind === "thanks" ? o.stored : o.kind)).sort()).toEqual([false, true]);
    expect(await countSubmitted(getDb(), fixture.studyId, "management")).toBe(1);
  });
});
