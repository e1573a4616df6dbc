import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/db/client";
import { createWorkspace } from "@/db/queries/accounts";
import { importUploads } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { testStudy } from "@/lib/studies/test-db";
import { loadUpload, removeUpload, replaceUpload, saveUpload, uploadMaxAgeMs, type UploadRecord } from "./upload-store";

let done: () => Promise<void>;
beforeAll(async () => {
  done = await useTestDatabase("uploads");
});
afterAll(() => done());

async function setup() {
  const workspace = await transaction((tx) => createWorkspace(tx, "Uploads"));
  const study = await testStudy(workspace.id);
  const record: UploadRecord = {
    workspaceId: workspace.id,
    studyId: study.id,
    fileName: "回覆 responses.csv",
    bytes: 11,
    sign: "e-p",
    createdAt: Date.now(),
    status: "checked",
    format: "long",
    summary: { rows: 1, found: 1, responses: 1, versions: [{ number: 1, responses: 1 }], segments: [], from: null, to: null },
    problems: [],
    moreProblems: 0,
    present: 0,
  };
  return { workspaceId: workspace.id, studyId: study.id, record };
}

describe("checked import files in the database", () => {
  it("keeps the report and the file, for this workspace and study only", async () => {
    const { workspaceId, studyId, record } = await setup();
    const file = new TextEncoder().encode("a,b\r\n1,2\r\n");
    const token = await transaction((tx) => saveUpload(tx, record, file));
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const loaded = await loadUpload(getDb(), token, workspaceId, studyId);
    expect(loaded?.record).toEqual(record);
    expect(loaded?.file && new TextDecoder().decode(loaded.file)).toBe("a,b\r\n1,2\r\n");
    const other = await setup();
    expect(await loadUpload(getDb(), token, other.workspaceId, studyId)).toBeNull();
    expect(await loadUpload(getDb(), token, workspaceId, other.studyId)).toBeNull();
    expect(await loadUpload(getDb(), "../../etc/passwd", workspaceId, studyId)).toBeNull();

    // Imported: the report changes, the file goes, the token stays.
    await transaction((tx) => replaceUpload(tx, token, { ...record, status: "imported", added: 1 }));
    expect(await loadUpload(getDb(), token, workspaceId, studyId)).toEqual({ record: { ...record, status: "imported", added: 1 }, file: null });

    await transaction((tx) => removeUpload(tx, token, workspaceId, studyId));
    expect(await loadUpload(getDb(), token, workspaceId, studyId)).toBeNull();
  });

  it("stops finding an upload after a day, and sweeps it when another is stored", async () => {
    const { workspaceId, studyId, record } = await setup();
    const old = await transaction((tx) => saveUpload(tx, { ...record, createdAt: Date.now() - uploadMaxAgeMs - 1000 }, new Uint8Array([1, 2, 3])));
    expect(await loadUpload(getDb(), old, workspaceId, studyId)).toBeNull();
    const fresh = await transaction((tx) => saveUpload(tx, { ...record, createdAt: Date.now() }, null));
    expect((await loadUpload(getDb(), fresh, workspaceId, studyId))?.file).toBeNull();
    // Swept: not even a lookup that ignored the expiry would find it now.
    expect(await getDb().select({ id: importUploads.id }).from(importUploads).where(eq(importUploads.id, old))).toEqual([]);
  });
});
