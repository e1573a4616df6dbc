import { and, asc, count, eq, gt, inArray, isNull, lte, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Reader, Tx } from "../client";
import { contacts } from "../schema";
import { newToken } from "@/lib/auth/tokens";
import { normalizeEmail } from "@/lib/contacts/contact";
import type { Locale } from "@/lib/i18n/locales";

// The workspace's contacts (lib/contacts). The email, lower-cased and
// trimmed, is the key within a workspace: the unique index
// contacts_email_unique (workspace_id, email) decides every upsert, on both
// engines, so two imports racing on one address update one row.

export type ContactRow = typeof contacts.$inferSelect;

/** A contact to store: the email is the key; a field left undefined keeps what is stored (a new contact gets "" or null). */
export type ContactUpsert = {
  email: string;
  name?: string;
  phone?: string;
  language?: Locale | null;
  segment?: string;
  externalId?: string;
};

const updatable = ["name", "phone", "language", "segment", "externalId"] as const;

// Both engines cap bound parameters per statement (SQLite 32,766, PostgreSQL
// 65,535); a contact row binds 11.
const rowsPerStatement = 500;

/**
 * Inserts new contacts and updates existing ones (by email) in one
 * INSERT … ON CONFLICT (workspace_id, email) DO UPDATE per chunk. Only the
 * fields a row carries are updated; the id, unsubscribe token, unsubscribe
 * time and creation time of an existing contact never change. A row counts
 * as created when the id it came back with is the one it was inserted with.
 * Emails must be unique within `rows` (PostgreSQL refuses to update one row
 * twice in a statement): the callers report repeats as the client's problem.
 */
export async function upsertContacts(tx: Tx, workspaceId: string, rows: readonly ContactUpsert[], now: number) {
  // Rows that carry the same fields share a statement (an import or an API call is usually one group).
  const groups = new Map<string, ContactUpsert[]>();
  const seen = new Set<string>();
  for (const row of rows) {
    const email = normalizeEmail(row.email);
    if (seen.has(email)) throw new Error(`upsertContacts: ${email} appears twice`);
    seen.add(email);
    const key = updatable.filter((f) => row[f] !== undefined).join(",");
    const group = groups.get(key) ?? [];
    group.push({ ...row, email });
    groups.set(key, group);
  }
  let created = 0;
  let updated = 0;
  for (const [key, group] of groups) {
    const fields = key ? (key.split(",") as (typeof updatable)[number][]) : [];
    const set: Record<string, SQL> = { updatedAt: sql.raw(`excluded.${contacts.updatedAt.name}`) };
    for (const f of fields) set[f] = sql.raw(`excluded.${contacts[f].name}`);
    for (let start = 0; start < group.length; start += rowsPerStatement) {
      const values = group.slice(start, start + rowsPerStatement).map((r) => ({
        id: randomUUID(),
        workspaceId,
        email: r.email,
        name: r.name ?? "",
        phone: r.phone ?? "",
        language: r.language ?? null,
        segment: r.segment ?? "",
        externalId: r.externalId ?? "",
        unsubscribeToken: newToken(),
        createdAt: now,
        updatedAt: now,
      }));
      const returned = await tx
        .insert(contacts)
        .values(values)
        .onConflictDoUpdate({ target: [contacts.workspaceId, contacts.email], set })
        .returning({ id: contacts.id });
      const fresh = new Set<string>(values.map((v) => v.id));
      for (const r of returned) {
        if (fresh.has(r.id)) created++;
        else updated++;
      }
    }
  }
  return { created, updated };
}

/** Which contacts a list shows: a search in name, email, phone and external id (any case), and one segment. */
export type ContactFilter = { search?: string; segment?: string };

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(workspaceId: string, filter: ContactFilter): SQL {
  const conditions: SQL[] = [eq(contacts.workspaceId, workspaceId)];
  if (filter.segment !== undefined) conditions.push(eq(contacts.segment, filter.segment));
  const search = filter.search?.trim();
  if (search) {
    const pattern = `%${likeEscape(search.toLowerCase())}%`;
    const like = (column: AnyColumn) => sql`lower(${column}) LIKE ${pattern} ESCAPE '\\'`;
    conditions.push(or(like(contacts.email), like(contacts.name), like(contacts.phone), like(contacts.externalId))!);
  }
  return and(...conditions)!;
}

/**
 * A page of contacts in email order, after the email `after` (keyset
 * pagination: stable while contacts are added or removed, and as cheap on
 * the last page as on the first). `next` is the last email of the page when
 * more follow, else null.
 */
