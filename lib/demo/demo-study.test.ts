import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { findStudy, listVersions } from "@/db/queries/studies";
import {
  aggregateBuckets,
  aggregateKeys,
  alertRules,
  caseNotes,
  cases,
  criteria,
  items,
  links,
  responseContacts,
  responses,
  studies,
  versions,
} from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createOwner } from "@/lib/accounts/accounts";
import { loadFocus } from "@/lib/results/focus";
import { loadResults } from "@/lib/results/load-results";
import { deleteStudyCompletely } from "@/lib/studies/delete-study";
import { demoAlertThreshold } from "./demo-cases";
import { createDemoStudy } from "./demo-study";

// The demo runs through the real write path into a test database (either engine).
const now = Date.UTC(2026, 10, 27, 12);

type Loaded = Awaited<ReturnType<typeof run>>;
let first: Loaded;
let done: () => Promise<void>;

async function run(workspace: string) {
  const owner = await createOwner({ email: `${workspace}@example.test`, password: "long enough pw", workspace });
  const studyId = await transaction((tx) => createDemoStudy(tx, owner.workspaceId, owner.userId, { now }));
  const study = (await findStudy(getDb(), owner.workspaceId, studyId))!;
  const loaded = await loadResults(getDb(), study, {});
  if (loaded.status !== "ok") throw new Error(loaded.status);
  return { owner, studyId, results: loaded.results, versions: await listVersions(getDb(), studyId) };
}

beforeAll(async () => {
  done = await useTestDatabase("demo");
  first = await run("demo-a");
}, 60_000);
afterAll(() => done());

