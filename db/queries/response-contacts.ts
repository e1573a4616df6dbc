import { eq, inArray } from "drizzle-orm";
import type { Reader, Tx } from "../client";
import { responseContacts } from "../schema";

// What customers gave on the survey's consent step ("May we contact you about
// your answers?"): their data, not the ratings. Shown to owners and managers
// only, never exported; removable on request without touching the response.

export type ResponseContactRow = typeof responseContacts.$inferSelect;
export type ResponseContact = { name: string; email: string; phone: string };

export async function insertResponseContact(tx: Tx, row: { responseId: string; studyId: string } & ResponseContact): Promise<void> {
  await tx.insert(responseContacts).values(row).onConflictDoNothing({ target: responseContacts.responseId });
}

/** The consent-step contacts of these responses, by response id (responses without one are absent). */
export async function contactsOfResponses(db: Reader, responseIds: string[]): Promise<Map<string, ResponseContact>> {
  const found = new Map<string, ResponseContact>();
  for (let start = 0; start < responseIds.length; start += 500) {
    const rows = await db
      .select({ responseId: responseContacts.responseId, name: responseContacts.name, email: responseContacts.email, phone: responseContacts.phone })
      .from(responseContacts)
      .where(inArray(responseContacts.responseId, responseIds.slice(start, start + 500)));
    for (const { responseId, ...contact } of rows) found.set(responseId, contact);
  }
  return found;
}

/** Removes a customer's contact details on request; the response and its ratings stay. Returns whether there was one. */
export async function deleteResponseContact(tx: Tx, responseId: string): Promise<boolean> {
  const deleted = await tx.delete(responseContacts).where(eq(responseContacts.responseId, responseId)).returning({ id: responseContacts.responseId });
  return deleted.length > 0;
}
