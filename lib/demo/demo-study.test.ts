import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The demo runs through the real write path into a temporary database.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-demo-"));
process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;
const now = Date.UTC(2026, 10, 27, 12);

type Loaded = Awaited<ReturnType<typeof run>>;
let first: Loaded;

async function run(workspace: string) {
  const { getConnection } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  const { createOwner } = await import("@/lib/accounts/accounts");
  const { createDemoStudy } = await import("./demo-study");
  const { findStudy, listVersions } = await import("@/db/queries/studies");
  const { loadResults } = await import("@/lib/results/load-results");
  applyMigrations(getConnection().db);
  const owner = await createOwner({ email: `${workspace}@example.test`, password: "long enough pw", workspace });
  const started = performance.now();
  const studyId = createDemoStudy(owner.workspaceId, owner.userId, { now });
  const seconds = (performance.now() - started) / 1000;
  const study = findStudy(owner.workspaceId, studyId)!;
  const loaded = loadResults(study, {});
  if (loaded.status !== "ok") throw new Error(loaded.status);
  return { owner, studyId, seconds, results: loaded.results, versions: listVersions(studyId) };
}

beforeAll(async () => {
  first = await run("demo-a");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the demo study", () => {
  it("is the same every time", async () => {
    const second = await run("demo-b");
    expect(second.results.serviceQualityGap).toBe(first.results.serviceQualityGap);
    expect(second.results.criteria.map((c) => c.gap.mean)).toEqual(first.results.criteria.map((c) => c.gap.mean));
    expect(second.results.gaps["3"].total).toBe(first.results.gaps["3"].total);
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

  it("pins its headline figures", () => {
    const r = first.results;
    // Regenerate these only on purpose: they are what the README's screenshots show.
    expect(r.serviceQualityGap).toMatchInlineSnapshot(`0.6744230894082737`);
    expect(r.criteria.find((c) => c.key === "recovery")?.gap.mean).toMatchInlineSnapshot(`1.7479131886477461`);
  });

  it("takes a few seconds at most", () => {
    expect(first.seconds).toBeLessThan(10);
  });

  it("can be removed without a trace", async () => {
    const { deleteStudyCompletely } = await import("@/lib/studies/delete-study");
    const { getConnection } = await import("@/db/client");
    expect(deleteStudyCompletely(first.owner.workspaceId, first.studyId)).toBe(true);
    const { sqlite } = getConnection();
    for (const table of ["studies", "versions", "responses", "aggregates", "perspective_aggregates", "criteria", "items", "links"]) {
      const column = table === "studies" ? "id" : "study_id";
      const row = sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(first.studyId) as { n: number };
      expect(row.n, table).toBe(0);
    }
    const orphans = sqlite.prepare("SELECT count(*) AS n FROM answers WHERE response_id NOT IN (SELECT id FROM responses)").get() as { n: number };
    expect(orphans.n).toBe(0);
  });
});
