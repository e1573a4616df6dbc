import iconv from "iconv-lite";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { createWorkspace } from "@/db/queries/accounts";
import { listAnswers, listComments, listSubmitted } from "@/db/queries/responses";
import { findStudy, listVersions, loadDraft, lockStudy, updateItem, type StudyRow } from "@/db/queries/studies";
import { aggregateBuckets, comments, responses } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { exportStudy, type ExportFormat } from "@/lib/exports/export-response";
import type { CheckedAnswer } from "@/lib/responses/check";
import { storeCustomerResponses, type CustomerSubmission } from "@/lib/responses/store-customer";
import { loadResults } from "@/lib/results/load-results";
import { createStudy } from "@/lib/studies/create-study";
import { publishDraft } from "@/lib/studies/publish";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { studyCreateSchema } from "@/lib/validation/study";
import { importFile, storePlanned } from "./import-file";
import { planImport } from "./plan";

// Export → import into a copy of the study → identical results.
//
// The copy is a second study built from the same definition and published
// through the same two versions: item and criterion ids are global primary
// keys, so a copy cannot share them, but it has the same keys, reverse flags,
// weights and version numbers. The CSV names items by key, and results are
// reported by key, so equal results prove the file carries everything the
// results depend on (ratings, N/A, versions, segments, dates, customers'
// importance points) and that the import puts it back where it was.

const text = (en: string) => ({ en });

