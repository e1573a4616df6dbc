import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentEngine, getDb, transaction } from "@/db/client";
import { useTestDatabase } from "@/db/testing";
import { makePublishedStudy } from "@/lib/survey/fixture-study";
import { findResponse, insertResponsesUnlessSent } from "./responses";

// Many new responses in one statement (a group of the API's submits): on
// PostgreSQL one array per column, unnested; on SQLite a VALUES list. Every
// value comes back as it went in, whatever it holds, and a client id sent
// before, or twice in one call, goes in once.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("responses");
}, 60_000);
afterAll(() => done());

describe(`responses inserted together on ${currentEngine()}`, () => {
  it("stores every column as given, and a client id once", { timeout: 60_000 }, async () => {
    const f = await makePublishedStudy();
    const row = (n: number, clientId: string | null, more: Partial<Parameters<typeof insertResponsesUnlessSent>[1][number]> = {}) => ({
      id: `r-${n}`,
      studyId: f.studyId,
      versionId: f.versionId,
      linkId: null,
      perspective: "customer" as const,
      clientId,
      segment: "",
      language: "en",
      source: "api" as const,
      status: "submitted" as const,
      answers: Buffer.from([n, 0, 255, 92, 34]),
      gap: null,
      customerWeights: null,
      startedAt: 1_700_000_000_000 + n,
      submittedAt: 1_700_000_000_500 + n,
      ...more,
    });
    await transaction((tx) => insertResponsesUnlessSent(tx, [row(0, "sent-before"), row(9, null)]));

    const rows = [
      row(1, 'quote " and \\ backslash', { segment: 'Zweig "Süd", {1,2}', gap: -1.25, customerWeights: { "c-1": 0.6, 'c-"2"': 0.4 } }),
      row(2, "sent-before"),
      row(3, "twice", { segment: "分店 NULL", language: "zh-Hant", gap: 0.1 + 0.2 }),
      row(4, "twice"),
      row(5, null, { answers: null, segment: "\\N" }),
    ];
    const went = await transaction((tx) => insertResponsesUnlessSent(tx, rows));

    expect([...went].sort()).toEqual(["r-1", "r-3", "r-5"]);
    for (const sent of [rows[0], rows[2], rows[4]]) {
      const stored = await findResponse(getDb(), sent.id);
      expect(stored).toMatchObject({ ...sent, answers: sent.answers === null ? null : expect.anything(), step: 0, resumeHash: null });
      if (sent.answers) expect(Buffer.from(stored!.answers!)).toEqual(sent.answers);
    }
    expect(await findResponse(getDb(), "r-2")).toBeUndefined();
    expect(await findResponse(getDb(), "r-4")).toBeUndefined();
  });
});
