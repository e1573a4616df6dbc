import { expectSameSums } from "@/lib/results/test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { currentEngine, getDb, rawAll, transaction } from "@/db/client";
import { sumCustomerEntries } from "@/db/queries/aggregates";
import { countSubmitted } from "@/db/queries/responses";
import { loadDraft, lockStudy, updateItem } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import { parseResponsesEnvelope } from "@/lib/api/ingest";
import { zodProblem } from "@/lib/api/problem";
import { recomputeStudyAggregates } from "@/lib/results/recompute";
import { publishDraft } from "@/lib/studies/publish";
import { versionDefinition } from "@/lib/studies/version-definition";
import { makePublishedStudy, type FixtureStudy } from "@/lib/survey/fixture-study";
import { customerResponseSchema, customerResponsesEnvelopeSchema, responsesPerRequest } from "@/lib/validation/response";
import { forgetPublishedSnapshots, latestPublishedVersion, publishedSnapshot } from "./published-version";
import { storeCustomerResponses, type CustomerSubmission } from "./store-customer";

// The API's write path at batch size (issue 15): a batch is all or nothing
// however far it got, its summed aggregates equal a recompute, it gives the
// event loop turns while it runs; the per-process snapshot cache serves only
// published versions.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("batch");
}, 60_000);
afterAll(() => done());

function submission(f: FixtureStudy, n: number, clientId = `c-${n}`): CustomerSubmission {
  const items = f.snapshot.criteria.flatMap((c) => c.items);
  return {
    clientId,
    studyId: f.studyId,
    versionId: f.versionId,
    snapshot: f.snapshot,
    segment: ["A", "B"][n % 2],
    language: "en",
    source: "api",
    submittedAt: Date.now() - (n % 3) * 86_400_000,
    weights: null,
    comments: n % 5 === 0 ? [{ criterionId: f.snapshot.criteria[0].id, text: `comment ${n}` }] : [],
    answers: items.map((item, i) => ({ itemId: item.id, expected: 1 + ((n + i) % 7), perceived: 1 + ((n * 3 + i) % 7) })),
  };
}

describe(`API batches on ${currentEngine()}`, () => {
  it("a batch that fails at response 4,000 stores nothing, not even aggregates", { timeout: 180_000 }, async () => {
    const f = await makePublishedStudy();
    const batch = Array.from({ length: 4_001 }, (_, n) => submission(f, n));
    // Passed the checks (as if), but names no item of the study: storing it throws.
    batch[4_000] = { ...batch[4_000], answers: [{ itemId: "not-an-item", expected: 5, perceived: 5 }] };
    await expect(storeCustomerResponses(batch)).rejects.toThrow(/not an item/);
    expect(await countSubmitted(getDb(), f.studyId)).toBe(0);
    expect(await sumCustomerEntries(getDb(), { studyId: f.studyId })).toEqual([]);
  });

  it("stores a batch once, its summed aggregates equal a recompute, a resend counts nothing", { timeout: 120_000 }, async () => {
    const f = await makePublishedStudy();
    const batch = Array.from({ length: 600 }, (_, n) => submission(f, n));
    const first = await storeCustomerResponses(batch);
    expect(first.filter((o) => o.stored)).toHaveLength(600);
    const stored = await sumCustomerEntries(getDb(), { studyId: f.studyId });

    const again = await storeCustomerResponses(batch.slice(0, 10));
    expect(again.map((o) => o.stored)).toEqual(Array(10).fill(false));
    expect(again.map((o) => o.responseId)).toEqual(first.slice(0, 10).map((o) => o.responseId));
    expect(await countSubmitted(getDb(), f.studyId)).toBe(600);

    await recomputeStudyAggregates(f.studyId);
    expectSameSums(await sumCustomerEntries(getDb(), { studyId: f.studyId }), stored);
  });

  it("stores responses sent without an id, each as a response of its own, beside ones with ids", { timeout: 120_000 }, async () => {
    const f = await makePublishedStudy();
    // 250 responses, every other one without a client id; two of those with one repeat an earlier id.
    const batch = Array.from({ length: 250 }, (_, n) => {
      const s = submission(f, n);
      return n % 2 ? { ...s, clientId: undefined } : s;
    });
    batch[200] = { ...batch[200], clientId: "c-0" };
    batch[240] = { ...batch[240], clientId: "c-0" };
    const outcomes = await storeCustomerResponses(batch);
    expect(outcomes.filter((o) => o.stored)).toHaveLength(248);
    expect(new Set(outcomes.filter((o) => o.stored).map((o) => o.responseId)).size).toBe(248);
    expect(outcomes[200]).toEqual({ responseId: outcomes[0].responseId, stored: false });
    expect(outcomes[240]).toEqual({ responseId: outcomes[0].responseId, stored: false });
    expect(await countSubmitted(getDb(), f.studyId)).toBe(248);
    const stored = await sumCustomerEntries(getDb(), { studyId: f.studyId });
    await recomputeStudyAggregates(f.studyId);
    expectSameSums(await sumCustomerEntries(getDb(), { studyId: f.studyId }), stored);
  });

  it("stores a client id sent twice in one batch once, near and far apart, with its comments", { timeout: 120_000 }, async () => {
    const f = await makePublishedStudy();
    const batch = Array.from({ length: 250 }, (_, n) => submission(f, n));
    batch[15] = submission(f, 15, "c-5");
    batch[150] = submission(f, 150, "c-10");
    const outcomes = await storeCustomerResponses(batch);
    expect(outcomes.filter((o) => o.stored)).toHaveLength(248);
    expect(outcomes[15]).toEqual({ responseId: outcomes[5].responseId, stored: false });
    expect(outcomes[150]).toEqual({ responseId: outcomes[10].responseId, stored: false });
    expect(new Set(outcomes.map((o) => o.responseId)).size).toBe(248);
    expect(await countSubmitted(getDb(), f.studyId)).toBe(248);
    // Response 5's comment is its own, not the repeat's.
    const comments = await rawAll<{ text: string }>(getDb(), sql`SELECT text FROM comments WHERE response_id = ${outcomes[5].responseId}`);
    expect(comments.map((c) => c.text)).toEqual(["comment 5"]);
    const stored = await sumCustomerEntries(getDb(), { studyId: f.studyId });
    await recomputeStudyAggregates(f.studyId);
    expectSameSums(await sumCustomerEntries(getDb(), { studyId: f.studyId }), stored);
  });

  it("gives the event loop turns while a batch is stored", { timeout: 120_000 }, async () => {
    const f = await makePublishedStudy();
    let turns = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    // Turns counted from here until the store ends; without yields the
    // synchronous SQLite driver lets the whole batch run as microtasks.
    const before = turns;
    const started = performance.now();
    await storeCustomerResponses(Array.from({ length: 2_000 }, (_, n) => submission(f, n)));
    const ms = performance.now() - started;
    running = false;
    // At least one turn per 50 ms of work (the pacer aims at one per 10 ms).
    expect(turns - before).toBeGreaterThanOrEqual(Math.floor(ms / 50));
    expect(turns - before).toBeGreaterThan(0);
  });

  it("validates a batch in steps with the errors of one pass over the envelope", async () => {
    const f = await makePublishedStudy();
    const item = f.snapshot.criteria[0].items[0].id;
    const good = { answers: [{ item, expected: 5, perceived: 4 }] };
    const cases: unknown[] = [
      { responses: [good, good, { answers: [{ item, expected: 1.5, perceived: "x" }] }, good, { answers: [], extra: 1 }] },
      { responses: [good], other: true },
      { responses: [] },
      { responses: Array.from({ length: responsesPerRequest.max + 1 }, () => good) },
      { responses: "no" },
      null,
    ];
    for (const body of cases) {
      const stepped = await parseResponsesEnvelope(body, customerResponsesEnvelopeSchema, customerResponseSchema, responsesPerRequest);
      const whole = customerResponsesEnvelopeSchema.safeParse(body);
      expect(stepped.ok).toBe(whole.success);
      if (!stepped.ok && !whole.success) expect(await stepped.problem.json()).toEqual(await zodProblem(whole.error).json());
    }
    const ok = await parseResponsesEnvelope(
      { responses: [good, { ...good, segment: "  North " }] },
      customerResponsesEnvelopeSchema,
      customerResponseSchema,
      responsesPerRequest,
    );
    expect(ok).toEqual({
      ok: true,
      responses: customerResponsesEnvelopeSchema.parse({ responses: [good, { ...good, segment: "  North " }] }).responses,
    });
  });
});