describe("the demo study", () => {
  // The data are the same every time; the figures to 12 decimals, because the
  // aggregate buckets are added up in the order the database returns them,
  // and floating-point sums differ in the last bits between orders.
  const digits = 12;

  it("is the same every time", { timeout: 60_000 }, async () => {
    const second = await run("demo-b");
    expect(second.results.serviceQualityGap).toBeCloseTo(first.results.serviceQualityGap!, digits);
    second.results.criteria.forEach((c, i) => expect(c.gap.mean).toBeCloseTo(first.results.criteria[i].gap.mean!, digits));
    expect(second.results.gaps["3"].total).toBeCloseTo(first.results.gaps["3"].total!, digits);
  });

  it("closes the loop on its largest recent shortfalls: an alert rule and cases in every state, with contacts and notes", async () => {
    const rows = await getDb()
      .select({ state: cases.state, assigneeId: cases.assigneeId, gap: responses.gap, submittedAt: responses.submittedAt, caseId: cases.id })
      .from(cases)
      .innerJoin(responses, eq(responses.id, cases.responseId))
      .where(eq(cases.studyId, first.studyId));
    expect(rows.map((r) => r.state).sort()).toEqual(["contacted", "contacted", "open", "open", "open", "resolved"]);
    // Each case's guest crossed the rule, in the last three weeks.
    for (const r of rows) {
      expect(r.gap).toBeGreaterThanOrEqual(demoAlertThreshold);
      expect(r.submittedAt).toBeGreaterThanOrEqual(now - 21 * 86_400_000);
    }
    expect(rows.filter((r) => r.assigneeId === first.owner.userId)).toHaveLength(5);
    const [rule] = await getDb().select().from(alertRules).where(eq(alertRules.studyId, first.studyId));
    expect(rule).toMatchObject({ threshold: demoAlertThreshold, notify: [first.owner.userId] });
    const [contacts] = await getDb().select({ n: count() }).from(responseContacts).where(eq(responseContacts.studyId, first.studyId));
    expect(contacts.n).toBe(3);
    const notes = await getDb().select({ caseId: caseNotes.caseId }).from(caseNotes);
    expect(notes.filter((n) => rows.some((r) => r.caseId === n.caseId))).toHaveLength(5);
  });

  it("tells the intended story: shortfalls on reliability and recovery, attitude exceeded", () => {
    const r = first.results;
    expect(r.n).toBe(600);
    expect(first.versions.map((v) => v.number)).toEqual([1, 2]);
    const verdict = (key: string) => r.criteria.find((c) => c.key === key)?.gap.verdict;
    expect(verdict("reliability")).toBe("shortfall");
    expect(verdict("recovery")).toBe("shortfall");
    expect(verdict("attitudes")).toBe("exceeded");
    expect(r.serviceQualityGap).toBeGreaterThan(0.3);
    expect(r.serviceQualityGap).toBeLessThan(1.5);
    for (const g of ["1", "2", "3", "4", "5"] as const) expect(r.gaps[g].total).not.toBeNull();
    expect(r.criteria.every((c) => c.customerWeight !== null)).toBe(true);
    expect(r.causes["3"].map((c) => c.key)).toContain("role-conflict");
  });

  it("has realistic reliability: Cronbach's α between 0.7 and 0.95 for every criterion, E and P", () => {
    for (const c of first.results.criteria) {
      for (const alpha of [c.alpha.expected, c.alpha.perceived]) {
        expect(alpha, c.key).not.toBeNull();
        expect(alpha!, c.key).toBeGreaterThan(0.7);
        expect(alpha!, c.key).toBeLessThan(0.95);
      }
    }
  });

  it("puts Recovery, the largest gap, in the focus, with its worst items, comments and five-gap explanation", async () => {
    const r = first.results;
    const largest = [...r.criteria].sort((a, b) => b.gap.mean! - a.gap.mean!)[0];
    expect(largest.key).toBe("recovery");
    expect(r.focus).toContain("recovery");
    expect(r.focus[0]).toBe("reliability");
    const study = (await findStudy(getDb(), first.owner.workspaceId, first.studyId))!;
    const loaded = await loadResults(getDb(), study, {});
    if (loaded.status !== "ok") throw new Error(loaded.status);
    const focus = await loadFocus(getDb(), study, {}, loaded);
    expect(focus.map((f) => f.criterion.key)).toEqual(r.focus);
    const recovery = focus.find((f) => f.criterion.key === "recovery")!;
    expect(recovery.items.length).toBeGreaterThanOrEqual(2);
    expect(recovery.items.every((i) => i.criterion === "recovery" && i.gap.mean! > 0)).toBe(true);
    expect(recovery.comments.length).toBeGreaterThanOrEqual(1);
    expect(recovery.comments.length).toBeLessThanOrEqual(3);
    expect(new Set(recovery.comments).size).toBe(recovery.comments.length);
    // The story of the five gaps: management underestimates recovery (Gap 1,
    // weak upward communication), advertising overpromises reliability (Gap 4).
    expect(recovery.explanation).toMatchObject({ status: "gap", gap: 1, cause: { key: "upward-communication" } });
    expect(focus.find((f) => f.criterion.key === "reliability")?.explanation).toMatchObject({ status: "gap", gap: 4 });
  });

  it("pins its headline figures", () => {
    const r = first.results;
    // Regenerate these only on purpose: they are what the README's screenshots show.
    expect(r.serviceQualityGap).toBeCloseTo(0.6712638888888893, digits);
    expect(r.criteria.find((c) => c.key === "recovery")?.gap.mean).toBeCloseTo(1.7727777777777776, digits);
  });

  it("can be removed without a trace", async () => {
    expect(await deleteStudyCompletely(first.owner.workspaceId, first.studyId)).toBe(true);
    const rows = async (
      table: typeof versions | typeof responses | typeof aggregateBuckets | typeof aggregateKeys | typeof criteria | typeof items | typeof links,
    ) => (await getDb().select({ n: count() }).from(table).where(eq(table.studyId, first.studyId)))[0].n;
    expect((await getDb().select({ n: count() }).from(studies).where(eq(studies.id, first.studyId)))[0].n).toBe(0);
    const tables = { versions, responses, aggregateBuckets, aggregateKeys, criteria, items, links };
    for (const [name, table] of Object.entries(tables)) expect(await rows(table), name).toBe(0);
  });
});
