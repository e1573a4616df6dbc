import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listStudies } from "@/db/queries/studies";
import { useTestDatabase } from "@/db/testing";
import { setUpWorkspace } from "./set-up";

// The set-up page's demo branch; the page itself is used once per
// installation by the e2e "first-run" project (which leaves the box ticked).
// Set-up only works on an empty database: each test gets a fresh one.

let done: (() => Promise<void>) | undefined;
afterEach(async () => {
  await done?.();
  done = undefined;
});

const input = { email: "owner@example.test", password: "long enough pw", workspace: "Harbour Hotel" };

describe("set-up", () => {
  it("creates the demo study in the new workspace when the box is ticked", async () => {
    done = await useTestDatabase("setup-demo");
    const owner = await setUpWorkspace(input, true);
    expect(owner.demo).toBe("created");
    const studies = await listStudies(getDb(), owner.workspaceId);
    expect(studies).toHaveLength(1);
    expect(studies[0].isDemo).toBe(true);
    expect(studies[0].responses).toBe(600);
    // Set-up is closed afterwards, demo or not.
    await expect(setUpWorkspace({ ...input, email: "second@example.test" }, true)).rejects.toThrow("setupDone");
  }, 60_000);

  it("creates no study when the box is cleared", async () => {
    done = await useTestDatabase("setup-plain");
    const owner = await setUpWorkspace(input, false);
    expect(owner.demo).toBe("none");
    expect(await listStudies(getDb(), owner.workspaceId)).toHaveLength(0);
  }, 60_000);
});
