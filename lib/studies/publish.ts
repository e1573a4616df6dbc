import { randomUUID } from "node:crypto";
import { registerAggregateKeys } from "@/db/queries/aggregates";
import { aggregateKeysOfVersion } from "@/lib/responses/version-keys";
import { transaction, type Tx } from "@/db/client";
import { findPublicLink, insertLink } from "@/db/queries/links";
import { findStudy, latestVersion, loadDraft, lockStudy, insertVersion, touchStudy, type DraftCriterion, type StudyRow } from "@/db/queries/studies";
import type { VersionSnapshot } from "@/db/schema";
import { newToken } from "@/lib/auth/tokens";
import { pickLanguages, type Locale, type LocalizedText } from "@/lib/i18n/localized-text";
import { publishProblems, type PublishProblem } from "./publish-rules";
import type { DraftErrorCode } from "./draft-context";
import { saveWeightsIn } from "./draft";

export type PublishResult =
  | { ok: true; versionId: string; version: number; surveyPath: string }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "problems"; problems: PublishProblem[] }
  /** Only when asked to refuse it: the draft equals the latest version, which publishing would merely copy. */
  | { ok: false; reason: "unchanged"; version: number }
  /** The weights typed beside the publish button could not be saved (stale form, sum not 100): nothing was published. */
  | { ok: false; reason: "weights"; code: DraftErrorCode };

/** The manager's customer title and description in the study's languages; absent when none was written. */
function customerTexts(c: DraftCriterion, languages: readonly Locale[]): { customerTitle?: LocalizedText; customerDescription?: LocalizedText } {
  const title = c.customerTitle ? pickLanguages(c.customerTitle, languages) : {};
  const description = c.customerDescription ? pickLanguages(c.customerDescription, languages) : {};
  return {
    ...(Object.keys(title).length > 0 ? { customerTitle: title } : {}),
    ...(Object.keys(description).length > 0 ? { customerDescription: description } : {}),
  };
}

/** What a version would freeze of the study and its draft right now. */
export function snapshotOf(study: StudyRow, draft: DraftCriterion[]): VersionSnapshot {
  return {
    scale: study.scale === 5 ? 5 : 7,
    languages: study.languages,
    provider: study.provider,
    ...(study.providerNames && Object.keys(study.providerNames).length > 0 ? { providerNames: study.providerNames } : {}),
    askImportance: study.askImportance,
    criteria: draft.map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      description: c.description,
      // The manager's own wording for customers, when any (else the survey shows the defaults for `key`).
      ...customerTexts(c, study.languages),
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
export async function publishDraft(
  workspaceId: string,
  studyId: string,
  publishedBy: string | null,
): Promise<Exclude<PublishResult, { reason: "unchanged" | "weights" }>> {
  // Without refuseUnchanged and without weights, neither of those refusals can come back.
  return transaction((tx) => publishDraftIn(tx, workspaceId, studyId, publishedBy)) as Promise<
    Exclude<PublishResult, { reason: "unchanged" | "weights" }>
  >;
}

/**
 * The manager's "Publish version N": the weights typed in the form beside it
 * (`points`, null when the form was not sent) are saved first, in the same
 * transaction, so what was on screen is what goes out; weights that cannot be
 * saved refuse the whole publish. A draft equal to the latest version is
 * refused (it would only copy it).
 */
export async function publishFromDesigner(
  workspaceId: string,
  studyId: string,
  publishedBy: string,
  points: Record<string, number> | null,
): Promise<PublishResult> {
  class Rollback extends Error {
    constructor(readonly result: PublishResult) {
      super(result.ok ? "published" : result.reason);
    }
  }
  try {
    return await transaction(async (tx) => {
      await lockStudy(tx, studyId);
      if (!(await findStudy(tx, workspaceId, studyId))) return { ok: false, reason: "notFound" } as const;
      if (points) {
        const saved = await saveWeightsIn(tx, studyId, points);
        if (!saved.ok) return { ok: false, reason: "weights", code: saved.code } as const;
      }
      const result = await publishDraftIn(tx, workspaceId, studyId, publishedBy, { refuseUnchanged: true });
      // Weights saved for a publish that was refused are rolled back with it: a refusal changes nothing.
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

/** publishDraft inside a caller's transaction (the demo builds its study in one). */
export async function publishDraftIn(
  tx: Tx,
  workspaceId: string,
  studyId: string,
  publishedBy: string | null,
  options: { refuseUnchanged?: boolean } = {},
): Promise<PublishResult> {
  // lockStudy: the draft is checked and the next version number read before
  // the version is written; edits and other publishes of the study wait.
  await lockStudy(tx, studyId);
  const study = await findStudy(tx, workspaceId, studyId);
  if (!study) return { ok: false, reason: "notFound" };
  const draft = await loadDraft(tx, studyId);
  const problems = publishProblems({ languages: study.languages, criteria: draft });
  if (problems.length > 0) return { ok: false, reason: "problems", problems };
  const snapshot = snapshotOf(study, draft);
  const latest = await latestVersion(tx, studyId);
  if (options.refuseUnchanged && latest && sameSnapshot(latest.snapshot, snapshot)) return { ok: false, reason: "unchanged", version: latest.number };
  const number = (latest?.number ?? 0) + 1;
  const versionId = randomUUID();
  await insertVersion(tx, { id: versionId, studyId, number, publishedAt: Date.now(), publishedBy, snapshot });
  await registerAggregateKeys(tx, studyId, aggregateKeysOfVersion(snapshot));
  const existing = await findPublicLink(tx, studyId);
  const token = existing?.token ?? newToken();
  if (!existing) await insertLink(tx, { studyId, kind: "public", token });
  await touchStudy(tx, studyId);
  return { ok: true, versionId, version: number, surveyPath: `/s/${token}` };
}
