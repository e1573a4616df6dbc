import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type {
  CaseOrigin,
  DeliveryState,
  EmailKind,
  EmailState,
  JobKind,
  JobState,
  MailTemplate,
  RecipientState,
  Role,
  VersionSnapshot,
  WebhookEvent,
} from "./shared";
import { caseStates, linkKinds, responseStatuses, roles } from "./shared";
import type { Locale, LocalizedText } from "@/lib/i18n/localized-text";
import type { FrameworkKey, IndustryKey } from "@/lib/questions/bank-schema";
import type { RespondentPerspective, ResponseSource } from "@/lib/responses/kinds";

// The SQLite schema. ./pg.ts is its PostgreSQL twin (same tables, columns and
// JS types, checked in ./index.ts). Timestamps are integer milliseconds since
// the epoch (UTC); aggregate buckets use `day`: whole days since the epoch in UTC.

const millis = (name: string) => integer(name, { mode: "number" });
const createdAt = () =>
  millis("created_at")
    .notNull()
    .default(sql`(unixepoch() * 1000)`);
const bytes = (name: string) => blob(name, { mode: "buffer" });

// ── Accounts ────────────────────────────────────────────────────────────────

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  // IANA time zone in which dates are entered and shown (customers included).
  timeZone: text("time_zone").notNull().default("UTC"),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull().$type<Role>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId], name: "memberships_pk" }), index("memberships_user_idx").on(t.userId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the cookie token: a stolen database does not yield live sessions.
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    expiresAt: millis("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    role: text("role", { enum: ["manager", "analyst"] }).notNull(),
    keyHash: text("key_hash").notNull(),
    // First characters of the key, shown in lists so an owner can tell keys apart.
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: millis("revoked_at"),
    lastUsedAt: millis("last_used_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_unique").on(t.keyHash), index("api_keys_workspace_idx").on(t.workspaceId)],
);

// Fixed-window counters shared by every server process (sign-in, submits, API).
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: millis("window_start").notNull(),
  count: integer("count").notNull(),
});

// ── Studies and their questionnaire draft ───────────────────────────────────

export const studies = sqliteTable(
  "studies",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    provider: text("provider").notNull(),
    // The provider's own name in a language where it has one ("海港飯店"),
    // used in that language's texts instead of `provider`; unset: `provider`.
    providerNames: text("provider_names", { mode: "json" }).$type<LocalizedText>(),
    industry: text("industry").$type<IndustryKey>().notNull().default("generic"),
    languages: text("languages", { mode: "json" }).$type<Locale[]>().notNull(),
    scale: integer("scale").notNull().default(7),
    framework: text("framework").$type<FrameworkKey>().notNull().default("gronroos"),
    seed: integer("seed").notNull().default(1),
    askImportance: integer("ask_importance", { mode: "boolean" }).notNull().default(false),
    segments: text("segments", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    opensAt: millis("opens_at"),
    closesAt: millis("closes_at"),
    responseLimit: integer("response_limit"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    // The invitation mail's subject, intro and button per language, where the
    // manager changed the defaults (lib/mail/invitation-mail.ts).
    mailTemplate: text("mail_template", { mode: "json" }).$type<MailTemplate>(),
    // Whether the customer survey ends with "May we contact you about your answers?".
    consentStep: integer("consent_step", { mode: "boolean" }).notNull().default(false),
    archivedAt: millis("archived_at"),
    createdAt: createdAt(),
    updatedAt: millis("updated_at")
      .notNull()
      .default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("studies_workspace_idx").on(t.workspaceId)],
);

export const criteria = sqliteTable(
  "criteria",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name", { mode: "json" }).$type<LocalizedText>().notNull(),
    description: text("description", { mode: "json" }).$type<LocalizedText>().notNull(),
    // What customers read on the survey (a plain title and one line per
    // language); null parts fall back to the defaults for the criterion's key.
    // `name` and `description` stay the method's words, for managers.
    customerTitle: text("customer_title", { mode: "json" }).$type<LocalizedText>(),
    customerDescription: text("customer_description", { mode: "json" }).$type<LocalizedText>(),
    weight: real("weight").notNull(),
    position: integer("position").notNull(),
    // Removed criteria keep their row (and id) so older versions' results still name them.
    removedAt: millis("removed_at"),
  },
  (t) => [index("criteria_study_idx").on(t.studyId)],
);

