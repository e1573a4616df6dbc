import { z } from "zod";
import type { Reader } from "@/db/client";
import {
  countCasesByState,
  invitedContactsOf,
  listCases,
  notesOfCases,
  shortfallsWithoutCase,
  type CaseListFilter,
  type CaseListRow,
} from "@/db/queries/cases";
import { contactsOfResponses } from "@/db/queries/response-contacts";
import { answersOfResponses, commentsOfResponses } from "@/db/queries/responses";
import { listVersions, type StudyRow, type VersionRow } from "@/db/queries/studies";
import { caseStates, type CaseOrigin, type CaseState } from "@/db/schema";
import { scoreCustomerResponse } from "@/lib/scoring/response-scores";
import type { VersionDefinition } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import { idSchema } from "@/lib/validation/ids";
import { wallClockAt, zonedToUtc } from "@/lib/time-zone";
import { responseFilter } from "./response-filter";

// Follow-up (service recovery, the closed loop): a response with a shortfall
// becomes a case — opened by the study's alert rule at submit or by a
// manager's click — that moves open → contacted → resolved, with an assignee,
// a due date and a thread of notes. Managers and owners change cases;
// analysts read them. Contact details are personal data: only owners and
// managers see them (as on the Contacts pages and the contacts API).

/** How many cases (or shortfalls) one page shows: it is a to-do list, not a report. */
export const followUpLimit = 50;
/** The most cases one API call returns (newest first). */
export const apiCasesLimit = 5000;
/** The longest note. */
export const noteMaxLength = 2000;

/** The moves a case may make: contacted or resolved from open, resolved from contacted, and reopened from either later state. */
export const caseMoves: Record<CaseState, readonly CaseState[]> = {
  open: ["contacted", "resolved"],
  contacted: ["resolved", "open"],
  resolved: ["open"],
};

export function mayMove(from: CaseState, to: CaseState): boolean {
  return caseMoves[from].includes(to);
}

// ── The list's filters, from the URL ─────────────────────────────────────────

/** Which states the list shows: "active" (open and contacted, the default), one state, or all. */
export const stateFilters = ["active", "open", "contacted", "resolved", "all"] as const;
export type StateFilter = (typeof stateFilters)[number];

export function statesOf(filter: StateFilter): CaseState[] {
  return filter === "active" ? ["open", "contacted"] : filter === "all" ? [...caseStates] : [filter];
}

const optionalText = z
  .string()
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]*$/)
  .optional();

export const caseQuerySchema = z.object({
  view: z.enum(["cases", "shortfalls"]).default("cases"),
  state: z.enum(stateFilters).default("active"),
  /** "me", "unassigned", or absent/empty for anyone. */
  assignee: z.enum(["", "me", "unassigned"]).default(""),
  segment: optionalText,
  overdue: z.enum(["", "1"]).default(""),
});
export type CaseQuery = z.infer<typeof caseQuerySchema>;
export const defaultCaseQuery: CaseQuery = { view: "cases", state: "active", assignee: "", overdue: "" };