describe(`published snapshots kept per process on ${currentEngine()}`, () => {
  it("returns one snapshot and definition per version, and never a draft's edits", async () => {
    forgetPublishedSnapshots();
    const f = await makePublishedStudy();
    const first = (await latestPublishedVersion(getDb(), f.studyId))!;
    expect(first.id).toBe(f.versionId);
    expect(first.snapshot).toEqual(f.snapshot);
    const again = (await latestPublishedVersion(getDb(), f.studyId))!;
    expect(again.snapshot).toBe(first.snapshot);
    expect(await publishedSnapshot(getDb(), f.versionId)).toBe(first.snapshot);
    expect(versionDefinition(again.snapshot)).toBe(versionDefinition(first.snapshot));

    // Editing the draft changes no published version.
    const draft = await loadDraft(getDb(), f.studyId);
    const edited = draft[0].items[0];
    await transaction(async (tx) => {
      await lockStudy(tx, f.studyId);
      await updateItem(tx, f.studyId, edited.id, { reverse: !edited.reverse });
    });
    const reverseIn = (snapshot: typeof f.snapshot) => snapshot.criteria.flatMap((c) => c.items).find((i) => i.id === edited.id)!.reverse;
    const unpublished = (await latestPublishedVersion(getDb(), f.studyId))!;
    expect(unpublished.id).toBe(f.versionId);
    expect(reverseIn(unpublished.snapshot)).toBe(edited.reverse);

    // Publishing makes a new version: it is read, the old one stays as it was.
    const published = await publishDraft(f.workspaceId, f.studyId, null);
    expect(published.ok).toBe(true);
    const second = (await latestPublishedVersion(getDb(), f.studyId))!;
    expect(second.id).not.toBe(f.versionId);
    expect(second.number).toBe(first.number + 1);
    expect(reverseIn(second.snapshot)).toBe(!edited.reverse);
    expect(reverseIn((await publishedSnapshot(getDb(), f.versionId))!)).toBe(edited.reverse);
  });

  it("has nothing for a study that has published no version, or an unknown version", async () => {
    const f = await makePublishedStudy();
    expect(await publishedSnapshot(getDb(), "00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await latestPublishedVersion(getDb(), "00000000-0000-4000-8000-000000000001")).toBeUndefined();
    expect(f.versionId).toBeTruthy();
  });
});