export const items = sqliteTable(
  "items",
  {
    // The stable item id: the same across every version that contains it.
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id")
      .notNull()
      .references(() => criteria.id, { onDelete: "cascade" }),
    // A small number, unique in the study and never reused, that stands for
    // the item in each response's packed answers (db/answers-codec.ts).
    number: integer("number").notNull(),
    key: text("key").notNull(),
    text: text("text", { mode: "json" }).$type<LocalizedText>().notNull(),
    reverse: integer("reverse", { mode: "boolean" }).notNull().default(false),
    locked: integer("locked", { mode: "boolean" }).notNull().default(false),
    bankId: text("bank_id"),
    facet: text("facet"),
    position: integer("position").notNull(),
    removedAt: millis("removed_at"),
  },
  (t) => [uniqueIndex("items_study_number_unique").on(t.studyId, t.number), index("items_criterion_idx").on(t.criterionId)],
);

export const versions = sqliteTable(
  "versions",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    publishedAt: millis("published_at").notNull(),
    publishedBy: text("published_by"),
    snapshot: text("snapshot", { mode: "json" }).$type<VersionSnapshot>().notNull(),
  },
  (t) => [uniqueIndex("versions_study_number_unique").on(t.studyId, t.number)],
);

// ── Distribution ────────────────────────────────────────────────────────────

export const links = sqliteTable(
  "links",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: linkKinds }).notNull(),
    token: text("token").notNull(),
    perspective: text("perspective"),
    segment: text("segment"),
    // The contact an emailed invite belongs to; null once the contact is deleted (its responses stay, anonymous).
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    usedAt: millis("used_at"),
    revokedAt: millis("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("links_token_unique").on(t.token),
    index("links_study_idx").on(t.studyId, t.kind),
    // One invite per contact and study: a second campaign reuses it (never two links for one person).
    uniqueIndex("links_contact_unique")
      .on(t.studyId, t.contactId)
      .where(sql`${t.contactId} IS NOT NULL`),
  ],
);

// ── Responses (customer and internal perspectives) ──────────────────────────

export const responses = sqliteTable(
  "responses",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => versions.id, { onDelete: "cascade" }),
    linkId: text("link_id").references(() => links.id, { onDelete: "set null" }),
    // "customer" or one of the internal perspectives.
    perspective: text("perspective").$type<RespondentPerspective>().notNull().default("customer"),
    // An API client's own id: resending it never duplicates (unique per perspective).
    clientId: text("client_id"),
    segment: text("segment").notNull().default(""),
    language: text("language").notNull().default("en"),
    source: text("source").$type<ResponseSource>().notNull().default("survey"),
    status: text("status", { enum: responseStatuses }).notNull(),
    step: integer("step").notNull().default(0),
    // Every rating of the response packed in one value (db/answers-codec.ts):
    // a row per answer cost more in row overhead and index than the ratings.
    answers: bytes("answers"),
    // The respondent's own weighted gap (METHOD.md §3), stored at submit for
    // the follow-up list; null when a weighted criterion has no complete answer.
    gap: real("gap"),
    customerWeights: text("customer_weights", { mode: "json" }).$type<Record<string, number>>(),
    // Hash of the resume cookie, so the same browser continues where it stopped.
    resumeHash: text("resume_hash"),
    startedAt: millis("started_at").notNull(),
    submittedAt: millis("submitted_at"),
  },
  (t) => [
    index("responses_study_idx").on(t.studyId, t.perspective, t.status, t.submittedAt),
    // Partial: most responses (survey, import without ids) carry neither, and
    // an index entry per response would weigh as much as its answers.
    uniqueIndex("responses_client_unique")
      .on(t.studyId, t.perspective, t.clientId)
      .where(sql`${t.clientId} IS NOT NULL`),
    index("responses_link_idx")
      .on(t.linkId)
      .where(sql`${t.linkId} IS NOT NULL`),
  ],
);

export const comments = sqliteTable(
  "comments",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.criterionId], name: "comments_pk" })],
);

export const causeAnswers = sqliteTable(
  "cause_answers",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    statementKey: text("statement_key").notNull(),
    rating: integer("rating"),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.statementKey], name: "cause_answers_pk" })],
);