export async function listContacts(
  db: Reader,
  workspaceId: string,
  options: ContactFilter & { after?: string | null; limit: number },
): Promise<{ contacts: ContactRow[]; next: string | null }> {
  const where = options.after ? and(whereOf(workspaceId, options), gt(contacts.email, options.after)) : whereOf(workspaceId, options);
  const rows = await db
    .select()
    .from(contacts)
    .where(where)
    .orderBy(asc(contacts.email))
    .limit(options.limit + 1);
  const more = rows.length > options.limit;
  const page = more ? rows.slice(0, options.limit) : rows;
  return { contacts: page, next: more ? page[page.length - 1].email : null };
}

export async function countContacts(db: Reader, workspaceId: string, filter: ContactFilter = {}): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contacts).where(whereOf(workspaceId, filter));
  return row?.n ?? 0;
}

/** How many of the filtered contacts come up to and including `email` in email order (where a page after it starts). */
export async function countContactsThrough(db: Reader, workspaceId: string, filter: ContactFilter, email: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(whereOf(workspaceId, filter), lte(contacts.email, email)));
  return row?.n ?? 0;
}

/** A contact of the workspace (another workspace's id is not found). */
export async function findContact(db: Reader, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
    .limit(1);
  return row;
}

export async function findContactByEmail(db: Reader, workspaceId: string, email: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, normalizeEmail(email))))
    .limit(1);
  return row;
}

/** Whether another contact of the workspace than `exceptId` has this email. */
export async function emailTaken(db: Reader, workspaceId: string, email: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, normalizeEmail(email)), exceptId ? ne(contacts.id, exceptId) : undefined))
    .limit(1);
  return row !== undefined;
}

export type ContactFields = { email: string; name: string; phone: string; language: Locale | null; segment: string; externalId: string };

/**
 * Replaces a contact's fields; returns how many rows changed (0: not in
 * this workspace). The caller checks the email with emailTaken in the same
 * transaction; the unique index still refuses a concurrent taker.
 */
export async function updateContact(tx: Tx, workspaceId: string, id: string, fields: ContactFields, now: number): Promise<number> {
  const rows = await tx
    .update(contacts)
    .set({ ...fields, email: normalizeEmail(fields.email), updatedAt: now })
    .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
    .returning({ id: contacts.id });
  return rows.length;
}

/**
 * Deletes a contact; its links and campaign recipients keep their rows with
 * contact_id set to null (ON DELETE SET NULL), so the responses stay, anonymous.
 */
export async function deleteContact(tx: Tx, workspaceId: string, id: string): Promise<number> {
  const rows = await tx
    .delete(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.workspaceId, workspaceId)))
    .returning({ id: contacts.id });
  return rows.length;
}

/** The workspace's segments that some contact has, in order ("" — none — left out). */
export async function listContactSegments(db: Reader, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ segment: contacts.segment })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), ne(contacts.segment, "")))
    .orderBy(asc(contacts.segment));
  return rows.map((r) => r.segment);
}

export async function findContactByUnsubscribeToken(db: Reader, token: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.unsubscribeToken, token)).limit(1);
  return row;
}

/**
 * Marks a contact unsubscribed; true when this call did it, false when it
 * already was (the first time is kept) or is gone. The conditional UPDATE is
 * the guard: of two racing one-click POSTs one changes the row.
 */
export async function markUnsubscribed(tx: Tx, id: string, now: number): Promise<boolean> {
  const rows = await tx
    .update(contacts)
    .set({ unsubscribedAt: now })
    .where(and(eq(contacts.id, id), isNull(contacts.unsubscribedAt)))
    .returning({ id: contacts.id });
  return rows.length === 1;
}

/** Who a campaign is sent to: every contact, one segment's, or the contacts with these emails. */
export type Audience = { all: true } | { segment: string } | { emails: string[] };

export type AudienceContact = Pick<ContactRow, "id" | "email" | "name" | "language" | "segment" | "unsubscribeToken" | "unsubscribedAt">;

/**
 * The workspace's contacts an audience names, in email order, unsubscribed
 * ones included (the caller skips and counts them). Emails that match no
 * contact are left out.
 */
export async function contactsForAudience(db: Reader, workspaceId: string, audience: Audience): Promise<AudienceContact[]> {
  const columns = {
    id: contacts.id,
    email: contacts.email,
    name: contacts.name,
    language: contacts.language,
    segment: contacts.segment,
    unsubscribeToken: contacts.unsubscribeToken,
    unsubscribedAt: contacts.unsubscribedAt,
  };
  const select = (where?: SQL) =>
    db
      .select(columns)
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), where))
      .orderBy(asc(contacts.email));
  if ("all" in audience) return select();
  if ("segment" in audience) return select(eq(contacts.segment, audience.segment));
  const emails = [...new Set(audience.emails.map(normalizeEmail))];
  const out: AudienceContact[] = [];
  for (let start = 0; start < emails.length; start += rowsPerStatement) {
    out.push(...(await select(inArray(contacts.email, emails.slice(start, start + rowsPerStatement)))));
  }
  return out.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}
