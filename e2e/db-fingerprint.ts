import { createHash } from "node:crypto";
import { getConnection } from "@/db/client";

// What a forged or malformed request must not change, as row counts and a
// hash of every row's content, table by table.
//
// Other spec files run at the same time against the same database, so a
// global count would move under our feet. Every request a test forges can
// only reach rows through the test's own workspaces (their keys, sessions,
// links and ids), so the fingerprint covers those workspaces completely —
// plus, database-wide, any user or workspace whose email or name carries
// the test's marker (what a forged sign-up or add-member would create).
// Sessions and rate_limits are left out on purpose: a sign-in attempt and
// every request's rate-limit counter may write them. api_keys.last_used_at
// is left out too: any authenticated API call may touch it.

export type Fingerprint = Record<string, { rows: number; hash: string }>;

type Query = { table: string; sql: string };

function queries(marks: string): Query[] {
  const studies = `SELECT id FROM studies WHERE workspace_id IN (${marks})`;
  const responses = `SELECT id FROM responses WHERE study_id IN (${studies})`;
  return [
    { table: "workspaces", sql: `SELECT id, name FROM workspaces WHERE id IN (${marks}) ORDER BY id` },
    {
      table: "users",
      sql: `SELECT id, email, name, password_hash FROM users WHERE id IN (SELECT user_id FROM memberships WHERE workspace_id IN (${marks})) ORDER BY id`,
    },
    { table: "memberships", sql: `SELECT workspace_id, user_id, role FROM memberships WHERE workspace_id IN (${marks}) ORDER BY workspace_id, user_id` },
    {
      table: "api_keys",
      sql: `SELECT id, workspace_id, name, role, key_hash, revoked_at FROM api_keys WHERE workspace_id IN (${marks}) ORDER BY id`,
    },
    { table: "studies", sql: `SELECT * FROM studies WHERE workspace_id IN (${marks}) ORDER BY id` },
    { table: "criteria", sql: `SELECT * FROM criteria WHERE study_id IN (${studies}) ORDER BY id` },
    { table: "items", sql: `SELECT * FROM items WHERE study_id IN (${studies}) ORDER BY id` },
    { table: "versions", sql: `SELECT * FROM versions WHERE study_id IN (${studies}) ORDER BY id` },
    { table: "links", sql: `SELECT * FROM links WHERE study_id IN (${studies}) ORDER BY id` },
    { table: "responses", sql: `SELECT * FROM responses WHERE study_id IN (${studies}) ORDER BY id` },
    { table: "answers", sql: `SELECT * FROM answers WHERE response_id IN (${responses}) ORDER BY response_id, item_id` },
    { table: "comments", sql: `SELECT * FROM comments WHERE response_id IN (${responses}) ORDER BY response_id, criterion_id` },
    { table: "cause_answers", sql: `SELECT * FROM cause_answers WHERE response_id IN (${responses}) ORDER BY response_id, statement_key` },
    { table: "aggregates", sql: `SELECT * FROM aggregates WHERE study_id IN (${studies}) ORDER BY study_id, key, version_id, segment, day` },
    {
      table: "perspective_aggregates",
      sql: `SELECT * FROM perspective_aggregates WHERE study_id IN (${studies}) ORDER BY version_id, perspective, key`,
    },
  ];
}

/** Counts and content hashes of every table within `workspaceIds`, and of marked users/workspaces anywhere. */
export function fingerprint(workspaceIds: string[], marker?: string): Fingerprint {
  const { sqlite } = getConnection();
  const marks = workspaceIds.map(() => "?").join(",");
  const out: Fingerprint = {};
  // One read transaction: a consistent picture even while the server writes.
  sqlite.transaction(() => {
    for (const q of queries(marks)) {
      const rows = sqlite.prepare(q.sql).all(...workspaceIds);
      out[q.table] = { rows: rows.length, hash: createHash("sha256").update(JSON.stringify(rows)).digest("hex").slice(0, 16) };
    }
    if (marker) {
      const like = `%${marker}%`;
      const users = sqlite.prepare("SELECT id FROM users WHERE email LIKE ? OR name LIKE ?").all(like, like);
      const workspaces = sqlite.prepare("SELECT id FROM workspaces WHERE name LIKE ?").all(like);
      out["users (marked, anywhere)"] = { rows: users.length, hash: "" };
      out["workspaces (marked, anywhere)"] = { rows: workspaces.length, hash: "" };
    }
  })();
  return out;
}
