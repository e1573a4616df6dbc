import { transaction } from "@/db/client";
import { listDemoStudies, lockWorkspaceForDemo } from "@/db/queries/demo";
import { createDemoStudy, type DemoOptions } from "./demo-study";

/** Builds the demo study all or nothing, in one transaction: a failure part-way leaves no half-written demo behind. */
export async function createDemoAtomically(workspaceId: string, userId: string | null, options: DemoOptions = {}): Promise<string> {
  return transaction((tx) => createDemoStudy(tx, workspaceId, userId, options));
}

/** The workspace's demo study, created when there is none, so repeated clicks never make a second one. */
export async function openOrCreateDemo(
  workspaceId: string,
  userId: string | null,
  options: DemoOptions = {},
): Promise<{ studyId: string; created: boolean }> {
  return transaction(async (tx) => {
    // lockWorkspaceForDemo: the check decides the write; a second click waits and then finds the first one's demo.
    await lockWorkspaceForDemo(tx, workspaceId);
    const [existing] = await listDemoStudies(tx, workspaceId);
    if (existing) return { studyId: existing.id, created: false };
    return { studyId: await createDemoStudy(tx, workspaceId, userId, options), created: true };
  });
}