async function buildStudy(workspaceId: string, name: string): Promise<StudyRow> {
  const input = studyCreateSchema.parse({
    name,
    provider: "Harbour Hotel",
    scale: 5,
    askImportance: true,
    languages: ["en", "zh-Hant"],
    segments: ["Branch A", "分店 B"],
    criteria: [
      {
        key: "one",
        name: text("One"),
        weight: 40,
        items: [0, 1, 2, 3, 4].map((i) => ({ key: `a${i}`, text: { en: `A ${i}`, "zh-Hant": `甲 ${i}` }, reverse: i === 1 })),
      },
      {
        key: "two",
        name: text("Two"),
        weight: 35,
        items: [0, 1, 2, 3].map((i) => ({ key: `b${i}`, text: { en: `B ${i}`, "zh-Hant": `乙 ${i}` }, reverse: i === 3 })),
      },
      {
        key: "three",
        name: text("Three"),
        weight: 25,
        items: [0, 1, 2, 3].map((i) => ({ key: `c${i}`, text: { en: `C ${i}`, "zh-Hant": `丙 ${i}` }, reverse: i === 0 })),
      },
    ].map((c) => ({ ...c, name: { en: c.name.en, "zh-Hant": c.name.en } })),
  });
  const created = await createStudy(workspaceId, input);
  if (!(await publishDraft(workspaceId, created.id, null)).ok) throw new Error("publish v1");
  // Version 2: a4 dropped, b0 becomes reverse-scored.
  const draft = await loadDraft(getDb(), created.id);
  await transaction(async (tx) => {
    await lockStudy(tx, created.id);
    await updateItem(tx, created.id, draft[0].items[4].id, { removedAt: Date.now() });
    await updateItem(tx, created.id, draft[1].items[0].id, { reverse: true });
  });
  if (!(await publishDraft(workspaceId, created.id, null)).ok) throw new Error("publish v2");
  return (await findStudy(getDb(), workspaceId, created.id))!;
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const awkwardComments = ['太慢, "真的"\n等了很久', "=SUM(A1) ok", "-minus first", "plain", "  spaced  "];

async function randomResponses(study: StudyRow, count: number): Promise<CustomerSubmission[]> {
  const rand = random(20261101);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const versions = await listVersions(getDb(), study.id);
  return Array.from({ length: count }, (_, r) => {
    const version = versions[r % 2];
    const criteria = version.snapshot.criteria;
    const answers = criteria.flatMap((c) =>
      c.items.flatMap((i): CheckedAnswer[] => {
        const roll = rand();
        if (roll < 0.05) return []; // not shown / not answered
        if (roll < 0.15) return [{ itemId: i.id, expected: null, perceived: null }];
        return [{ itemId: i.id, expected: 1 + Math.floor(rand() * 5), perceived: 1 + Math.floor(rand() * 5) }];
      }),
    );
    const comments = criteria.filter(() => rand() < 0.2).map((c) => ({ criterionId: c.id, text: pick(awkwardComments).trim() }));
    const first = Math.floor(rand() * 60);
    const second = Math.floor(rand() * (100 - first));
    const weights = rand() < 0.5 ? Object.fromEntries(criteria.map((c, k) => [c.id, [first, second, 100 - first - second][k]])) : null;
    return {
      answers,
      comments,
      weights,
      studyId: study.id,
      versionId: version.id,
      snapshot: version.snapshot,
      segment: pick(["Branch A", "分店 B", ""]),
      language: pick(["en", "zh-Hant"]),
      source: "survey" as const,
      submittedAt: Date.UTC(2026, 9, 1) + Math.floor(rand() * 40 * 86_400_000),
    };
  });
}

async function exportedBytes(study: StudyRow, format: ExportFormat): Promise<Uint8Array> {
  const outcome = await exportStudy(study, format, {}, "en");
  if (!outcome.ok) throw new Error(outcome.reason);
  return new Uint8Array(await outcome.response.arrayBuffer());
}

async function exported(study: StudyRow, format: ExportFormat): Promise<string> {
  const outcome = await exportStudy(study, format, {}, "en");
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.response.text();
}

/** Equal structure, numbers within 1e-9. */
function expectClose(actual: unknown, expected: unknown, path = "results"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Math.abs(actual - expected) > 1e-9) throw new Error(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object", path).toBe(true);
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
    for (const key of Object.keys(e)) expectClose(a[key], e[key], `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

type Stored = {
  version: number;
  segment: string;
  language: string;
  submittedAt: number;
  weights: string | null;
  gap: number | null;
  answers: string[];
  comments: string[];
};

/** Each submitted response with its answers and comments by item and criterion KEY, keyed by the id the export wrote. */
async function storedResponses(study: StudyRow, keyOf: "id" | "client_id"): Promise<Map<string, Stored>> {
  const db = getDb();
  const keys = new Map<string, string>();
  const versions = await listVersions(db, study.id);
  for (const v of versions) for (const c of v.snapshot.criteria) for (const i of [c, ...c.items]) keys.set(i.id, i.key);
  const numbers = new Map(versions.map((v) => [v.id, v.number]));
  const out = new Map<string, Stored>();
  for (const row of await listSubmitted(db, study.id)) {
    const answers = (await listAnswers(db, study.id, row.id)).map((a) => `${keys.get(a.itemId)}:${a.expected}/${a.perceived}`).sort();
    const comments = (await listComments(db, row.id)).map((c) => `${keys.get(c.criterionId)}:${c.text}`).sort();
    const weights = row.customerWeights
      ? JSON.stringify(
          Object.entries(row.customerWeights)
            .map(([id, p]) => [keys.get(id), p])
            .sort(),
        )
      : null;
    out.set((keyOf === "id" ? row.id : row.clientId)!, {
      version: numbers.get(row.versionId)!,
      segment: row.segment,
      language: row.language,
      submittedAt: row.submittedAt!,
      weights,
      gap: row.gap,
      answers,
      comments,
    });
  }
  return out;
}

const statusCount = async (studyId: string, status: "staged" | "submitted") =>
  (
    await getDb()
      .select({ n: count() })
      .from(responses)
      .where(and(eq(responses.studyId, studyId), eq(responses.status, status)))
  )[0].n;

const counts = async () => {
  const n = async (table: typeof responses | typeof comments | typeof aggregateBuckets) => (await getDb().select({ n: count() }).from(table))[0].n;
  return { responses: await n(responses), comments: await n(comments), aggregates: await n(aggregateBuckets) };
};

describe("export → import round trip", () => {
  let done: () => Promise<void>;
  let original: StudyRow;
  let workspaceId: string;
  const total = 400;
  const filters: ResultsFilter[] = [
    {},
    { version: 1 },
    { version: 2 },
    { segment: "分店 B" },
    { segment: "" },
    { from: "2026-10-05", to: "2026-10-20" },
  ];

  beforeAll(async () => {
    done = await useTestDatabase("roundtrip");
    workspaceId = (await transaction((tx) => createWorkspace(tx, "Round trip"))).id;
    original = await buildStudy(workspaceId, "Original");
    await storeCustomerResponses(await randomResponses(original, total));
  }, 60_000);
  afterAll(() => done());

  // "xlsx": the workbook's Responses sheet; "big5": the wide CSV as Excel on a Traditional Chinese Windows saves it.
  it.each(["long", "wide", "xlsx", "big5"] as const)(
    "%s file imported into a copy of the study gives identical results",
    { timeout: 60_000 },
    async (kind) => {
      const copy = await buildStudy(workspaceId, `Copy (${kind})`);
      const format = kind === "long" ? "long" : "wide";
      const file =
        kind === "xlsx"
          ? await exportedBytes(original, "xlsx")
          : kind === "big5"
            ? iconv.encode((await exported(original, "wide")).replace(/^\uFEFF/, ""), "big5")
            : await exported(original, format);
      const outcome = await importFile(copy, file, { sign: "e-p", dryRun: false });
      expect(outcome.status === "problems" ? outcome.report.problems.slice(0, 5) : []).toEqual([]);
      expect(outcome).toMatchObject({ status: "imported", added: total, present: 0 });

      for (const filter of filters) {
        const a = await loadResults(getDb(), original, filter);
        const b = await loadResults(getDb(), copy, filter);
        if (a.status !== "ok" || b.status !== "ok") throw new Error("results not ok");
        expect(a.results.n, JSON.stringify(filter)).toBeGreaterThan(0);
        expectClose(b.results, a.results, `results ${JSON.stringify(filter)}`);
      }

      // The stored answers themselves: the long file carries everything; the
      // wide one cannot tell an unanswered item from N/A (both cells empty),
      // which no figure distinguishes, so null pairs are compared without it.
      const before = await storedResponses(original, "id");
      const after = await storedResponses(copy, "client_id");
      expect(after.size).toBe(total);
      for (const [id, stored] of before) {
        const got = after.get(id)!;
        if (format === "wide") {
          const rated = (s: Stored) => ({ ...s, answers: s.answers.filter((a) => !a.endsWith("null/null")) });
          expect(rated(got), id).toEqual(rated(stored));
        } else expect(got, id).toEqual(stored);
      }

      // The same file again adds nothing.
      expect(await importFile(copy, file, { sign: "e-p", dryRun: false })).toMatchObject({ status: "imported", added: 0, present: total });
    },
  );

  it("an export imported back into its own study adds nothing", async () => {
    const file = await exported(original, "long");
    expect(await importFile(original, file, { sign: "e-p", dryRun: true })).toMatchObject({ status: "checked", present: total });
    expect(await importFile(original, file, { sign: "e-p", dryRun: false })).toMatchObject({ status: "imported", added: 0, present: total });
  });

  it("a file with one bad cell yields the row/column report and writes nothing", async () => {
    const copy = await buildStudy(workspaceId, "Copy (broken)");
    const lines = (await exported(original, "long")).split("\r\n");
    const header = lines[0].replace(/^\uFEFF/, "").split(",");
    // A rated row: put 9 where a perceived rating was, in the 500th data row.
    let target = 500;
    while (!lines[target].includes(",rated,")) target++;
    const cells = lines[target].split(",");
    const perceivedAt = header.indexOf("perceived");
    const simple = cells.length === header.length; // no quoted comma in this row
    if (!simple) throw new Error("pick a row without a comment");
    cells[perceivedAt] = "9";
    lines[target] = cells.join(",");
    const before = await counts();
    const outcome = await importFile(copy, lines.join("\r\n"), { sign: "e-p", dryRun: false });
    expect(outcome.status).toBe("problems");
    if (outcome.status !== "problems") return;
    expect(outcome.report.problems).toContainEqual(expect.objectContaining({ row: target + 1, column: expect.stringMatching(/^perceived/) }));
    // The rows before the bad one were stored as staged, then deleted.
    expect(await counts()).toEqual(before);
  });

  it("an import's responses stay invisible until its last transaction, then appear all at once", { timeout: 60_000 }, async () => {
    const copy = await buildStudy(workspaceId, "Copy (staged)");
    const seen: { staged: number; submitted: number; results: number }[] = [];
    const outcome = await importFile(copy, await exported(original, "long"), {
      sign: "e-p",
      dryRun: false,
      // Called after each stored batch: what any reader sees meanwhile.
      progress: async () => {
        const results = await loadResults(getDb(), copy, {});
        seen.push({
          staged: await statusCount(copy.id, "staged"),
          submitted: await statusCount(copy.id, "submitted"),
          results: results.status === "ok" ? results.results.n : 0,
        });
      },
    });
    expect(outcome).toMatchObject({ status: "imported", added: total });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((s) => s.submitted === 0 && s.results === 0)).toBe(true);
    expect(seen[seen.length - 1].staged).toBe(total);
    expect(await statusCount(copy.id, "staged")).toBe(0);
    expect(await statusCount(copy.id, "submitted")).toBe(total);
  });

  it("a failure midway deletes what was staged and shows nothing", { timeout: 60_000 }, async () => {
    const copy = await buildStudy(workspaceId, "Copy (failing)");
    const before = await counts();
    let batches = 0;
    const failing = importFile(copy, await exported(original, "long"), {
      sign: "e-p",
      dryRun: false,
      progress: async () => {
        if (++batches === 3) throw new Error("the worker died");
      },
    });
    await expect(failing).rejects.toThrow("the worker died");
    expect(await counts()).toEqual(before);
  });

  it("storing planned responses in one transaction is all or nothing", { timeout: 60_000 }, async () => {
    const copy = await buildStudy(workspaceId, "Copy (one transaction)");
    const versions = await listVersions(getDb(), copy.id);
    const plan = await planImport(await exported(original, "wide"), {
      versions: versions.map((v) => ({ id: v.id, number: v.number, snapshot: v.snapshot })),
      segments: copy.segments,
      sign: "e-p",
      now: Date.now(),
    });
    const responses = [...plan.responses];
    expect(responses).toHaveLength(total);
    // The last response points at a version that does not exist: its insert fails after 399 others.
    const last = responses[responses.length - 1];
    responses[responses.length - 1] = { ...last, version: { ...last.version, id: "no-such-version" } };
    const before = await counts();
    await expect(transaction((tx) => storePlanned(tx, copy.id, responses))).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });
});
