import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { forUpdate } from "../locks";
import { caseNotes, cases, contacts, links, memberships, responses, users, type CaseOrigin, type CaseState } from "../schema";
import { responseWhere, type ResponseFilter } from "./responses";

// Follow-up cases (closed loop): one per response at most (cases_response_unique).
// The case list reads cases through cases_study_state_idx and joins only the
// shown responses' rows; it never reads raw answers beyond those shown.

export type CaseRow = typeof cases.$inferSelect;

/**
 * Opens a case on a study's submitted customer response unless it has one:
 * one statement, the unique index on response_id decides between racing
 * openers (the alert at submit, a manager's click). Returns the new case's id,
 * or null when the response already had a case or is not the study's.
 */
export async function insertCase(
  tx: Tx,
  input: { studyId: string; responseId: string; origin: CaseOrigin; now: number; assigneeId?: string | null; dueAt?: number | null },
): Promise<string | null> {
  const id = randomUUID();
  const [owned] = await tx
    .select({ id: responses.id })
    .from(responses)
    .where(
      and(
        eq(responses.id, input.responseId),
        eq(responses.studyId, input.studyId),
        eq(responses.perspective, "customer"),
        eq(responses.status, "submitted"),
      ),
    )
    .limit(1);
  if (!owned) return null;
  const rows = await tx
    .insert(cases)
    .values({
      id,
      studyId: input.studyId,
      responseId: input.responseId,
      origin: input.origin,
      state: "open",
      assigneeId: input.assigneeId ?? null,
      dueAt: input.dueAt ?? null,
      openedAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoNothing()
    .returning({ id: cases.id });
  return rows[0]?.id ?? null;
}

export type CaseListFilter = {
  studyId: string;
  states: readonly CaseState[];
  /** A user id, "unassigned", or undefined for anyone. */
  assignee?: { userId: string } | "unassigned";
  segment?: string;
  /** Only cases not resolved whose due date has passed by this moment (ms). */
  overdueAt?: number;
};

function caseWhere(filter: Omit<CaseListFilter, "states">): SQL {
  return and(
    eq(cases.studyId, filter.studyId),
    filter.assignee === "unassigned" ? isNull(cases.assigneeId) : filter.assignee ? eq(cases.assigneeId, filter.assignee.userId) : undefined,
    filter.segment !== undefined ? eq(responses.segment, filter.segment) : undefined,
    filter.overdueAt !== undefined ? and(lt(cases.dueAt, filter.overdueAt), sql`${cases.state} <> 'resolved'`) : undefined,
  )!;
}

export type CaseListRow = {
  id: string;
  responseId: string;
  origin: CaseOrigin;
  state: CaseState;
  assigneeId: string | null;
  dueAt: number | null;
  openedAt: number;
  updatedAt: number;
  contactedAt: number | null;
  resolvedAt: number | null;
  versionId: string;
  linkId: string | null;
  submittedAt: number;
  segment: string;
  language: string;
  /** The respondent's own weighted gap stored at submit (responses.gap); null when it could not be computed. */
  gap: number | null;
};

const caseColumns = {
  id: cases.id,
  responseId: cases.responseId,
  origin: cases.origin,
  state: cases.state,
  assigneeId: cases.assigneeId,
  dueAt: cases.dueAt,
  openedAt: cases.openedAt,
  updatedAt: cases.updatedAt,
  contactedAt: cases.contactedAt,
  resolvedAt: cases.resolvedAt,
  versionId: responses.versionId,
  linkId: responses.linkId,
  submittedAt: responses.submittedAt,
  segment: responses.segment,
  language: responses.language,
  gap: responses.gap,
};

/**
 * The case list's statement for one state: the newest `limit` cases, walked
 * in the order of cases_study_state_idx (study, state, opened_at), so it stops
 * after `limit` rows instead of joining every case of the state with its
 * response and sorting them all (also what a test explains to check its plan).
 */
export function caseListQuery(db: Reader, filter: Omit<CaseListFilter, "states">, state: CaseState, limit: number) {
  return db
    .select(caseColumns)
    .from(cases)
    .innerJoin(responses, eq(responses.id, cases.responseId))
    .where(and(caseWhere(filter), eq(cases.state, state)))
    .orderBy(desc(cases.openedAt), asc(cases.id))
    .limit(limit);
}

/** One page of a study's cases in the given states, newest first, with their responses' stored figures: one index walk per state, merged. */
export async function listCases(db: Reader, filter: CaseListFilter, limit: number): Promise<CaseListRow[]> {
  const perState = await Promise.all(filter.states.map((state) => caseListQuery(db, filter, state, limit)));
  return perState
    .flat()
    .sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map((r) => ({ ...r, submittedAt: r.submittedAt ?? r.openedAt }));
}

/** How many cases of the filter (whatever their state) are in each state. */
export async function countCasesByState(db: Reader, filter: Omit<CaseListFilter, "states">): Promise<Record<CaseState, number>> {
  const needsResponses = filter.segment !== undefined;
  const base = db.select({ state: cases.state, n: count() }).from(cases);
  const rows = await (needsResponses ? base.innerJoin(responses, eq(responses.id, cases.responseId)) : base)
    .where(caseWhere(filter))
    .groupBy(cases.state);
  const out: Record<CaseState, number> = { open: 0, contacted: 0, resolved: 0 };
  for (const r of rows) out[r.state] = Number(r.n);
  return out;
}

/** The notes of the given cases, oldest first within each case, with their authors. */
export async function notesOfCases(db: Reader, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return db
    .select({
      id: caseNotes.id,
      caseId: caseNotes.caseId,
      text: caseNotes.text,
      createdAt: caseNotes.createdAt,
      authorId: caseNotes.authorId,
      authorName: users.name,
      authorEmail: users.email,
    })
    .from(caseNotes)
    .leftJoin(users, eq(users.id, caseNotes.authorId))
    .where(inArray(caseNotes.caseId, caseIds))
    .orderBy(asc(caseNotes.caseId), asc(caseNotes.createdAt), asc(caseNotes.id));
}

/** The newest note of each given case (the API's "note"). */
export async function lastNotesOfCases(db: Reader, caseIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < caseIds.length; i += 500) {
    for (const n of await notesOfCases(db, caseIds.slice(i, i + 500))) out.set(n.caseId, n.text);
  }
  return out;
}

export type InvitedContact = { contactId: string; name: string; email: string; phone: string };

/**
 * The contact each response's invite link was sent to (links.contact_id),
 * by response id; responses that came through no contact's invite are absent.
 */
export async function invitedContactsOf(db: Reader, responseIds: string[]): Promise<Map<string, InvitedContact>> {
  const out = new Map<string, InvitedContact>();
  for (let i = 0; i < responseIds.length; i += 500) {
    const rows = await db
      .select({ responseId: responses.id, contactId: contacts.id, name: contacts.name, email: contacts.email, phone: contacts.phone })
      .from(responses)
      .innerJoin(links, eq(links.id, responses.linkId))
      .innerJoin(contacts, eq(contacts.id, links.contactId))
      .where(inArray(responses.id, responseIds.slice(i, i + 500)));
    for (const { responseId, ...contact } of rows) out.set(responseId, contact);
  }
  return out;
}

/** The case, if it is the study's, locked until the transaction ends (PostgreSQL; SQLite writes run one at a time). */
export async function findCaseForUpdate(tx: Tx, studyId: string, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await forUpdate(
    tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.studyId, studyId))),
  );
  return row;
}

