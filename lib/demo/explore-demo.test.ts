import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { listDemoStudies } from "@/db/queries/demo";
import { aggregateBuckets, responses, studies } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createOwner } from "@/lib/accounts/accounts";
import { createDemoAtomically, openOrCreateDemo } from "./explore-demo";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("explore");
});
afterAll(() => done());

const rows = async (table: typeof studies | typeof responses | typeof aggregateBuckets) => (await getDb().select({ n: count() }).from(table))[0].n;

describe("exploring the demo", () => {
  it("creates one demo per workspace and opens it on the next click", { timeout: 60_000 }, async () => {
    const owner = await createOwner({ email: "twice@example.test", password: "long enough pw", workspace: "twice" });
    const first = await openOrCreateDemo(owner.workspaceId, owner.userId, { responses: 30 });
    const second = await openOrCreateDemo(owner.workspaceId, owner.userId, { responses: 30 });
    expect(first.created).toBe(true);
    expect(second).toEqual({ studyId: first.studyId, created: false });
    expect((await listDemoStudies(getDb(), owner.workspaceId)).map((s) => s.id)).toEqual([first.studyId]);
  });

  it("makes one demo of two clicks at once", { timeout: 60_000 }, async () => {
    const owner = await createOwner({ email: "race@example.test", password: "long enough pw", workspace: "race" });
    const both = await Promise.all([1, 2].map(() => openOrCreateDemo(owner.workspaceId, owner.userId, { responses: 30 })));
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect(both[0].studyId).toBe(both[1].studyId);
    expect(await listDemoStudies(getDb(), owner.workspaceId)).toHaveLength(1);
  });

  it("leaves nothing behind when the generator fails part-way", { timeout: 60_000 }, async () => {
    const owner = await createOwner({ email: "fails@example.test", password: "long enough pw", workspace: "fails" });
    const before = { studies: await rows(studies), responses: await rows(responses), aggregates: await rows(aggregateBuckets) };
    await expect(
      createDemoAtomically(owner.workspaceId, owner.userId, {
        responses: 300,
        // Fails after the study, both versions and 200 responses were written.
        onProgress: (done) => {
          if (done === 200) throw new Error("disk full");
        },
      }),
    ).rejects.toThrow("disk full");
    expect({ studies: await rows(studies), responses: await rows(responses), aggregates: await rows(aggregateBuckets) }).toEqual(before);
  });
});
