import { engine } from "../engine";
import * as pg from "./pg";
import * as sqlite from "./sqlite";

// The tables of the engine this process runs on. Queries are typed against
// the PostgreSQL twin (its builders have no synchronous .run()/.get()/.all(),
// so nothing can be written that only SQLite could execute); the SQLite
// tables have the same columns and JS types, which the checks below prove.

export * from "./shared";
export type { LocalizedText } from "@/lib/i18n/localized-text";

type Schema = typeof pg;
export const schema: Schema = (engine === "postgres" ? pg : sqlite) as unknown as Schema;

export const {
  workspaces,
  users,
  memberships,
  sessions,
  apiKeys,
  rateLimits,
  studies,
  criteria,
  items,
  versions,
  links,
  responses,
  comments,
  causeAnswers,
  aggregateKeys,
  aggregateBuckets,
  jobs,
  jobFiles,
  contacts,
  campaigns,
  campaignRecipients,
  emails,
  passwordResets,
  responseContacts,
  alertRules,
  cases,
  caseNotes,
  webhooks,
  webhookDeliveries,
} = schema;

// Compile-time proof that both engines' tables read and write the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type TableNames = keyof Schema & keyof typeof sqlite;
type RowsAgree = {
  [K in TableNames]: Schema[K] extends { $inferSelect: infer P; $inferInsert: infer PI }
    ? (typeof sqlite)[K] extends { $inferSelect: infer S; $inferInsert: infer SI }
      ? Same<P, S> extends true
        ? Same<PI, SI>
        : false
      : false
    : true;
};
const rowsAgree: { [K in TableNames]: true } = null! as RowsAgree;
void rowsAgree;