/**
 * Moves a case from the state the user saw to another, in one conditional
 * UPDATE: of two people changing the same case at once, the second finds the
 * state moved on and changes nothing (0). Returns the number of rows changed.
 */
export async function moveCase(tx: Tx, studyId: string, caseId: string, from: CaseState, to: CaseState, now: number): Promise<number> {
  const stamps =
    to === "contacted" ? { contactedAt: now, resolvedAt: null } : to === "resolved" ? { resolvedAt: now } : { contactedAt: null, resolvedAt: null };
  const rows = await tx
    .update(cases)
    .set({ state: to, updatedAt: now, ...stamps })
    .where(and(eq(cases.id, caseId), eq(cases.studyId, studyId), eq(cases.state, from)))
    .returning({ id: cases.id });
  return rows.length;
}

export async function updateCase(
  tx: Tx,
  caseId: string,
  patch: { assigneeId?: string | null; dueAt?: number | null; updatedAt: number },
): Promise<number> {
  const rows = await tx.update(cases).set(patch).where(eq(cases.id, caseId)).returning({ id: cases.id });
  return rows.length;
}

export async function insertCaseNote(tx: Tx, input: { caseId: string; authorId: string; text: string; now: number }): Promise<string> {
  const id = randomUUID();
  await tx.insert(caseNotes).values({ id, caseId: input.caseId, authorId: input.authorId, text: input.text, createdAt: input.now });
  return id;
}

/** Whether the user is a member of the workspace (an assignee must be). */
export async function isMember(db: Reader | Tx, workspaceId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export type ShortfallWithoutCase = {
  id: string;
  versionId: string;
  submittedAt: number;
  segment: string;
  language: string;
  linkId: string | null;
  /** The respondent's own gap stored at submit (responses.gap). */
  gap: number;
};

/**
 * The submitted responses with the largest stored gap that have no case yet,
 * shortfalls only. At most as many of the largest as the study has cases can
 * have one, so the top (limit + cases) by gap are read — one ranking of the
 * study's responses, no per-response lookup of a case — and those with a case dropped.
 */
export async function shortfallsWithoutCase(db: Reader, filter: ResponseFilter, limit: number): Promise<ShortfallWithoutCase[]> {
  const [{ n }] = await db.select({ n: count() }).from(cases).where(eq(cases.studyId, filter.studyId));
  const rows = await db
    .select({
      id: responses.id,
      versionId: responses.versionId,
      submittedAt: responses.submittedAt,
      segment: responses.segment,
      language: responses.language,
      linkId: responses.linkId,
      gap: responses.gap,
    })
    .from(responses)
    .where(and(responseWhere(filter), gt(responses.gap, 0)))
    .orderBy(desc(responses.gap), desc(responses.submittedAt), asc(responses.id))
    .limit(limit + Number(n));
  const withCase = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    for (const c of await db.select({ responseId: cases.responseId }).from(cases).where(inArray(cases.responseId, ids))) withCase.add(c.responseId);
  }
  return rows
    .filter((r) => !withCase.has(r.id))
    .slice(0, limit)
    .map((r) => ({ ...r, submittedAt: r.submittedAt!, gap: r.gap! }));
}
