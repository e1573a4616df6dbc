import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The set-up page's demo branch; the page itself is used once per
// installation by the e2e "first-run" project (which leaves the box ticked).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gapmodel-setup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A fresh installation: set-up only works on an empty database. */
async function freshInstall(name: string) {
  process.env.DATABASE_URL = `file:${path.join(dir, `${name}.db`)}`;
  const { getConnection } = await import("@/db/client");
  const { applyMigrations } = await import("@/db/migrate");
  applyMigrations(getConnection().db);
  const { setUpWorkspace } = await import("./set-up");
  const { listStudies } = await import("@/db/queries/studies");
  return { setUpWorkspace, listStudies };
}

const input = { email: "owner@example.test", password: "long enough pw", workspace: "Harbour Hotel" };

describe("set-up", () => {
  it("creates the demo study in the new workspace when the box is ticked", async () => {
    const { setUpWorkspace, listStudies } = await freshInstall("with-demo");
    const owner = await setUpWorkspace(input, true);
    expect(owner.demo).toBe("created");
    const studies = listStudies(owner.workspaceId);
    expect(studies).toHaveLength(1);
    expect(studies[0].isDemo).toBe(true);
    expect(studies[0].responses).toBe(600);
    // Set-up is closed afterwards, demo or not.
    await expect(setUpWorkspace({ ...input, email: "second@example.test" }, true)).rejects.toThrow("setupDone");
  });

  it("creates no study when the box is cleared", async () => {
    const { setUpWorkspace, listStudies } = await freshInstall("without-demo");
    const owner = await setUpWorkspace(input, false);
    expect(owner.demo).toBe("none");
    expect(listStudies(owner.workspaceId)).toHaveLength(0);
  });
});
