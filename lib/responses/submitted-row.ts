import { randomUUID } from "node:crypto";
import type { Executor } from "@/db/client";
import { findResponse, findResponseByClientId, insertResponse, updateResponse } from "@/db/queries/responses";
import type { responses } from "@/db/schema";

type SubmittedRow = Omit<typeof responses.$inferInsert, "id" | "status" | "startedAt" | "submittedAt"> & { submittedAt: number };

/**
 * Marks a response submitted, creating its row or finishing an in-progress
 * one. Returns null when it was submitted before (same id, or same client
 * id): the caller then writes nothing, so a resend never counts twice.
 */
export function submitResponseRow(row: SubmittedRow, responseId: string | undefined, tx: Executor): string | null {
  if (row.clientId && findResponseByClientId(row.studyId, row.clientId, tx)) return null;
  const id = responseId ?? randomUUID();
  const existing = responseId ? findResponse(responseId, tx) : undefined;
  if (existing?.status === "submitted") return null;
  if (existing) updateResponse(id, { ...row, status: "submitted" }, tx);
  else insertResponse({ id, startedAt: row.submittedAt, ...row, status: "submitted" }, tx);
  return id;
}

/** The id a duplicate resolves to, for reporting which response a resend matched. */
export function duplicateOf(studyId: string, clientId: string | undefined, responseId: string | undefined, tx: Executor): string {
  if (clientId) {
    const existing = findResponseByClientId(studyId, clientId, tx);
    if (existing) return existing.id;
  }
  return responseId ?? "";
}
