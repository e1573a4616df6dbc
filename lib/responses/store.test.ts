import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { countSubmitted, findResponse } from "@/db/queries/responses";
import { useTestDatabase } from "@/db/testing";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { storeCustomerResponses, type CustomerSubmission } from "./store-customer";
import { storePerspectiveResponses, type PerspectiveSubmission } from "./store-perspective";

// The write path shared by the API and the survey, on the engine
// DATABASE_URL names: a resend never counts twice, and an API client's ids
// are its own per perspective.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("store");
}, 60_000);
afterAll(() => done());

const items = (f: FixtureStudy) => f.snapshot.criteria.flatMap((c) => c.items);

function customer(f: FixtureStudy, clientId: string, perceived = 3): CustomerSubmission {
  return {
    clientId,
    studyId: f.studyId,
    versionId: f.versionId,
    snapshot: f.snapshot,
    segment: "",
    language: "en",
    source: "api",
    submittedAt: Date.now(),
    weights: null,
    comments: [],
    answers: items(f).map((i) => ({ itemId: i.id, expected: 6, perceived })),
  };
}

function management(f: FixtureStudy, clientId: string): PerspectiveSubmission {
  return {
    clientId,
    studyId: f.studyId,
    versionId: f.versionId,
    snapshot: f.snapshot,
    perspective: "management",
    language: "en",
    source: "api",
    submittedAt: Date.now(),
    answers: items(f).map((i) => ({ itemId: i.id, rating: 5 })),
    causes: [],
  };
}

describe("storing submitted responses", () => {
  it("scopes client ids by perspective: a management response with a customer's id is stored, not a duplicate", async () => {
    const f = await makePublishedStudy();
    const [first] = await storeCustomerResponses([customer(f, "sec-1")]);
    expect(first.stored).toBe(true);
    const [internal] = await storePerspectiveResponses([management(f, "sec-1")]);
    expect(internal).toMatchObject({ stored: true });
    expect(internal.responseId).not.toBe(first.responseId);
    expect(await countSubmitted(getDb(), f.studyId, "management")).toBe(1);
    // Within one perspective the id still names one response.
    expect(await storeCustomerResponses([customer(f, "sec-1")])).toEqual([{ responseId: first.responseId, stored: false }]);
    expect(await storePerspectiveResponses([management(f, "sec-1")])).toEqual([{ responseId: internal.responseId, stored: false }]);
    expect(await countSubmitted(getDb(), f.studyId, "customer")).toBe(1);
  });

  it("stores one of two sends of one client id at the same time", async () => {
    const f = await makePublishedStudy();
    const outcomes = (await Promise.all([storeCustomerResponses([customer(f, "twice")]), storeCustomerResponses([customer(f, "twice")])])).flat();
    expect(outcomes.map((o) => o.stored).sort()).toEqual([false, true]);
    expect(outcomes[0].responseId).toBe(outcomes[1].responseId);
    expect(await countSubmitted(getDb(), f.studyId, "customer")).toBe(1);
  });

  it("stores the respondent's own weighted gap with a customer response", async () => {
    const f = await makePublishedStudy();
    // Every item E 6, P 2: an item's gap is 4, a reverse-worded one's −4 (2 − 6 after reversal).
    const [outcome] = await storeCustomerResponses([customer(f, "gap", 2)]);
    const row = (await findResponse(getDb(), outcome.responseId))!;
    const expected = f.snapshot.criteria.reduce(
      (sum, c) => sum + (c.weight / 100) * (c.items.reduce((s, i) => s + (i.reverse ? -4 : 4), 0) / c.items.length),
      0,
    );
    expect(row.gap).toBeCloseTo(expected, 9);
  });
});
