import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { findResponse, insertResponse } from "@/db/queries/responses";
import { findLiveSession, insertSession } from "@/db/queries/sessions";
import { useTestDatabase } from "@/db/testing";
import { createOwner } from "@/lib/accounts/accounts";
import { makePublishedStudy } from "@/lib/survey/fixture-study";
import { staleDraftAgeMs, sweepStaleRows } from "./sweep";

// Issue 12 item 6: every step-0 post with a new id left a draft forever,
// and expired sessions were never deleted.

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("sweep");
}, 60_000);
afterAll(() => done());

describe("the sweep of stale rows", () => {
  it("deletes drafts older than the resume window and expired sessions, nothing else", async () => {
    const fixture = await makePublishedStudy();
    const now = Date.now();
    const owner = await createOwner({ email: "sweep@example.test", password: "long enough pw", workspace: "Sweep" });
    const rows = {
      stale: { status: "in_progress" as const, startedAt: now - staleDraftAgeMs - 1, perspective: "customer" as const },
      staleInternal: { status: "in_progress" as const, startedAt: now - staleDraftAgeMs - 1, perspective: "management" as const },
      fresh: { status: "in_progress" as const, startedAt: now - staleDraftAgeMs + 60_000, perspective: "customer" as const },
      oldSubmitted: { status: "submitted" as const, startedAt: now - 2 * staleDraftAgeMs, perspective: "customer" as const },
    };
    const ids = Object.fromEntries(Object.keys(rows).map((k) => [k, randomUUID()])) as Record<keyof typeof rows, string>;
    await transaction(async (tx) => {
      for (const [name, row] of Object.entries(rows)) {
        await insertResponse(tx, {
          id: ids[name as keyof typeof rows],
          studyId: fixture.studyId,
          versionId: fixture.versionId,
          segment: "",
          language: "en",
          source: "survey",
          submittedAt: row.status === "submitted" ? row.startedAt : null,
          ...row,
        });
      }
      await insertSession(tx, { tokenHash: "expired-session", userId: owner.userId, workspaceId: owner.workspaceId, expiresAt: now - 1 });
      await insertSession(tx, { tokenHash: "live-session", userId: owner.userId, workspaceId: owner.workspaceId, expiresAt: now + 60_000 });
    });

    expect(await sweepStaleRows(now)).toEqual({ drafts: 2, sessions: 1 });
    expect(await findResponse(getDb(), ids.stale)).toBeUndefined();
    expect(await findResponse(getDb(), ids.staleInternal)).toBeUndefined();
    expect(await findResponse(getDb(), ids.fresh)).toMatchObject({ status: "in_progress" });
    expect(await findResponse(getDb(), ids.oldSubmitted)).toMatchObject({ status: "submitted" });
    expect(await findLiveSession(getDb(), "live-session", now)).toBeDefined();
    // Run again (another process, the next interval): nothing left to take.
    expect(await sweepStaleRows(now)).toEqual({ drafts: 0, sessions: 0 });
  });
});
