import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { findStudy, latestVersion } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import { createOwner } from "@/lib/accounts/accounts";
import { storeCustomerResponses } from "@/lib/responses/store-customer";
import { storePerspectiveResponses } from "@/lib/responses/store-perspective";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import { loadResults } from "./load-results";

// An end-to-end check of the five gaps through the real write path: customer
// and internal responses stored in a temporary database, results read back
// from the write-time aggregates.

let results: Awaited<ReturnType<typeof load>>;
let done: () => Promise<void>;

async function load() {
  const owner = await createOwner({ email: "p@example.test", password: "long enough pw", workspace: "W" });
  const items = (prefix: string) => [1, 2, 3, 4].map((n) => ({ key: `${prefix}${n}`, text: { en: `${prefix} ${n}` }, reverse: n === 4 }));
  const study = await createStudy(owner.workspaceId, {
    name: "Five gaps",
    provider: "P",
    industry: "generic",
    scale: 7,
    languages: ["en"],
    framework: "gronroos",
    askImportance: false,
    segments: [],
    criteria: [
      { key: "a", name: { en: "A" }, weight: 60, items: items("a") },
      { key: "b", name: { en: "B" }, weight: 40, items: items("b") },
    ],
  });
  const published = await publishDraft(owner.workspaceId, study.id, owner.userId);
  if (!published.ok) throw new Error("publish failed");
  const version = (await latestVersion(getDb(), study.id))!;
  const ids = Object.fromEntries(study.criteria.flatMap((c) => c.items.map((i) => [i.key, i.id])));
  const base = { studyId: study.id, versionId: version.id, snapshot: version.snapshot, language: "en", submittedAt: Date.UTC(2026, 10, 1) };
  // Item 4 of each criterion is reverse-scored: stored x counts as 8 − x.
  // Customers: E = 7 and P = 5 on every item (stored 1 and 3 on item 4).
  const customer = (n: number) =>
    Array.from({ length: n }, () => ({
      ...base,
      segment: "",
      source: "api" as const,
      comments: [],
      weights: null,
      answers: Object.entries(ids).map(([key, itemId]) =>
        key.endsWith("4") ? { itemId, expected: 1, perceived: 3 } : { itemId, expected: 7, perceived: 5 },
      ),
    }));
  await storeCustomerResponses(customer(3));
  // Management rates 6 (M), the standard 5 (S), delivery 4 (D); communication promises 6 (C).
  const internal = (perspective: "management" | "standard" | "delivery", level: number, causes: { statement: string; rating: number }[] = []) => ({
    ...base,
    perspective,
    source: "api" as const,
    causes,
    answers: Object.entries(ids).map(([key, itemId]) => ({ itemId, rating: key.endsWith("4") ? 8 - level : level })),
  });
  await storePerspectiveResponses([
    internal("management", 6, [{ statement: "management-commitment.resources", rating: 2 }]),
    internal("management", 6),
    internal("standard", 5),
    internal("delivery", 4),
  ]);
  return loadResults(getDb(), (await findStudy(getDb(), owner.workspaceId, study.id))!, {});
}

beforeAll(async () => {
  done = await useTestDatabase("perspectives");
  results = await load();
});
afterAll(() => done());

describe("the five gaps through the database", () => {
  it("computes gaps 1–3 and 5 exactly, and reports gap 4 as not enough data", () => {
    if (results.status !== "ok") throw new Error(results.status);
    const gaps = results.results.gaps;
    expect(gaps["5"].total).toBeCloseTo(2, 9); // 7 − 5
    expect(gaps["1"].total).toBeCloseTo(1, 9); // E 7 − M 6
    expect(gaps["2"].total).toBeCloseTo(1, 9); // M 6 − S 5
    expect(gaps["3"].total).toBeCloseTo(1, 9); // S 5 − D 4
    expect(gaps["1"].criteria.a).toBeCloseTo(1, 9);
    expect(gaps["4"].total).toBeNull(); // nobody answered the communication link
    expect(results.results.serviceQualityGap).toBeCloseTo(2, 9);
  });

  it("gives the chain of levels per criterion with each group's n", () => {
    if (results.status !== "ok") throw new Error(results.status);
    const a = results.results.levels.a;
    expect([a.E.mean, a.M.mean, a.S.mean, a.D.mean, a.P.mean]).toEqual([7, 6, 5, 4, 5]);
    expect([a.E.n, a.M.n, a.S.n, a.D.n]).toEqual([3, 2, 1, 1]);
    expect(a.C).toEqual({ mean: null, n: 0 });
  });

  it("ranks a cause rated in the weak half of the scale", () => {
    if (results.status !== "ok") throw new Error(results.status);
    const gap2 = results.results.causes["2"];
    expect(gap2.map((c) => c.key)).toContain("management-commitment");
    expect(gap2.find((c) => c.key === "management-commitment")?.mean).toBeCloseTo(2, 9);
  });
});
