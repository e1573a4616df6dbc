import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Timestamps are integer milliseconds since the epoch (UTC). Aggregate
// buckets use `day`: whole days since the epoch in UTC.
const createdAt = () =>
  integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch() * 1000)`);

// ── Accounts ────────────────────────────────────────────────────────────────

export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
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

export const roles = ["owner", "manager", "analyst"] as const;
export type Role = (typeof roles)[number];

export const memberships = sqliteTable(
  "memberships",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId], name: "memberships_pk" }),
    index("memberships_user_idx").on(t.userId),
  ],
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
    expiresAt: integer("expires_at", { mode: "number" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
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
    revokedAt: integer("revoked_at", { mode: "number" }),
    lastUsedAt: integer("last_used_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("api_keys_hash_unique").on(t.keyHash),
    index("api_keys_workspace_idx").on(t.workspaceId),
  ],
);

// Fixed-window counters shared by every server process (sign-in, submits, API).
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start", { mode: "number" }).notNull(),
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
    industry: text("industry").notNull().default("generic"),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull(),
    scale: integer("scale").notNull().default(7),
    framework: text("framework").notNull().default("gronroos"),
    seed: integer("seed").notNull().default(1),
    askImportance: integer("ask_importance", { mode: "boolean" }).notNull().default(false),
    segments: text("segments", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    opensAt: integer("opens_at", { mode: "number" }),
    closesAt: integer("closes_at", { mode: "number" }),
    responseLimit: integer("response_limit"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    archivedAt: integer("archived_at", { mode: "number" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "number" }).notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("studies_workspace_idx").on(t.workspaceId)],
);

export type LocalizedText = Partial<Record<"en" | "zh-Hant" | "zh-Hans", string>>;

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
    weight: real("weight").notNull(),
    position: integer("position").notNull(),
    // Removed criteria keep their row (and id) so older versions' results still name them.
    removedAt: integer("removed_at", { mode: "number" }),
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
    key: text("key").notNull(),
    text: text("text", { mode: "json" }).$type<LocalizedText>().notNull(),
    reverse: integer("reverse", { mode: "boolean" }).notNull().default(false),
    locked: integer("locked", { mode: "boolean" }).notNull().default(false),
    bankId: text("bank_id"),
    facet: text("facet"),
    position: integer("position").notNull(),
    removedAt: integer("removed_at", { mode: "number" }),
  },
  (t) => [index("items_study_idx").on(t.studyId), index("items_criterion_idx").on(t.criterionId)],
);

export type VersionSnapshot = {
  scale: 5 | 7;
  languages: string[];
  provider: string;
  askImportance: boolean;
  criteria: {
    id: string;
    key: string;
    name: LocalizedText;
    description: LocalizedText;
    weight: number;
    items: { id: string; key: string; text: LocalizedText; reverse: boolean }[];
  }[];
};

export const versions = sqliteTable(
  "versions",
  {
    id: text("id").primaryKey(),
    studyId: text("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    publishedAt: integer("published_at", { mode: "number" }).notNull(),
    publishedBy: text("published_by"),
    snapshot: text("snapshot", { mode: "json" }).$type<VersionSnapshot>().notNull(),
  },
  (t) => [uniqueIndex("versions_study_number_unique").on(t.studyId, t.number)],
);

// ── Distribution ────────────────────────────────────────────────────────────

export const linkKinds = ["public", "invite", "internal"] as const;

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
    usedAt: integer("used_at", { mode: "number" }),
    revokedAt: integer("revoked_at", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("links_token_unique").on(t.token), index("links_study_idx").on(t.studyId, t.kind)],
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
    perspective: text("perspective").notNull().default("customer"),
    // An API client's own id: resending it never duplicates.
    clientId: text("client_id"),
    segment: text("segment").notNull().default(""),
    language: text("language").notNull().default("en"),
    source: text("source").notNull().default("survey"),
    status: text("status", { enum: ["in_progress", "submitted"] }).notNull(),
    step: integer("step").notNull().default(0),
    customerWeights: text("customer_weights", { mode: "json" }).$type<Record<string, number>>(),
    // Hash of the resume cookie, so the same browser continues where it stopped.
    resumeHash: text("resume_hash"),
    startedAt: integer("started_at", { mode: "number" }).notNull(),
    submittedAt: integer("submitted_at", { mode: "number" }),
    followedUpAt: integer("followed_up_at", { mode: "number" }),
    followUpNote: text("follow_up_note"),
  },
  (t) => [
    index("responses_study_idx").on(t.studyId, t.perspective, t.status, t.submittedAt),
    uniqueIndex("responses_client_unique").on(t.studyId, t.clientId),
    index("responses_link_idx").on(t.linkId),
  ],
);

export const answers = sqliteTable(
  "answers",
  {
    responseId: text("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    itemId: text("item_id").notNull(),
    expected: integer("expected"),
    perceived: integer("perceived"),
    // Internal perspectives give one rating per item.
    rating: integer("rating"),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId], name: "answers_pk" })],
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
// Running sums (n, Σx, Σx²) as flat rows keyed by lib/scoring's aggregate
// entries (e.g. ["item", id, "gap"]). A submit adds its contribution to the
// rows of its bucket (version, segment, day); a dashboard filter adds up the
// rows of the matching buckets with one GROUP BY key. Day = whole days since
// the epoch in UTC.

export const aggregates = sqliteTable(
  "aggregates",
  {
    studyId: text("study_id").notNull(),
    versionId: text("version_id").notNull(),
    segment: text("segment").notNull(),
    day: integer("day").notNull(),
    key: text("key").notNull(),
    n: integer("n").notNull(),
    sum: real("sum").notNull(),
    sumSq: real("sum_sq").notNull(),
  },
  // The primary key clusters a study's rows by key (the table is WITHOUT
  // ROWID, see migration 0002): a submit's upsert touches one b-tree, and the
  // dashboard's GROUP BY key streams in key order without a sort.
  (t) => [primaryKey({ columns: [t.studyId, t.key, t.versionId, t.segment, t.day], name: "aggregates_pk" })
  ],
);

// Internal perspectives (M, S, D, C) and the cause statements: answered once
// per round by few people, so buckets are per version and perspective only.
export const perspectiveAggregates = sqliteTable(
  "perspective_aggregates",
  {
    studyId: text("study_id").notNull(),
    versionId: text("version_id").notNull(),
    perspective: text("perspective").notNull(),
    key: text("key").notNull(),
    n: integer("n").notNull(),
    sum: real("sum").notNull(),
    sumSq: real("sum_sq").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.perspective, t.key], name: "perspective_aggregates_pk" }),
    index("perspective_aggregates_study_idx").on(t.studyId),
  ],
);
