import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { setFollowUp } from "@/db/queries/responses";
import { useTestDatabase } from "@/db/testing";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { versionDefinition } from "@/lib/studies/version-definition";
import { loadFollowUp } from "./follow-up";
import { publishedStudy, type PublishedStudy } from "./test-db";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("follow-up");
});
afterAll(() => done());

/** A response of version 2 rating every item E = 5 and P = `perceived` (criterion number `worst` one lower; -1: none). */
function response(fixture: PublishedStudy, perceived: number, worst: number, day: number): CustomerSubmission {
  const version = fixture.versions[1];
  return {
    answers: version.snapshot.criteria.flatMap((c, ci) =>
      c.items.map((i) => {
        const p = ci === worst ? perceived - 1 : perceived;
        // Reverse-scored items are stored as ticked: L + 1 − x on the 5-point scale.
        return i.reverse ? { itemId: i.id, expected: 1, perceived: 6 - p } : { itemId: i.id, expected: 5, perceived: p };
      }),
    ),
    comments: [],
    weights: null,
    studyId: fixture.study.id,
    versionId: version.id,
    snapshot: version.snapshot,
    segment: "",
    language: "en",
    source: "api",
    submittedAt: Date.UTC(2026, 9, day, 12),
  };
}

describe("the follow-up list", () => {
  it("ranks shortfalls by the respondent's stored weighted gap and leaves out the rest", async () => {
    const fixture = await publishedStudy("follow-up");
    // The last one meets every expectation (gap 0): not a shortfall.
    const submissions = [
      response(fixture, 4, 2, 1),
      response(fixture, 2, 0, 2),
      response(fixture, 5, 1, 3),
      response(fixture, 3, 1, 4),
      response(fixture, 5, -1, 5),
    ];
    const stored = await storeCustomerResponses(submissions);
    const version = versionDefinition(fixture.versions[1].snapshot);
    const expected = submissions.map((s, i) => ({
      id: stored[i].responseId,
      gap: respondentWeightedGap(version, scoreCustomerResponse(version, s.answers))!,
    }));

    const { entries } = await loadFollowUp(getDb(), fixture.study, {}, false);
    const shortfalls = expected.filter((e) => e.gap > 0).sort((a, b) => b.gap - a.gap);
    expect(shortfalls).toHaveLength(4);
    expect(entries.map((e) => e.id)).toEqual(shortfalls.map((e) => e.id));
    entries.forEach((e, i) => expect(e.gap).toBeCloseTo(shortfalls[i].gap, 12));
    // Criterion "two" is 1 lower for the third response: its worst criterion.
    expect(entries.find((e) => e.id === stored[2].responseId)?.worst[0]).toEqual({ criterion: "two", gap: 1 });

    await transaction((tx) => setFollowUp(tx, fixture.study.id, shortfalls[0].id, Date.now(), "called"));
    const open = await loadFollowUp(getDb(), fixture.study, {}, false);
    expect(open.entries.map((e) => e.id)).toEqual(shortfalls.slice(1).map((e) => e.id));
    expect(open.followedUp).toBe(1);
    const all = await loadFollowUp(getDb(), fixture.study, {}, true);
    expect(all.entries[0]).toMatchObject({ id: shortfalls[0].id, note: "called" });
  });
});
