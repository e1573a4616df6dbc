import { randomUUID } from "node:crypto";
import type { Tx } from "@/db/client";
import { findResponseByClientId, findResponseForUpdate, insertResponse, insertResponseUnlessSent, updateResponse } from "@/db/queries/responses";
import type { responses } from "@/db/schema";
import type { RespondentPerspective } from "./kinds";

type SubmittedRow = Omit<typeof responses.$inferInsert, "id" | "status" | "startedAt" | "submittedAt"> & {
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
