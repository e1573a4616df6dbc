import { transaction } from "@/db/client";
import {
  deleteContact,
  emailTaken,
  findContactByEmail,
  updateContact,
  upsertContacts,
  type ContactFields,
  type ContactUpsert,
} from "@/db/queries/contacts";

// The writes of the contacts pages and the API, each one transaction. The
// rules of a contact's fields are in ./contact.ts; here, what the workspace
// allows: one contact per email.

/** Stores many contacts by email, all or nothing: `created` new ones, `updated` existing ones. */
export async function saveContacts(workspaceId: string, rows: readonly ContactUpsert[]) {
  return transaction((tx) => upsertContacts(tx, workspaceId, rows, Date.now()));
}

export type ContactOutcome = { ok: true; id: string } | { ok: false; code: "emailTaken" | "notFound" };

/**
 * A new contact from the form. An email the workspace already has is
 * refused (the form is for a new person; the import and the API update by
 * email). The unique index (workspace_id, email) guards the check: of two
 * racing adds one inserts and the other updates nothing new.
 */
export async function addContact(workspaceId: string, fields: ContactFields): Promise<ContactOutcome> {
  return transaction(async (tx) => {
    if (await emailTaken(tx, workspaceId, fields.email, null)) return { ok: false, code: "emailTaken" };
    await upsertContacts(tx, workspaceId, [fields], Date.now());
    const row = await findContactByEmail(tx, workspaceId, fields.email);
    return row ? { ok: true, id: row.id } : { ok: false, code: "notFound" };
  });
}

/** Replaces a contact's fields; refused when another contact of the workspace has the new email. */
export async function editContact(workspaceId: string, id: string, fields: ContactFields): Promise<ContactOutcome> {
  return transaction(async (tx) => {
    if (await emailTaken(tx, workspaceId, fields.email, id)) return { ok: false, code: "emailTaken" };
    const changed = await updateContact(tx, workspaceId, id, fields, Date.now());
    return changed === 1 ? { ok: true, id } : { ok: false, code: "notFound" };
  });
}

/** Deletes a contact; the responses that came through its invites stay, no longer linked to anyone. */
export async function removeContact(workspaceId: string, id: string): Promise<boolean> {
  return (await transaction((tx) => deleteContact(tx, workspaceId, id))) === 1;
}