// ── Aggregates kept in the submit transaction (METHOD.md §3–5) ──────────────
// Running sums (n, Σx, Σx²) per key of lib/scoring's aggregate entries (e.g.
// ["item", id, "gap"]). A bucket is one perspective's responses of one
// version, segment and day (internal perspectives use segment "" and day 0);
// its sums for every key are packed in one value (db/aggregates-codec.ts),
// keys standing as small numbers from aggregate_keys. A submit adds its
// contribution to one bucket row; a dashboard filter reads the matching rows
// and adds them up. One row per bucket instead of one per key and bucket
// keeps a study of a year, three branches and a few responses a day small.

export const aggregateKeys = sqliteTable(
  "aggregate_keys",
  {
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    key: text("key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.number], name: "aggregate_keys_pk" }), uniqueIndex("aggregate_keys_key_unique").on(t.studyId, t.key)],
);

export const aggregateBuckets = sqliteTable(
  "aggregate_buckets",
  {
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    perspective: text("perspective").notNull(),
    versionId: text("version_id").notNull(),
    segment: text("segment").notNull(),
    day: integer("day").notNull(),
    sums: bytes("sums").notNull(),
  },
  // A rowid table, not WITHOUT ROWID: a bucket's packed sums (~1 KB) would
  // spill to an overflow page of their own in a WITHOUT ROWID b-tree.
  (t) => [primaryKey({ columns: [t.studyId, t.perspective, t.versionId, t.segment, t.day], name: "aggregate_buckets_pk" })],
);

// ── Background jobs (lib/jobs) ──────────────────────────────────────────────
// Work longer than a second (imports, later sending) runs as a job that any
// instance's worker may claim: `locked_until` is the claiming worker's lease,
// renewed as it reports progress; a running job whose lease ran out belongs
// to an instance that died and is claimed again (`attempts` counts tries).
export const jobs = sqliteTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").$type<JobKind>().notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    studyId: text("study_id").references(() => studies.id, { onDelete: "cascade" }),
    // "receiving" while its file is still being uploaded: no worker takes it.
    state: text("state").$type<JobState>().notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total"),
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
    problems: text("problems", { mode: "json" }).$type<unknown[]>(),
    // Who asked: "user:<id>", "key:<id>" or "cli".
    createdBy: text("created_by").notNull(),
    attempts: integer("attempts").notNull().default(0),
    cancelRequested: integer("cancel_requested", { mode: "boolean" }).notNull().default(false),
    lockedBy: text("locked_by"),
    lockedUntil: millis("locked_until"),
    createdAt: createdAt(),
    startedAt: millis("started_at"),
    finishedAt: millis("finished_at"),
  },
  (t) => [
    index("jobs_state_idx").on(t.state, t.createdAt),
    index("jobs_study_idx").on(t.workspaceId, t.studyId, t.createdAt),
    // One running import per study: its staged responses are the study's
    // only ones (lib/imports/import-job.ts), so a second import waits.
    uniqueIndex("jobs_one_import_per_study")
      .on(t.studyId)
      .where(sql`${t.state} = 'running' AND ${t.kind} = 'import'`),
  ],
);

// A job's uploaded file in chunks of about a megabyte, so neither the upload
// nor the worker holds the whole file in memory.
export const jobFiles = sqliteTable(
  "job_files",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytes("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq], name: "job_files_pk" })],
);

// ── Contacts, campaigns and mail ────────────────────────────────────────────

export const contacts = sqliteTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Lower-cased: the upsert key within the workspace.
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    phone: text("phone").notNull().default(""),
    language: text("language").$type<Locale>(),
    segment: text("segment").notNull().default(""),
    externalId: text("external_id").notNull().default(""),
    // The secret in the contact's unsubscribe link (random, unique).
    unsubscribeToken: text("unsubscribe_token").notNull(),
    unsubscribedAt: millis("unsubscribed_at"),
    createdAt: createdAt(),
    updatedAt: millis("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("contacts_email_unique").on(t.workspaceId, t.email),
    index("contacts_segment_idx").on(t.workspaceId, t.segment),
    uniqueIndex("contacts_unsubscribe_unique").on(t.unsubscribeToken),
  ],
);

// One sending of a study's invitation to a set of contacts, with its reminders.
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    // Who was asked for: { all: true } | { segment } | { emails: [...] }.
    audience: text("audience", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    sendAt: millis("send_at").notNull(),
    reminderAfterDays: integer("reminder_after_days"),
    reminderMax: integer("reminder_max").notNull().default(0),
    remindersSent: integer("reminders_sent").notNull().default(0),
    // When the next reminder round is due; null when none is left.
    nextReminderAt: millis("next_reminder_at"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("campaigns_study_idx").on(t.studyId, t.createdAt), index("campaigns_reminder_idx").on(t.nextReminderAt)],
);

