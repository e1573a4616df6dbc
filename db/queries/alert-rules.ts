import { and, eq, inArray, sql } from "drizzle-orm";
import { kept, type Reader, type Tx } from "../client";
import { alertRules, cases, memberships, studies, users, versions, webhooks, type Role } from "../schema";

// A study's alert rule (lib/follow-up), and what the submit path needs to
// close the loop, read in one statement.

export type AlertRuleRow = typeof alertRules.$inferSelect;

/** The alert rule's columns (nulls without a rule; join alert_rules to the study) and whether the study's workspace has any webhook. */
const ruleColumns = {
  threshold: alertRules.threshold,
  criterionKey: alertRules.criterionKey,
  criterionThreshold: alertRules.criterionThreshold,
  notify: alertRules.notify,
  hasWebhooks:
    sql<number>`CASE WHEN EXISTS (SELECT 1 FROM ${webhooks} WHERE ${webhooks.workspaceId} = ${studies.workspaceId}) THEN 1 ELSE 0 END`.mapWith(
      Number,
    ),
};

/**
 * What the submit path needs about a study to close the loop, in one
 * statement: its workspace, name, provider and languages, its alert rule
 * (nulls when it has none) and whether the workspace has any webhook.
 */
export async function loopSettings(db: Reader, studyId: string) {
  const [row] = await db
    .select({
      workspaceId: studies.workspaceId,
      name: studies.name,
      provider: studies.provider,
      languages: studies.languages,
      ...ruleColumns,
    })
    .from(studies)
    .leftJoin(alertRules, eq(alertRules.studyId, studies.id))
    .where(eq(studies.id, studyId))
    .limit(1);
  return row;
}

export type LoopSettings = NonNullable<Awaited<ReturnType<typeof loopSettings>>>;

/**
 * The API's submit path in one statement: the caller's study (undefined for
 * another workspace's), the head of its latest version (null before the
 * first publishing) and what closing the loop needs (as loopSettings).
 */
const studyToSubmitTo = kept((db) =>
  db
    .select({
      study: studies,
      versionId: versions.id,
      versionNumber: versions.number,
      publishedAt: versions.publishedAt,
      ...ruleColumns,
    })
    .from(studies)
    .leftJoin(
      versions,
      and(eq(versions.studyId, studies.id), eq(versions.number, sql`(SELECT max(v.number) FROM ${versions} v WHERE v.study_id = ${studies.id})`)),
    )
    .leftJoin(alertRules, eq(alertRules.studyId, studies.id))
    .where(and(eq(studies.id, sql.placeholder("studyId")), eq(studies.workspaceId, sql.placeholder("workspaceId"))))
    .limit(1)
    .prepare("find_study_to_submit_to"),
);

export async function findStudyToSubmitTo(db: Reader, workspaceId: string, studyId: string) {
  const [row] = await studyToSubmitTo(db).execute({ studyId, workspaceId });
  if (!row) return undefined;
  const { study } = row;
  const loop: LoopSettings = {
    workspaceId: study.workspaceId,
    name: study.name,
    provider: study.provider,
    languages: study.languages,
    threshold: row.threshold,
    criterionKey: row.criterionKey,
    criterionThreshold: row.criterionThreshold,
    notify: row.notify,
    hasWebhooks: row.hasWebhooks,
  };
  const head = row.versionId === null ? null : { id: row.versionId, number: row.versionNumber!, publishedAt: row.publishedAt! };
  return { study, head, loop };
}

export async function findAlertRule(db: Reader, studyId: string): Promise<AlertRuleRow | undefined> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.studyId, studyId)).limit(1);
  return row;
}

/** Sets the study's rule (one row per study). */
export async function upsertAlertRule(tx: Tx, row: AlertRuleRow): Promise<void> {
  await tx
    .insert(alertRules)
    .values(row)
    .onConflictDoUpdate({
      target: alertRules.studyId,
      set: {
        threshold: row.threshold,
        criterionKey: row.criterionKey,
        criterionThreshold: row.criterionThreshold,
        notify: row.notify,
        updatedAt: row.updatedAt,
      },
    });
}

/** Of `userIds`, the members of the workspace with one of `roles`, with their address. */
export async function membersAmong(db: Reader, workspaceId: string, userIds: string[], roles: readonly Role[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userIds), inArray(memberships.role, [...roles])));
}

/**
 * Opens the alert's case on a response just stored in this transaction (one
 * statement: the submit path's cost matters). False when it has a case.
 */
export async function openAlertCase(tx: Tx, input: { id: string; studyId: string; responseId: string; now: number }): Promise<boolean> {
  const rows = await tx
    .insert(cases)
    .values({
      id: input.id,
      studyId: input.studyId,
      responseId: input.responseId,
      origin: "alert",
      state: "open",
      openedAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing({ target: cases.responseId })
    .returning({ id: cases.id });
  return rows.length > 0;
}