/** The URL's query (first value of each known key) as the list's filter; unknown keys are ignored. */
export function caseQueryFrom(search: Record<string, string | string[] | undefined>) {
  const first = (key: string) => {
    const v = search[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const raw = Object.fromEntries(
    ["view", "state", "assignee", "segment", "overdue"].map((k) => [k, first(k)]).filter((e): e is [string, string] => e[1] !== undefined),
  );
  if (raw.segment === "") delete raw.segment;
  return caseQuerySchema.safeParse(raw);
}

/** The query string of a filter, leaving out the defaults. */
export function caseQueryString(query: CaseQuery, patch: Partial<CaseQuery> = {}): string {
  const q = { ...query, ...patch };
  const params = new URLSearchParams();
  if (q.view !== "cases") params.set("view", q.view);
  if (q.state !== "active") params.set("state", q.state);
  if (q.assignee) params.set("assignee", q.assignee);
  if (q.segment !== undefined) params.set("segment", q.segment);
  if (q.overdue) params.set("overdue", q.overdue);
  const text = params.toString();
  return text ? `?${text}` : "";
}

// ── The actions' input ──────────────────────────────────────────────────────

/** The list's query string, to come back to the same view. */
const backSchema = z
  .string()
  .max(2000)
  .regex(/^(\?[^#]*)?$/)
  .optional();

/** A due date as a form's date input gives it (YYYY-MM-DD), or "" for none. */
const dueDateSchema = z
  .string()
  .trim()
  .refine((text) => {
    if (text === "") return true;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && +m[1] >= 2000 && +m[1] <= 2999;
  }, "invalidDate");

const caseState = z.enum(caseStates);

/** One change to a case; each form of the list sends one. */
export const caseChangeSchema = z.discriminatedUnion("intent", [
  z
    .strictObject({ intent: z.literal("move"), caseId: idSchema, from: caseState, to: caseState, back: backSchema })
    .refine((m) => mayMove(m.from, m.to), { message: "badMove", path: ["to"] }),
  z.strictObject({ intent: z.literal("assign"), caseId: idSchema, assignee: z.union([z.literal(""), idSchema]), back: backSchema }),
  z.strictObject({ intent: z.literal("due"), caseId: idSchema, due: dueDateSchema, back: backSchema }),
  z.strictObject({
    intent: z.literal("note"),
    caseId: idSchema,
    text: z.string().trim().min(1, "noteEmpty").max(noteMaxLength, "noteTooLong"),
    back: backSchema,
  }),
]);
export type CaseChange = z.infer<typeof caseChangeSchema>;

export const openCaseSchema = z.strictObject({ responseId: idSchema, back: backSchema });

/** Removing a customer's contact details on request needs the confirmation box ticked. */
export const removeContactSchema = z.strictObject({ caseId: idSchema, confirm: z.literal("yes", "notConfirmed"), back: backSchema });

/** The error codes the list shows after a refused change. */
export const caseErrors = [
  "invalid",
  "noteEmpty",
  "noteTooLong",
  "invalidDate",
  "badMove",
  "stale",
  "notMember",
  "notFound",
  "notConfirmed",
  "hasCase",
] as const;
export type CaseError = (typeof caseErrors)[number];

/** The first issue of a failed parse as one of the list's error codes. */
export function caseErrorOf(error: z.ZodError): CaseError {
  const message = error.issues[0]?.message;
  return (caseErrors as readonly string[]).includes(message ?? "") ? (message as CaseError) : "invalid";
}

/** A due date (YYYY-MM-DD, in the workspace's time zone) as the instant it has passed: the end of that day there. */
export function dueAtOf(date: string, zone: string): number | null {
  if (date === "") return null;
  const [year, month, day] = date.split("-").map(Number);
  return zonedToUtc({ year, month, day: day + 1, hour: 0, minute: 0 }, zone);
}

/** The due date (YYYY-MM-DD, in the workspace's time zone) of a stored due instant. */
export function dueDateOf(dueAt: number | null, zone: string): string {
  if (dueAt === null) return "";
  const w = wallClockAt(dueAt - 1, zone);
  return `${String(w.year).padStart(4, "0")}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

// ── Reading the list ────────────────────────────────────────────────────────

export type Who =
  | { kind: "anonymous" }
  /** Details withheld from this reader's role: only that the customer can be reached. */
  | { kind: "onFile"; source: "invite" | "consent" }
  | { kind: "contact"; source: "invite" | "consent"; contactId: string | null; name: string; email: string; phone: string };

export type ResponseSummary = {
  responseId: string;
  submittedAt: number;
  segment: string;
  language: string;
  version: number;
  /** The respondent's weighted gap SQ_r = Σ_c w_c·g_rc (METHOD.md §3 for one respondent), stored at submit. */
  gap: number | null;
  /** The response's criteria with the largest shortfall, largest first (at most three). */
  worst: { criterion: string; gap: number }[];
  comments: { criterion: string; text: string }[];
  who: Who;
};

export type CaseEntry = ResponseSummary & {
  id: string;
  origin: CaseOrigin;
  state: CaseState;
  assigneeId: string | null;
  dueAt: number | null;
  overdue: boolean;
  openedAt: number;
  contactedAt: number | null;
  resolvedAt: number | null;
  notes: { id: string; text: string; createdAt: number; author: string | null }[];
};

type ShownResponse = { id: string; versionId: string; submittedAt: number; segment: string; language: string; gap: number | null };

/**
 * Worst criteria, comments and who answered, for a bounded list of responses
 * (at most `followUpLimit`): only these responses' raw answers are read.
 */
async function summarise(
  db: Reader,
  studyId: string,
  versions: VersionRow[],
  rows: ShownResponse[],
  seesContacts: boolean,
): Promise<ResponseSummary[]> {
  const byId = new Map(versions.map((v) => [v.id, { row: v, definition: versionDefinition(v.snapshot) as VersionDefinition }]));
  const ids = rows.map((r) => r.id);
  const [answerRows, commentRows, invited, consented] = await Promise.all([
    answersOfResponses(db, studyId, ids),
    commentsOfResponses(db, ids),
    invitedContactsOf(db, ids),
    contactsOfResponses(db, ids),
  ]);
  const answers = new Map<string, { itemId: string; expected: number | null; perceived: number | null }[]>();
  for (const a of answerRows) answers.set(a.responseId, [...(answers.get(a.responseId) ?? []), a]);
  const comments = new Map<string, { criterionId: string; text: string }[]>();
  for (const c of commentRows) comments.set(c.responseId, [...(comments.get(c.responseId) ?? []), c]);

  return rows.map((r) => {
    const version = byId.get(r.versionId);
    const criterionKey = new Map(version?.row.snapshot.criteria.map((c) => [c.id, c.key]));
    const scored = version ? scoreCustomerResponse(version.definition, answers.get(r.id) ?? []) : { criteria: [] };
    const worst = scored.criteria
      .filter((c) => c.gap > 0)
      .sort((a, b) => b.gap - a.gap)
      .slice(0, 3)
      .map((c) => ({ criterion: criterionKey.get(c.criterionId) ?? c.criterionId, gap: c.gap }));
    const order = version?.row.snapshot.criteria.map((c) => c.id) ?? [];
    const invite = invited.get(r.id);
    const consent = consented.get(r.id);
    const found = invite
      ? { source: "invite" as const, contactId: invite.contactId, ...pick(invite) }
      : consent
        ? { source: "consent" as const, contactId: null, ...pick(consent) }
        : null;
    const who: Who = !found ? { kind: "anonymous" } : seesContacts ? { kind: "contact", ...found } : { kind: "onFile", source: found.source };
    return {
      responseId: r.id,
      submittedAt: r.submittedAt,
      segment: r.segment,
      language: r.language,
      version: version?.row.number ?? 0,
      gap: r.gap,
      worst,
      comments: (comments.get(r.id) ?? [])
        .sort((a, b) => order.indexOf(a.criterionId) - order.indexOf(b.criterionId))
        .map((c) => ({ criterion: criterionKey.get(c.criterionId) ?? c.criterionId, text: c.text })),
      who,
    };
  });
}

const pick = (c: { name: string; email: string; phone: string }) => ({ name: c.name, email: c.email, phone: c.phone });

export type CaseListReader = { userId: string; seesContacts: boolean };

/** The list's filter for the database, from the URL's (the reader's own id for "me"). */
export function caseListFilter(studyId: string, query: CaseQuery, reader: { userId: string }, now: number): Omit<CaseListFilter, "states"> {
  return {
    studyId,
    assignee: query.assignee === "me" ? { userId: reader.userId } : query.assignee === "unassigned" ? "unassigned" : undefined,
    segment: query.segment,
    overdueAt: query.overdue === "1" ? now : undefined,
  };
}

/** One page of the study's cases for the URL's filter, with the counts per state of the same filter. */
export async function loadCaseList(db: Reader, study: StudyRow, query: CaseQuery, reader: CaseListReader, now = Date.now()) {
  const filter = caseListFilter(study.id, query, reader, now);
  const [versions, rows, counts] = await Promise.all([
    listVersions(db, study.id),
    listCases(db, { ...filter, states: statesOf(query.state) }, followUpLimit),
    countCasesByState(db, filter),
  ]);
  return { versions, counts, entries: await caseEntries(db, study.id, versions, rows, reader.seesContacts, now) };
}

async function caseEntries(
  db: Reader,
  studyId: string,
  versions: VersionRow[],
  rows: CaseListRow[],
  seesContacts: boolean,
  now: number,
): Promise<CaseEntry[]> {
  const [summaries, notes] = await Promise.all([
    summarise(
      db,
      studyId,
      versions,
      rows.map((r) => ({ ...r, id: r.responseId })),
      seesContacts,
    ),
    notesOfCases(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r, i) => ({
    ...summaries[i],
    id: r.id,
    origin: r.origin,
    state: r.state,
    assigneeId: r.assigneeId,
    dueAt: r.dueAt,
    overdue: r.state !== "resolved" && r.dueAt !== null && r.dueAt < now,
    openedAt: r.openedAt,
    contactedAt: r.contactedAt,
    resolvedAt: r.resolvedAt,
    notes: notes
      .filter((n) => n.caseId === r.id)
      .map((n) => ({ id: n.id, text: n.text, createdAt: n.createdAt, author: n.authorId ? n.authorName || n.authorEmail : null })),
  }));
}

/** The responses with the largest stored gap that have no case yet (ranked by responses.gap), for the segment of the URL. */
export async function loadShortfalls(db: Reader, study: StudyRow, query: CaseQuery, seesContacts: boolean) {
  const versions = await listVersions(db, study.id);
  const rows = await shortfallsWithoutCase(db, responseFilter(study.id, { segment: query.segment }, versions), followUpLimit);
  return { versions, entries: await summarise(db, study.id, versions, rows, seesContacts) };
}
