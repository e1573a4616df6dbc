import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { findResponse, insertResponse } from "@/db/queries/responses";
import { appendJobFileChunk, findJobById, insertJob, readJobFileChunk } from "@/db/queries/jobs";
import { findPasswordReset, insertPasswordReset } from "@/db/queries/password-resets";
import { findLiveSession, insertSession } from "@/db/queries/sessions";
import { jobs } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createOwner } from "@/lib/accounts/accounts";
import { makePublishedStudy } from "@/lib/survey/fixture-study";
import { staleDraftAgeMs, sweepStaleRows } from "./sweep";

// Issue 12 item 6: every step-0 post with a new id left a draft forever,
// and expired sessions were never deleted. Issue 15: old jobs and their files.

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
      await insertPasswordReset(tx, { tokenHash: "expired-reset", userId: owner.userId, expiresAt: now - 1 });
      await insertPasswordReset(tx, { tokenHash: "live-reset", userId: owner.userId, expiresAt: now + 60_000 });
    });

    // Jobs: files of ended jobs go after a day, ended jobs after 90 days, an upload that never finished after a day.
    const day = 24 * 60 * 60_000;
    const job = async (state: "succeeded" | "receiving", createdAt: number, finishedAt: number | null) => {
      const id = randomUUID();
      await transaction(async (tx) => {
        await insertJob(tx, {
          id,
          kind: "import",
          workspaceId: fixture.workspaceId,
          studyId: fixture.studyId,
          state: "receiving",
          payload: {},
          createdBy: "cli",
          createdAt,
        });
        await appendJobFileChunk(tx, id, 0, Buffer.from("response_id\n"));
        await tx.update(jobs).set({ state, finishedAt }).where(eq(jobs.id, id));
      });
      return id;
    };
    const recent = await job("succeeded", now - day / 2, now - day / 2);
    const checkedYesterday = await job("succeeded", now - 2 * day, now - 2 * day);
    const ancient = await job("succeeded", now - 100 * day, now - 100 * day);
    const abandonedUpload = await job("receiving", now - 2 * day, null);

    expect(await sweepStaleRows(now)).toEqual({ drafts: 2, sessions: 1, passwordResets: 1, jobs: 2, emails: 0, webhookDeliveries: 0 });
    expect(await findJobById(getDb(), recent)).toBeDefined();
    expect(await readJobFileChunk(getDb(), recent, 0)).toBeDefined();
    expect(await findJobById(getDb(), checkedYesterday)).toBeDefined();
    expect(await readJobFileChunk(getDb(), checkedYesterday, 0)).toBeUndefined();
    expect(await findJobById(getDb(), ancient)).toBeUndefined();
    expect(await findJobById(getDb(), abandonedUpload)).toBeUndefined();
    expect(await findResponse(getDb(), ids.stale)).toBeUndefined();
    expect(await findResponse(getDb(), ids.staleInternal)).toBeUndefined();
    expect(await findResponse(getDb(), ids.fresh)).toMatchObject({ status: "in_progress" });
    expect(await findResponse(getDb(), ids.oldSubmitted)).toMatchObject({ status: "submitted" });
    expect(await findLiveSession(getDb(), "live-session", now)).toBeDefined();
    expect(await findPasswordReset(getDb(), "expired-reset")).toBeUndefined();
    expect(await findPasswordReset(getDb(), "live-reset")).toBeDefined();
    // Run again (another process, the next interval): nothing left to take.
    expect(await sweepStaleRows(now)).toEqual({ drafts: 0, sessions: 0, passwordResets: 0, jobs: 0, emails: 0, webhookDeliveries: 0 });
  });
});