export const campaignRecipients = sqliteTable(
  "campaign_recipients",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    linkId: text("link_id")
      .notNull()
      .references(() => links.id, { onDelete: "cascade" }),
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    state: text("state").$type<RecipientState>().notNull(),
    error: text("error"),
    sentAt: millis("sent_at"),
    reminders: integer("reminders").notNull().default(0),
    lastRemindedAt: millis("last_reminded_at"),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.linkId], name: "campaign_recipients_pk" }),
    index("campaign_recipients_contact_idx").on(t.contactId),
  ],
);

// The outbox: every mail the product sends, worked by the mailer
// (lib/mail/mailer.ts) in any instance; `locked_until` is a sender's claim.
// Bodies are cleared once the mail is sent or has failed (a reset link must
// not outlive its use in the database).
export const emails = sqliteTable(
  "emails",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").$type<EmailKind>().notNull(),
    campaignId: text("campaign_id"),
    linkId: text("link_id"),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    // The List-Unsubscribe URL (RFC 8058), when the mail has one.
    unsubscribeUrl: text("unsubscribe_url"),
    state: text("state").$type<EmailState>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    sendAfter: millis("send_after").notNull(),
    lockedUntil: millis("locked_until"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: millis("sent_at"),
  },
  (t) => [index("emails_due_idx").on(t.state, t.sendAfter), index("emails_campaign_idx").on(t.campaignId, t.linkId)],
);

// "Forgot password" and an owner's reset link: single use, short-lived, hashed.
export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: millis("expires_at").notNull(),
    usedAt: millis("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

// ── Closing the loop: consent, alerts, follow-up cases, webhooks ───────────

// What a customer gave on the survey's consent step. Their data, not the
// ratings: deleting this row on request leaves the response anonymous.
export const responseContacts = sqliteTable("response_contacts", {
  responseId: text("response_id")
    .primaryKey()
    .references(() => responses.id, { onDelete: "cascade" }),
  studyId: text("study_id")
    .notNull()
    .references(() => studies.id, { onDelete: "cascade" }),
  name: text("name").notNull().default(""),
  email: text("email").notNull().default(""),
  phone: text("phone").notNull().default(""),
  createdAt: createdAt(),
});

// A study's alert rule: a submitted response whose own weighted gap is at
// least `threshold` (or whose gap on `criterionKey` is at least
// `criterionThreshold`) opens a case and mails `notify` (user ids).
export const alertRules = sqliteTable("alert_rules", {
  studyId: text("study_id")
    .primaryKey()
    .references(() => studies.id, { onDelete: "cascade" }),
  threshold: real("threshold"),
  criterionKey: text("criterion_key"),
  criterionThreshold: real("criterion_threshold"),
  notify: text("notify", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  updatedAt: millis("updated_at").notNull(),
});

export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    // One case per response at most (the unique index protects it).
    responseId: text("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    origin: text("origin").$type<CaseOrigin>().notNull(),
    state: text("state", { enum: caseStates }).notNull().default("open"),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    dueAt: millis("due_at"),
    openedAt: millis("opened_at").notNull(),
    updatedAt: millis("updated_at").notNull(),
    contactedAt: millis("contacted_at"),
    resolvedAt: millis("resolved_at"),
  },
  (t) => [uniqueIndex("cases_response_unique").on(t.responseId), index("cases_study_state_idx").on(t.studyId, t.state, t.openedAt)],
);

export const caseNotes = sqliteTable(
  "case_notes",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId, t.createdAt)],
);

export const webhooks = sqliteTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events", { mode: "json" }).$type<WebhookEvent[]>().notNull(),
    // Kept as given (not hashed): deliveries are signed with it. Shown once.
    secret: text("secret").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("webhooks_workspace_idx").on(t.workspaceId)],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").$type<WebhookEvent>().notNull(),
    // The exact JSON body that is signed and sent on every attempt.
    body: text("body").notNull(),
    state: text("state").$type<DeliveryState>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    sendAfter: millis("send_after").notNull(),
    lockedUntil: millis("locked_until"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    deliveredAt: millis("delivered_at"),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.state, t.sendAfter), index("webhook_deliveries_webhook_idx").on(t.webhookId, t.createdAt)],
);
