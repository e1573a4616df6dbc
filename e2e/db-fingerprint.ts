import { createHash } from "node:crypto";
import { asc, getTableColumns, getTableName, inArray, is, like, or, Table, type AnyColumn, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { openSnapshot, type Reader } from "@/db/client";
import {
  aggregateBuckets,
  aggregateKeys,
  alertRules,
  apiKeys,
  caseNotes,
  cases,
  campaignRecipients,
  campaigns,
  contacts,
  emails,
  passwordResets,
  causeAnswers,
  comments,
  criteria,
  jobFiles,
  jobs,
  items,
  links,
  memberships,
  responseContacts,
  responses,
  schema,
  studies,
  users,
  versions,
  webhookDeliveries,
  webhooks,
  workspaces,
} from "@/db/schema";

// What a forged or malformed request must not change, as row counts and a
// hash of every row's content, table by table — through drizzle's builders,
// so the same fingerprint works on SQLite and on PostgreSQL.
//
// Other spec files run at the same time against the same database, so a
// global count would move under our feet. Every request a test forges can
// only reach rows through the test's own workspaces (their keys, sessions,
// links and ids), so the fingerprint covers those workspaces completely —
// plus, database-wide, any user or workspace whose email or name carries
// the test's marker (what a forged sign-up or add-member would create).
// Sessions and rate_limits are left out on purpose: a sign-in attempt and
// every request's rate-limit counter may write them. api_keys.last_used_at
// is left out too: any authenticated API call may touch it. Every other table
// of the schema must have a reader below: a new table without one fails here.

export type Fingerprint = Record<string, { rows: number; hash: string }>;

type TableReader = (db: Reader, workspaceIds: string[]) => Promise<unknown[]>;

const studiesOf = (db: Reader, ids: string[]) => db.select({ id: studies.id }).from(studies).where(inArray(studies.workspaceId, ids));
const responsesOf = (db: Reader, ids: string[]) =>
  db
    .select({ id: responses.id })
    .from(responses)
    .where(inArray(responses.studyId, studiesOf(db, ids)));
const apiKeyColumns = Object.fromEntries(Object.entries(getTableColumns(apiKeys)).filter(([name]) => name !== "lastUsedAt"));

/** Every row of `table` within the workspaces, ordered by `order` (its key). */
function rowsWhere(table: PgTable, where: (db: Reader, ids: string[]) => SQL, order: AnyColumn[], columns?: Record<string, PgColumn>): TableReader {
  return (db, ids) =>
    (columns ? db.select(columns) : db.select())
      .from(table)
      .where(where(db, ids))
      .orderBy(...order.map((c) => asc(c)));
}

// A delivery's attempts, lease and outcome change in the background (the deliverer): its identity and body are what a request could forge.
const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  event: webhookDeliveries.event,
  body: webhookDeliveries.body,
};
const webhooksOf = (db: Reader, ids: string[]) => db.select({ id: webhooks.id }).from(webhooks).where(inArray(webhooks.workspaceId, ids));

