import { getConnection } from "@/db/client";
import { listDemoStudies } from "@/db/queries/demo";
import { createDemoStudy, type DemoOptions } from "./demo-study";

/**
 * Builds the demo study all or nothing: the generator runs several
 * transactions (create, publish twice, store the responses), and wrapping
 * them in one outer transaction turns those into savepoints, so a failure
 * part-way leaves no half-written demo behind.
 */
export function createDemoAtomically(workspaceId: string, userId: string | null, options: DemoOptions = {}): string {
  return getConnection().db.transaction(() => createDemoStudy(workspaceId, userId, options));
}

/**
 * The workspace's demo study, created when there is none, so repeated
 * clicks never make a second one. The check and the write run in one
 * synchronous call, which nothing else in this process can interleave.
 */
export function openOrCreateDemo(workspaceId: string, userId: string | null, options: DemoOptions = {}): { studyId: string; created: boolean } {
  const existing = listDemoStudies(workspaceId)[0];
  if (existing) return { studyId: existing.id, created: false };
  return { studyId: createDemoAtomically(workspaceId, userId, options), created: true };
}
