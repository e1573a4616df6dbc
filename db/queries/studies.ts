import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { getDb, type Executor } from "../client";
import { criteria, items, studies, users, versions, type LocalizedText, type VersionSnapshot } from "../schema";

// Every read takes the workspace: another workspace's study is simply not found.

export type StudyRow = typeof studies.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type VersionRow = typeof versions.$inferSelect;

export function insertStudy(row: typeof studies.$inferInsert, db: Executor = getDb()) {
  db.insert(studies).values(row).run();
}

export function insertCriterion(row: typeof criteria.$inferInsert, db: Executor = getDb()) {
  db.insert(criteria).values(row).run();
}

export function insertItem(row: typeof items.$inferInsert, db: Executor = getDb()) {
  db.insert(items).values(row).run();
}

export function findStudy(workspaceId: string, studyId: string, db: Executor = getDb()): StudyRow | undefined {
  return db
    .select()
    .from(studies)
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)))
    .get();
}

/** A study by id alone: for the public survey path, which has no workspace. */
export function findStudyById(studyId: string, db: Executor = getDb()): StudyRow | undefined {
  return db.select().from(studies).where(eq(studies.id, studyId)).get();
}

export function listStudies(workspaceId: string, options: { archived?: boolean } = {}, db: Executor = getDb()) {
  const latest = db
    .select({ studyId: versions.studyId, latest: max(versions.number).as("latest") })
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
      latestPublishedAt: sql<number | null>`(SELECT max(v.published_at) FROM versions v WHERE v.study_id = ${studies.id})`,
      responses: sql<number>`(SELECT count(*) FROM responses r WHERE r.study_id = ${studies.id} AND r.status = 'submitted' AND r.perspective = 'customer')`,
    })
    .from(studies)
    .leftJoin(latest, eq(latest.studyId, studies.id))
    .where(
      and(
        eq(studies.workspaceId, workspaceId),
        options.archived ? sql`${studies.archivedAt} IS NOT NULL` : isNull(studies.archivedAt),
      ),
    )
    .orderBy(desc(studies.updatedAt))
    .all();
}

export function updateStudy(
  workspaceId: string,
  studyId: string,
  patch: Partial<Omit<typeof studies.$inferInsert, "id" | "workspaceId">>,
  db: Executor = getDb(),
) {
  return db
    .update(studies)
    .set({ ...patch, updatedAt: Date.now() })
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)))
    .run().changes;
}

export function deleteStudy(workspaceId: string, studyId: string, db: Executor = getDb()) {
  return db
    .delete(studies)
    .where(and(eq(studies.id, studyId), eq(studies.workspaceId, workspaceId)))
    .run().changes;
}

export type DraftCriterion = CriterionRow & { items: ItemRow[] };

/** The editable questionnaire: live criteria in order, each with its live items in order. */
export function loadDraft(studyId: string, db: Executor = getDb()): DraftCriterion[] {
  const criterionRows = db
    .select()
    .from(criteria)
    .where(and(eq(criteria.studyId, studyId), isNull(criteria.removedAt)))
    .orderBy(asc(criteria.position))
    .all();
  const itemRows = db
    .select()
    .from(items)
    .where(and(eq(items.studyId, studyId), isNull(items.removedAt)))
    .orderBy(asc(items.position))
    .all();
  return criterionRows.map((c) => ({ ...c, items: itemRows.filter((i) => i.criterionId === c.id) }));
}

/** Every item key the study ever used, removed ones included: keys are never reused. */
export function allItemKeys(studyId: string, db: Executor = getDb()): string[] {
  return db.select({ key: items.key }).from(items).where(eq(items.studyId, studyId)).all().map((r) => r.key);
}

export function allCriterionKeys(studyId: string, db: Executor = getDb()): string[] {
  return db.select({ key: criteria.key }).from(criteria).where(eq(criteria.studyId, studyId)).all().map((r) => r.key);
}

export function findCriterion(studyId: string, criterionId: string, db: Executor = getDb()) {
  return db
    .select()
    .from(criteria)
    .where(and(eq(criteria.id, criterionId), eq(criteria.studyId, studyId), isNull(criteria.removedAt)))
    .get();
}

export function findItem(studyId: string, itemId: string, db: Executor = getDb()) {
  return db
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), eq(items.studyId, studyId), isNull(items.removedAt)))
    .get();
}

export function updateCriterion(
  studyId: string,
  criterionId: string,
  patch: Partial<{ name: LocalizedText; description: LocalizedText; weight: number; position: number; removedAt: number | null }>,
  db: Executor = getDb(),
) {
  return db
    .update(criteria)
    .set(patch)
    .where(and(eq(criteria.id, criterionId), eq(criteria.studyId, studyId)))
    .run().changes;
}

export function updateItem(
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
  db: Executor = getDb(),
) {
  return db
    .update(items)
    .set(patch)
    .where(and(eq(items.id, itemId), eq(items.studyId, studyId)))
    .run().changes;
}

export function touchStudy(studyId: string, db: Executor = getDb()) {
  db.update(studies).set({ updatedAt: Date.now() }).where(eq(studies.id, studyId)).run();
}

// ── Versions ────────────────────────────────────────────────────────────────

export function listVersions(studyId: string, db: Executor = getDb()): VersionRow[] {
  return db.select().from(versions).where(eq(versions.studyId, studyId)).orderBy(asc(versions.number)).all();
}

export function latestVersion(studyId: string, db: Executor = getDb()): VersionRow | undefined {
  return db.select().from(versions).where(eq(versions.studyId, studyId)).orderBy(desc(versions.number)).limit(1).get();
}

export function findVersion(studyId: string, versionId: string, db: Executor = getDb()): VersionRow | undefined {
  return db
    .select()
    .from(versions)
    .where(and(eq(versions.id, versionId), eq(versions.studyId, studyId)))
    .get();
}

export function insertVersion(
  row: { id: string; studyId: string; number: number; publishedAt: number; publishedBy: string | null; snapshot: VersionSnapshot },
  db: Executor = getDb(),
) {
  db.insert(versions).values(row).run();
}

/** Versions with the publisher's email (null for the API or a removed account), newest first. */
export function listVersionsWithAuthor(studyId: string, db: Executor = getDb()) {
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
    .orderBy(desc(versions.number))
    .all();
}

// ── Draft editing helpers ───────────────────────────────────────────────────

/** Every row of the study drawn from one bank item, removed ones included (to reuse its stable id). */
export function findItemsByBankId(studyId: string, bankId: string, db: Executor = getDb()): ItemRow[] {
  return db
    .select()
    .from(items)
    .where(and(eq(items.studyId, studyId), eq(items.bankId, bankId)))
    .all();
}

/** Submitted customer and internal responses of the study (any version). */
export function countSubmittedResponses(studyId: string, db: Executor = getDb()): number {
  const row = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM responses WHERE study_id = ${studyId} AND status = 'submitted' AND perspective = 'customer'`,
  );
  return row?.n ?? 0;
}