const readers: Record<string, TableReader> = {
  workspaces: rowsWhere(workspaces, (_, ids) => inArray(workspaces.id, ids), [workspaces.id]),
  users: rowsWhere(
    users,
    (db, ids) => inArray(users.id, db.select({ id: memberships.userId }).from(memberships).where(inArray(memberships.workspaceId, ids))),
    [users.id],
  ),
  memberships: rowsWhere(memberships, (_, ids) => inArray(memberships.workspaceId, ids), [memberships.workspaceId, memberships.userId]),
  api_keys: rowsWhere(apiKeys, (_, ids) => inArray(apiKeys.workspaceId, ids), [apiKeys.id], apiKeyColumns),
  studies: rowsWhere(studies, (_, ids) => inArray(studies.workspaceId, ids), [studies.id]),
  criteria: rowsWhere(criteria, (db, ids) => inArray(criteria.studyId, studiesOf(db, ids)), [criteria.id]),
  items: rowsWhere(items, (db, ids) => inArray(items.studyId, studiesOf(db, ids)), [items.id]),
  versions: rowsWhere(versions, (db, ids) => inArray(versions.studyId, studiesOf(db, ids)), [versions.id]),
  links: rowsWhere(links, (db, ids) => inArray(links.studyId, studiesOf(db, ids)), [links.id]),
  responses: rowsWhere(responses, (db, ids) => inArray(responses.studyId, studiesOf(db, ids)), [responses.id]),
  comments: rowsWhere(comments, (db, ids) => inArray(comments.responseId, responsesOf(db, ids)), [comments.responseId, comments.criterionId]),
  cause_answers: rowsWhere(causeAnswers, (db, ids) => inArray(causeAnswers.responseId, responsesOf(db, ids)), [
    causeAnswers.responseId,
    causeAnswers.statementKey,
  ]),
  aggregate_keys: rowsWhere(aggregateKeys, (db, ids) => inArray(aggregateKeys.studyId, studiesOf(db, ids)), [
    aggregateKeys.studyId,
    aggregateKeys.number,
  ]),
  aggregate_buckets: rowsWhere(aggregateBuckets, (db, ids) => inArray(aggregateBuckets.studyId, studiesOf(db, ids)), [
    aggregateBuckets.studyId,
    aggregateBuckets.perspective,
    aggregateBuckets.versionId,
    aggregateBuckets.segment,
    aggregateBuckets.day,
  ]),
  jobs: rowsWhere(jobs, (_, ids) => inArray(jobs.workspaceId, ids), [jobs.id]),
  job_files: rowsWhere(jobFiles, (db, ids) => inArray(jobFiles.jobId, db.select({ id: jobs.id }).from(jobs).where(inArray(jobs.workspaceId, ids))), [
    jobFiles.jobId,
    jobFiles.seq,
  ]),
  contacts: rowsWhere(contacts, (_, ids) => inArray(contacts.workspaceId, ids), [contacts.id]),
  campaigns: rowsWhere(campaigns, (_, ids) => inArray(campaigns.workspaceId, ids), [campaigns.id]),
  campaign_recipients: rowsWhere(
    campaignRecipients,
    (db, ids) => inArray(campaignRecipients.campaignId, db.select({ id: campaigns.id }).from(campaigns).where(inArray(campaigns.workspaceId, ids))),
    [campaignRecipients.campaignId, campaignRecipients.linkId],
  ),
  emails: rowsWhere(emails, (_, ids) => inArray(emails.workspaceId, ids), [emails.id]),
  password_resets: rowsWhere(
    passwordResets,
    (db, ids) => inArray(passwordResets.userId, db.select({ id: memberships.userId }).from(memberships).where(inArray(memberships.workspaceId, ids))),
    [passwordResets.tokenHash],
  ),
  // Closing the loop (issue 17): a study's alert rule, the consent step's contacts, follow-up cases and their notes.
  alert_rules: rowsWhere(alertRules, (db, ids) => inArray(alertRules.studyId, studiesOf(db, ids)), [alertRules.studyId]),
  response_contacts: rowsWhere(responseContacts, (db, ids) => inArray(responseContacts.studyId, studiesOf(db, ids)), [responseContacts.responseId]),
  cases: rowsWhere(cases, (db, ids) => inArray(cases.studyId, studiesOf(db, ids)), [cases.id]),
  case_notes: rowsWhere(
    caseNotes,
    (db, ids) =>
      inArray(
        caseNotes.caseId,
        db
          .select({ id: cases.id })
          .from(cases)
          .where(inArray(cases.studyId, studiesOf(db, ids))),
      ),
    [caseNotes.id],
  ),
  webhooks: rowsWhere(webhooks, (_, ids) => inArray(webhooks.workspaceId, ids), [webhooks.id]),
  webhook_deliveries: rowsWhere(
    webhookDeliveries,
    (db, ids) => inArray(webhookDeliveries.webhookId, webhooksOf(db, ids)),
    [webhookDeliveries.id],
    deliveryColumns,
  ),
};
const leftOut = new Set(["sessions", "rate_limits"]);

const unread = (Object.values(schema) as unknown[])
  .filter((t): t is Table => is(t, Table))
  .map((t) => getTableName(t))
  .filter((name) => !(name in readers) && !leftOut.has(name));
if (unread.length > 0)
  throw new Error(`e2e/db-fingerprint.ts has no reader for the table(s) ${unread.join(", ")}: add one (or leave it out with a reason)`);

const hashOf = (rows: unknown[]) => createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16);

/** Counts and content hashes of every table within `workspaceIds`, and of marked users/workspaces anywhere. */
export async function fingerprint(workspaceIds: string[], marker?: string): Promise<Fingerprint> {
  const out: Fingerprint = {};
  // One snapshot: a consistent picture even while the server writes.
  const snap = await openSnapshot();
  try {
    for (const [table, read] of Object.entries(readers)) {
      const rows = await read(snap.db, workspaceIds);
      out[table] = { rows: rows.length, hash: hashOf(rows) };
    }
    if (marker) {
      const pattern = `%${marker}%`;
      const marked = await snap.db
        .select({ id: users.id })
        .from(users)
        .where(or(like(users.email, pattern), like(users.name, pattern)));
      const markedWorkspaces = await snap.db.select({ id: workspaces.id }).from(workspaces).where(like(workspaces.name, pattern));
      out["users (marked, anywhere)"] = { rows: marked.length, hash: "" };
      out["workspaces (marked, anywhere)"] = { rows: markedWorkspaces.length, hash: "" };
    }
  } finally {
    await snap.close();
  }
  return out;
}
