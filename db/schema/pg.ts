import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
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

// The PostgreSQL twin of ./sqlite.ts: the same tables, columns and JS types
// (./index.ts checks that at compile time). Read that file for what each
// table holds; comments here say only where PostgreSQL differs.

// Milliseconds since the epoch overflow a 32-bit integer: bigint, read as a JS number.
const millis = (name: string) => bigint(name, { mode: "number" });
const createdAt = () =>
  millis("created_at")
    .notNull()
    .default(sql`(extract(epoch from now()) * 1000)::bigint`);
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const workspaces = pgTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("UTC"),
  createdAt: createdAt(),
});

export const users = pgTable(
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

export const memberships = pgTable(
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

export const sessions = pgTable(
  "sessions",
  {
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

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    role: text("role", { enum: ["manager", "analyst"] }).notNull(),
    keyHash: text("key_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    revokedAt: millis("revoked_at"),
    lastUsedAt: millis("last_used_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_unique").on(t.keyHash), index("api_keys_workspace_idx").on(t.workspaceId)],
);

export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: millis("window_start").notNull(),
  count: integer("count").notNull(),
});

export const studies = pgTable(
  "studies",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    provider: text("provider").notNull(),
    providerNames: jsonb("provider_names").$type<LocalizedText>(),
    industry: text("industry").$type<IndustryKey>().notNull().default("generic"),
    languages: jsonb("languages").$type<Locale[]>().notNull(),
    scale: integer("scale").notNull().default(7),
    framework: text("framework").$type<FrameworkKey>().notNull().default("gronroos"),
    seed: integer("seed").notNull().default(1),
    askImportance: boolean("ask_importance").notNull().default(false),
    segments: jsonb("segments")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    opensAt: millis("opens_at"),
    closesAt: millis("closes_at"),
    responseLimit: integer("response_limit"),
    isDemo: boolean("is_demo").notNull().default(false),
    mailTemplate: jsonb("mail_template").$type<MailTemplate>(),
    consentStep: boolean("consent_step").notNull().default(false),
    archivedAt: millis("archived_at"),
    createdAt: createdAt(),
    updatedAt: millis("updated_at")
      .notNull()
      .default(sql`(extract(epoch from now()) * 1000)::bigint`),
  },
  (t) => [index("studies_workspace_idx").on(t.workspaceId)],
);

export const criteria = pgTable(
  "criteria",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>().notNull(),
    customerTitle: jsonb("customer_title").$type<LocalizedText>(),
    customerDescription: jsonb("customer_description").$type<LocalizedText>(),
    weight: doublePrecision("weight").notNull(),
    position: integer("position").notNull(),
    removedAt: millis("removed_at"),
  },
  (t) => [index("criteria_study_idx").on(t.studyId)],
);

export const items = pgTable(
  "items",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id")
      .notNull()
      .references(() => criteria.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    key: text("key").notNull(),
    text: jsonb("text").$type<LocalizedText>().notNull(),
    reverse: boolean("reverse").notNull().default(false),
    locked: boolean("locked").notNull().default(false),
    bankId: text("bank_id"),
    facet: text("facet"),
    position: integer("position").notNull(),
    removedAt: millis("removed_at"),
  },
  (t) => [uniqueIndex("items_study_number_unique").on(t.studyId, t.number), index("items_criterion_idx").on(t.criterionId)],
);

export const versions = pgTable(
  "versions",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    publishedAt: millis("published_at").notNull(),
    publishedBy: text("published_by"),
    snapshot: jsonb("snapshot").$type<VersionSnapshot>().notNull(),
  },
  (t) => [uniqueIndex("versions_study_number_unique").on(t.studyId, t.number)],
);

export const links = pgTable(
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
    contactId: text("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    usedAt: millis("used_at"),
    revokedAt: millis("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("links_token_unique").on(t.token),
    index("links_study_idx").on(t.studyId, t.kind),
    uniqueIndex("links_contact_unique")
      .on(t.studyId, t.contactId)
      .where(sql`${t.contactId} IS NOT NULL`),
  ],
);

export const responses = pgTable(
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
    perspective: text("perspective").$type<RespondentPerspective>().notNull().default("customer"),
    clientId: text("client_id"),
    segment: text("segment").notNull().default(""),
    language: text("language").notNull().default("en"),
    source: text("source").$type<ResponseSource>().notNull().default("survey"),
    status: text("status", { enum: responseStatuses }).notNull(),
    step: smallint("step").notNull().default(0),
    answers: bytea("answers"),
    gap: doublePrecision("gap"),
    customerWeights: jsonb("customer_weights").$type<Record<string, number>>(),
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

export const comments = pgTable(
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

export const causeAnswers = pgTable(
  "cause_answers",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    statementKey: text("statement_key").notNull(),
    rating: smallint("rating"),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.statementKey], name: "cause_answers_pk" })],
);

export const aggregateKeys = pgTable(
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

export const aggregateBuckets = pgTable(
  "aggregate_buckets",
  {
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    perspective: text("perspective").notNull(),
    versionId: text("version_id").notNull(),
    segment: text("segment").notNull(),
    day: integer("day").notNull(),
    sums: bytea("sums").notNull(),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.perspective, t.versionId, t.segment, t.day], name: "aggregate_buckets_pk" })],
);

export const jobs = pgTable(
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
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    problems: jsonb("problems").$type<unknown[]>(),
    // Who asked: "user:<id>", "key:<id>" or "cli".
    createdBy: text("created_by").notNull(),
    attempts: integer("attempts").notNull().default(0),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
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

export const jobFiles = pgTable(
  "job_files",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq], name: "job_files_pk" })],
);

export const contacts = pgTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    phone: text("phone").notNull().default(""),
    language: text("language").$type<Locale>(),
    segment: text("segment").notNull().default(""),
    externalId: text("external_id").notNull().default(""),
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

export const campaigns = pgTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    audience: jsonb("audience").$type<Record<string, unknown>>().notNull(),
    sendAt: millis("send_at").notNull(),
    reminderAfterDays: integer("reminder_after_days"),
    reminderMax: integer("reminder_max").notNull().default(0),
    remindersSent: integer("reminders_sent").notNull().default(0),
    nextReminderAt: millis("next_reminder_at"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("campaigns_study_idx").on(t.studyId, t.createdAt), index("campaigns_reminder_idx").on(t.nextReminderAt)],
);

export const campaignRecipients = pgTable(
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

export const emails = pgTable(
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

export const passwordResets = pgTable(
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

export const responseContacts = pgTable("response_contacts", {
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

export const alertRules = pgTable("alert_rules", {
  studyId: text("study_id")
    .primaryKey()
    .references(() => studies.id, { onDelete: "cascade" }),
  threshold: doublePrecision("threshold"),
  criterionKey: text("criterion_key"),
  criterionThreshold: doublePrecision("criterion_threshold"),
  notify: jsonb("notify")
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  updatedAt: millis("updated_at").notNull(),
});

export const cases = pgTable(
  "cases",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
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

export const caseNotes = pgTable(
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

export const webhooks = pgTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: jsonb("events").$type<WebhookEvent[]>().notNull(),
    secret: text("secret").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("webhooks_workspace_idx").on(t.workspaceId)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text("event").$type<WebhookEvent>().notNull(),
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
