import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-explore-"));
process.env.DATABASE_URL = `file:${path.join(dir, "app.db")}`;

async function load() {
  const { getConnection } = await import("@/db/client");
  const { createOwner } = await import("@/lib/accounts/accounts");
  const { listDemoStudies } = await import("@/db/queries/demo");
  const explore = await import("./explore-demo");
  return { getConnection, createOwner, listDemoStudies, ...explore };
}

beforeAll(async () => {
  const { getConnection } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  applyMigrations(getConnection().db);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("exploring the demo", () => {
  it("creates one demo per workspace and opens it on the next click", async () => {
    const { createOwner, openOrCreateDemo, listDemoStudies } = await load();
    const owner = await createOwner({ email: "twice@example.test", password: "long enough pw", workspace: "twice" });
    const first = openOrCreateDemo(owner.workspaceId, owner.userId, { responses: 30 });
    const second = openOrCreateDemo(owner.workspaceId, owner.userId, { responses: 30 });
    expect(first.created).toBe(true);
    expect(second).toEqual({ studyId: first.studyId, created: false });
    expect(listDemoStudies(owner.workspaceId).map((s) => s.id)).toEqual([first.studyId]);
  });

  it("leaves nothing behind when the generator fails part-way", async () => {
    const { createOwner, getConnection, createDemoAtomically } = await load();
    const owner = await createOwner({ email: "fails@example.test", password: "long enough pw", workspace: "fails" });
    const { sqlite } = getConnection();
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const before = { studies: count("SELECT count(*) AS n FROM studies"), responses: count("SELECT count(*) AS n FROM responses"), aggregates: count("SELECT count(*) AS n FROM aggregates") };
    expect(() =>
      createDemoAtomically(owner.workspaceId, owner.userId, {
        responses: 300,
        // Fails after the study, both versions and 200 responses were written.
        onProgress: (done) => {
          if (done === 200) throw new Error("disk full");
        },
      }),
    ).toThrow("disk full");
    expect(count("SELECT count(*) AS n FROM studies")).toBe(before.studies);
    expect(count("SELECT count(*) AS n FROM responses")).toBe(before.responses);
    expect(count("SELECT count(*) AS n FROM aggregates")).toBe(before.aggregates);
    expect(sqlite.inTransaction).toBe(false);
  });
});
