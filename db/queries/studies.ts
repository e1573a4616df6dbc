import { and, asc, count, desc, eq, isNotNull, isNull, max, sql } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { forUpdate } from "../locks";
import { criteria, items, responses, studies, users, versions, type LocalizedText, type VersionSnapshot } from "../schema";

// Every read takes the workspace: another workspace's study is simply not found.

export type StudyRow = typeof studies.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type VersionRow = typeof versions.$inferSelect;

export async function insertStudy(tx: Tx, row: typeof studies.$inferInsert) {
  await tx.insert(studies).values(row);
}

/**
 * Locks the study's row until the transaction ends (PostgreSQL), so edits of
 * one questionnaire and its publishing run one after another: the next item
 * number, the next version number and "is the draft publishable" are read
 * and then written.
 */
export async function lockStudy(tx: Tx, studyId: string) {
  await forUpdate(tx.select({ id: studies.id }).from(studies).where(eq(studies.id, studyId)));
}

export async function insertCriterion(tx: Tx, row: typeof criteria.$inferInsert) {
  await tx.insert(criteria).values(row);
}

/** Inserts an item with the study's next item number (call after lockStudy in a draft edit). */
export async function insertItem(tx: Tx, row: Omit<typeof items.$inferInsert, "number">) {
  await tx.insert(items).values({
    ...row,
    // The unique index (study_id, number) turns a race the lock missed into an error, never a shared number.
    number: sql`(SELECT coalesce(max(i.number), 0) + 1 FROM items i WHERE i.study_id = ${row.studyId})`,
  });
}

export async function findStudy(db: Reader, workspaceId: string, studyId: string): Promise<StudyRow | undefined> {
  const [row] = await db
    .select()
    .from(studies)
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)))
    .limit(1);
  return row;
}

/** A study by id alone: for the public survey path, which has no workspace. */
export async function findStudyById(db: Reader, studyId: string): Promise<StudyRow | undefined> {
  const [row] = await db.select().from(studies).where(eq(studies.id, studyId)).limit(1);
  return row;
}

export async function listStudies(db: Reader, workspaceId: string, options: { archived?: boolean } = {}) {
  const latest = db
    .select({
      studyId: versions.studyId,
      latest: max(versions.number).as("latest"),
      latestPublishedAt: max(versions.publishedAt).as("latest_published_at"),
    })
    .from(versions)
    .groupBy(versions.studyId)
    .as("latest");
  return db
    .select({
      id: studies.id,
      name: studies.name,
      provider: studies.provider,
      industry: studies.industry,
      languages: studies.languages,
      scale: studies.scale,
      framework: studies.framework,
      isDemo: studies.isDemo,
      archivedAt: studies.archivedAt,
      createdAt: studies.createdAt,
      updatedAt: studies.updatedAt,
      latestVersion: latest.latest,
      latestPublishedAt: sql<number | null>`${latest.latestPublishedAt}`.mapWith((v) => (v === null ? null : Number(v))),
      responses:
        sql<number>`(SELECT count(*) FROM responses r WHERE r.study_id = ${studies.id} AND r.status = 'submitted' AND r.perspective = 'customer')`.mapWith(
          Number,
        ),
    })
    .from(studies)
    .leftJoin(latest, eq(latest.studyId, studies.id))
    .where(and(eq(studies.workspaceId, workspaceId), options.archived ? sql`${studies.archivedAt} IS NOT NULL` : isNull(studies.archivedAt)))
    .orderBy(desc(studies.updatedAt), asc(studies.id));
}

export async function updateStudy(
  tx: Tx,
  workspaceId: string,
  studyId: string,
  patch: Partial<Omit<typeof studies.$inferInsert, "id" | "workspaceId">>,
): Promise<number> {
  const rows = await tx
    .update(studies)
    .set({ ...patch, updatedAt: Date.now() })
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)))
    .returning({ id: studies.id });
  return rows.length;
}

export async function deleteStudy(tx: Tx, workspaceId: string, studyId: string): Promise<number> {
  const rows = await tx
    .delete(studies)
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)))
    .returning({ id: studies.id });
  return rows.length;
}

export type DraftCriterion = CriterionRow & { items: ItemRow[] };

/** The editable questionnaire: live criteria in order, each with its live items in order. */
export async function loadDraft(db: Reader, studyId: string): Promise<DraftCriterion[]> {
  const [criterionRows, itemRows] = await Promise.all([
    db
      .select()
      .from(criteria)
      .where(and(eq(criteria.studyId, studyId), isNull(criteria.removedAt)))
      .orderBy(asc(criteria.position), asc(criteria.id)),
    db
      .select()
      .from(items)
      .where(and(eq(items.studyId, studyId), isNull(items.removedAt)))
      .orderBy(asc(items.position), asc(items.number)),
  ]);
  return criterionRows.map((c) => ({ ...c, items: itemRows.filter((i) => i.criterionId === c.id) }));
}

/** Every item key the study ever used, removed ones included: keys are never reused. */
export async function allItemKeys(db: Reader, studyId: string): Promise<string[]> {
  return (await db.select({ key: items.key }).from(items).where(eq(items.studyId, studyId))).map((r) => r.key);
}

export async function allCriterionKeys(db: Reader, studyId: string): Promise<string[]> {
  return (await db.select({ key: criteria.key }).from(criteria).where(eq(criteria.studyId, studyId))).map((r) => r.key);
}

/** Every item of the study, removed ones included, with its number (for packing answers). */
export async function itemNumbers(db: Reader, studyId: string): Promise<{ id: string; number: number }[]> {
  return db.select({ id: items.id, number: items.number }).from(items).where(eq(items.studyId, studyId));
}

