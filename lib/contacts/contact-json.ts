import type { ContactRow } from "@/db/queries/contacts";

// A contact as the API shows it (API.md "Contacts, invitations and reminders").

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function contactJson(contact: ContactRow) {
  return {
    id: contact.id,
    email: contact.email,
    name: contact.name,
    phone: contact.phone,
    language: contact.language,
    segment: contact.segment,
    externalId: contact.externalId,
    unsubscribedAt: iso(contact.unsubscribedAt),
    createdAt: iso(contact.createdAt),
    updatedAt: iso(contact.updatedAt),
  };
}
