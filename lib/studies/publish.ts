import { randomUUID } from "node:crypto";
import { registerAggregateKeys } from "@/db/queries/aggregates";
import { aggregateKeysOfVersion } from "@/lib/responses/version-keys";
import { transaction, type Tx } from "@/db/client";
import { findPublicLink, insertLink } from "@/db/queries/links";
import { findStudy, latestVersion, loadDraft, lockStudy, insertVersion, touchStudy, type DraftCriterion, type StudyRow } from "@/db/queries/studies";
import type { VersionSnapshot } from "@/db/schema";
import { newToken } from "@/lib/auth/tokens";
import { publishProblems, type PublishProblem } from "./publish-rules";

export type PublishResult =
  | { ok: true; versionId: string; version: number; surveyPath: string }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "problems"; problems: PublishProblem[] };

/** What a version would freeze of the study and its draft right now. */
export function snapshotOf(study: StudyRow, draft: DraftCriterion[]): VersionSnapshot {
  return {
    scale: study.scale === 5 ? 5 : 7,
    languages: study.languages,
    provider: study.provider,
    askImportance: study.askImportance,
    criteria: draft.map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      description: c.description,
      weight: c.weight,
      items: c.items.map((i) => ({ id: i.id, key: i.key, text: i.text, reverse: i.reverse })),
    })),
  };
}

// JSON columns come back with keys in whatever order they were written, so
// snapshots are compared with object keys sorted.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** True when publishing now would freeze exactly what `snapshot` already holds. */
export function sameSnapshot(a: VersionSnapshot, b: VersionSnapshot): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * Freezes the draft into the next immutable version (a snapshot of criteria,
 * weights, items and texts) and makes sure the study has a public link. One
 * transaction: a version is never half-written, and two publishes cannot
 * take the same number.
 */
export async function publishDraft(workspaceId: string, studyId: string, publishedBy: string | null): Promise<PublishResult> {
  return transaction((tx) => publishDraftIn(tx, workspaceId, studyId, publishedBy));
}

/** publishDraft inside a caller's transaction (the demo builds its study in one). */
export async function publishDraftIn(tx: Tx, workspaceId: string, studyId: string, publishedBy: string | null): Promise<PublishResult> {
  // lockStudy: the draft is checked and the next version number read before
  // the version is written; edits and other publishes of the study wait.
  await lockStudy(tx, studyId);
  const study = await findStudy(tx, workspaceId, studyId);
  if (!study) return { ok: false, reason: "notFound" };
  const draft = await loadDraft(tx, studyId);
  const problems = publishProblems({ languages: study.languages, criteria: draft });
  if (problems.length > 0) return { ok: false, reason: "problems", problems };
  const snapshot = snapshotOf(study, draft);
  const number = ((await latestVersion(tx, studyId))?.number ?? 0) + 1;
  const versionId = randomUUID();
  await insertVersion(tx, { id: versionId, studyId, number, publishedAt: Date.now(), publishedBy, snapshot });
  await registerAggregateKeys(tx, studyId, aggregateKeysOfVersion(snapshot));
  const existing = await findPublicLink(tx, studyId);
  const token = existing?.token ?? newToken();
  if (!existing) await insertLink(tx, { studyId, kind: "public", token });
  await touchStudy(tx, studyId);
  return { ok: true, versionId, version: number, surveyPath: `/s/${token}` };
}