export async function findCriterion(db: Reader, studyId: string, criterionId: string) {
  const [row] = await db
    .select()
    .from(criteria)
    .where(and(eq(criteria.id, criterionId), eq(criteria.studyId, studyId), isNull(criteria.removedAt)))
    .limit(1);
  return row;
}

export async function updateCriterion(
  tx: Tx,
  studyId: string,
  criterionId: string,
  patch: Partial<{
    name: LocalizedText;
    description: LocalizedText;
    customerTitle: LocalizedText | null;
    customerDescription: LocalizedText | null;
    weight: number;
    position: number;
    removedAt: number | null;
  }>,
): Promise<number> {
  const rows = await tx
    .update(criteria)
    .set(patch)
    .where(and(eq(criteria.id, criterionId), eq(criteria.studyId, studyId)))
    .returning({ id: criteria.id });
  return rows.length;
}

export async function updateItem(
  tx: Tx,
  studyId: string,
  itemId: string,
  patch: Partial<{
    text: LocalizedText;
    reverse: boolean;
    locked: boolean;
    position: number;
    criterionId: string;
    removedAt: number | null;
    bankId: string | null;
    facet: string | null;
  }>,
): Promise<number> {
  const rows = await tx
    .update(items)
    .set(patch)
    .where(and(eq(items.id, itemId), eq(items.studyId, studyId)))
    .returning({ id: items.id });
  return rows.length;
}

export async function touchStudy(tx: Tx, studyId: string) {
  await tx.update(studies).set({ updatedAt: Date.now() }).where(eq(studies.id, studyId));
}

// ── Versions ────────────────────────────────────────────────────────────────

export async function listVersions(db: Reader, studyId: string): Promise<VersionRow[]> {
  return db.select().from(versions).where(eq(versions.studyId, studyId)).orderBy(asc(versions.number));
}

export async function latestVersion(db: Reader, studyId: string): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(versions).where(eq(versions.studyId, studyId)).orderBy(desc(versions.number)).limit(1);
  return row;
}

/** The latest version's id, number and publication time, without its snapshot (read that once per process: lib/responses/published-version.ts). */
export async function latestVersionHead(db: Reader, studyId: string): Promise<{ id: string; number: number; publishedAt: number } | undefined> {
  const [row] = await db
    .select({ id: versions.id, number: versions.number, publishedAt: versions.publishedAt })
    .from(versions)
    .where(eq(versions.studyId, studyId))
    .orderBy(desc(versions.number))
    .limit(1);
  return row;
}

/** A version's snapshot (what respondents answered); undefined for an unknown id. */
export async function versionSnapshot(db: Reader, versionId: string): Promise<VersionSnapshot | undefined> {
  const [row] = await db.select({ snapshot: versions.snapshot }).from(versions).where(eq(versions.id, versionId)).limit(1);
  return row?.snapshot;
}

export async function findVersion(db: Reader, studyId: string, versionId: string): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.id, versionId), eq(versions.studyId, studyId)))
    .limit(1);
  return row;
}

/** A new version; the unique index (study_id, number) refuses a second version with one number. */
export async function insertVersion(
  tx: Tx,
  row: { id: string; studyId: string; number: number; publishedAt: number; publishedBy: string | null; snapshot: VersionSnapshot },
) {
  await tx.insert(versions).values(row);
}

/** Versions with the publisher's email (null for the API or a removed account), newest first. */
export async function listVersionsWithAuthor(db: Reader, studyId: string) {
  return db
    .select({
      id: versions.id,
      number: versions.number,
      publishedAt: versions.publishedAt,
      publishedBy: versions.publishedBy,
      publishedByEmail: users.email,
      snapshot: versions.snapshot,
    })
    .from(versions)
    .leftJoin(users, eq(users.id, versions.publishedBy))
    .where(eq(versions.studyId, studyId))
    .orderBy(desc(versions.number));
}

// ── Draft editing helpers ───────────────────────────────────────────────────

/** Every row of the study drawn from one bank item, removed ones included (to reuse its stable id). */
export async function findItemsByBankId(db: Reader, studyId: string, bankId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(items)
    .where(and(eq(items.studyId, studyId), eq(items.bankId, bankId)))
    .orderBy(asc(items.number));
}

/** Bank items the study showed and then removed (by a regeneration or by hand), per criterion, most recently removed first. */
export async function removedBankItems(db: Reader, studyId: string): Promise<{ criterionId: string; bankId: string }[]> {
  const rows = await db
    .select({ criterionId: items.criterionId, bankId: items.bankId })
    .from(items)
    .where(and(eq(items.studyId, studyId), isNotNull(items.removedAt), isNotNull(items.bankId)))
    .orderBy(desc(items.removedAt), asc(items.number));
  return rows.flatMap((row) => (row.bankId ? [{ criterionId: row.criterionId, bankId: row.bankId }] : []));
}

/** Submitted customer responses of the study (any version). */
export async function countSubmittedResponses(db: Reader, studyId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(responses)
    .where(and(eq(responses.studyId, studyId), eq(responses.status, "submitted"), eq(responses.perspective, "customer")));
  return row?.n ?? 0;
}

/** Every study of the installation with its workspace (moving data, checks across workspaces). */
export async function listAllStudies(db: Reader): Promise<{ id: string; workspaceId: string }[]> {
  return db.select({ id: studies.id, workspaceId: studies.workspaceId }).from(studies).orderBy(asc(studies.id));
}
