import { randomUUID } from "node:crypto";
import type { Tx } from "@/db/client";
import {
  findResponseByClientId,
  findResponseForUpdate,
  insertResponse,
  insertResponsesUnlessSent,
  insertResponseUnlessSent,
  updateResponse,
} from "@/db/queries/responses";
import type { responses } from "@/db/schema";
import { eventLoopPacer } from "@/lib/event-loop";
import type { RespondentPerspective } from "./kinds";

export type SubmittedRow = Omit<typeof responses.$inferInsert, "id" | "status" | "startedAt" | "submittedAt"> & {
  perspective: RespondentPerspective;
  submittedAt: number;
};

/**
 * Marks a response submitted, creating its row or finishing an in-progress
 * one. Returns null when it was submitted before (same id, or same client id
 * in the same perspective): the caller then writes nothing, so a resend never
 * counts twice.
 */
export async function submitResponseRow(tx: Tx, row: SubmittedRow, responseId: string | undefined): Promise<string | null> {
  if (row.clientId && responseId === undefined) {
    // The API's new responses: one statement instead of a look-up and an insert.
    const id = randomUUID();
    return (await insertResponseUnlessSent(tx, { id, startedAt: row.submittedAt, ...row, status: "submitted" })) ? id : null;
  }
  // Two sends of one client id at once both find nothing here; the unique
  // index (study, perspective, client id) fails the second insert, and
  // transaction() runs it again, when this read finds the first one's row.
  if (row.clientId && (await findResponseByClientId(tx, row.studyId, row.perspective, row.clientId))) return null;
  const id = responseId ?? randomUUID();
  // findResponseForUpdate: "already submitted?" decides the write below; two
  // posts of one response (a double click, two tabs) wait for each other.
  const existing = responseId ? await findResponseForUpdate(tx, responseId) : undefined;
  if (existing?.status === "submitted") return null;
  if (existing) await updateResponse(tx, id, { ...row, status: "submitted" });
  else await insertResponse(tx, { id, startedAt: row.submittedAt, ...row, status: "submitted" });
  return id;
}

const rowsPerStatement = 100;

/**
 * New responses under ids made here (the API's: none came with a response
 * id), a hundred to a statement: per row its new id, or null when its client
 * id was sent before (also earlier in `rows`), as submitResponseRow gives. A
 * row without a client id always goes in.
 */
export async function submitNewRows(tx: Tx, rows: readonly SubmittedRow[]): Promise<(string | null)[]> {
  const withIds = rows.map((row) => ({ id: randomUUID(), startedAt: row.submittedAt, ...row, status: "submitted" as const }));
  const inserted = new Set<string>();
  // A hundred rows a statement, the event loop getting its turns between
  // (on SQLite a statement holds it while it runs).
  const pace = eventLoopPacer();
  for (let at = 0; at < withIds.length; at += rowsPerStatement) {
    await pace();
    for (const id of await insertResponsesUnlessSent(tx, withIds.slice(at, at + rowsPerStatement))) inserted.add(id);
  }
  return withIds.map((row) => (inserted.has(row.id) ? row.id : null));
}

/** The id a duplicate resolves to, for reporting which response a resend matched. */
export async function duplicateOf(
  tx: Tx,
  studyId: string,
  perspective: RespondentPerspective,
  clientId: string | undefined,
  responseId: string | undefined,
): Promise<string> {
  if (clientId) {
    const existing = await findResponseByClientId(tx, studyId, perspective, clientId);
    if (existing) return existing.id;
  }
  return responseId ?? "";
}
