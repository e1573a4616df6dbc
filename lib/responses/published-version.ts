import type { Reader } from "@/db/client";
import { latestVersionHead, versionSnapshot } from "@/db/queries/studies";
import type { VersionSnapshot } from "@/db/schema";

// A published version's snapshot never changes: publishing inserts a new
// versions row, and nothing updates a snapshot (only publishedAt, which the
// demo back-dates, so it is read every time and never kept). A snapshot read
// once may therefore be kept by every instance, keyed by the version's id (a
// UUID, never reused), without any instance seeing stale data. Drafts are not
// versions and never pass through here. Parsing a snapshot and building its
// lookups on every submit was a measurable share of the API's submit path.

/** How many versions a process keeps; the oldest read goes first. */
const capacity = 500;
const snapshots = new Map<string, VersionSnapshot>();

/** The version's snapshot, from this process's memory after the first read. */
export async function publishedSnapshot(db: Reader, versionId: string): Promise<VersionSnapshot | undefined> {
  const kept = snapshots.get(versionId);
  if (kept) return kept;
  const snapshot = await versionSnapshot(db, versionId);
  if (!snapshot) return undefined;
  if (snapshots.size >= capacity) snapshots.delete(snapshots.keys().next().value!);
  snapshots.set(versionId, snapshot);
  return snapshot;
}

export type PublishedVersion = { id: string; number: number; publishedAt: number; snapshot: VersionSnapshot };

/** The study's latest published version: its head read each time (one small row), its snapshot kept. */
export async function latestPublishedVersion(db: Reader, studyId: string): Promise<PublishedVersion | undefined> {
  const head = await latestVersionHead(db, studyId);
  return head ? publishedVersion(db, head) : undefined;
}

/** The version a head read elsewhere names, its snapshot kept. */
export async function publishedVersion(db: Reader, head: Omit<PublishedVersion, "snapshot">): Promise<PublishedVersion | undefined> {
  const snapshot = await publishedSnapshot(db, head.id);
  return snapshot ? { ...head, snapshot } : undefined;
}

/** Forgets every kept snapshot (tests). */
export function forgetPublishedSnapshots(): void {
  snapshots.clear();
}
