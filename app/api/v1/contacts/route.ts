import { z } from "zod";
import { getDb } from "@/db/client";
import { listContacts } from "@/db/queries/contacts";
import { authenticate } from "@/lib/api/auth";
import { describeIssue, problem, zodProblem, type ProblemField } from "@/lib/api/problem";
import { apiRoute, readJson } from "@/lib/api/route";
import { contactsQuerySchema } from "@/lib/contacts/api-list";
import { contactSchema, contactsPerRequest, normalizeEmail, type ContactInput } from "@/lib/contacts/contact";
import { contactJson } from "@/lib/contacts/contact-json";
import { decodeCursor, encodeCursor } from "@/lib/contacts/cursor";
import { saveContacts } from "@/lib/contacts/store";
import { eventLoopPacer } from "@/lib/event-loop";
import { holdsNul } from "@/lib/http/nul";

// Contacts are personal data: reading them needs the same "write"
// permission (a manager key) as storing them; an analyst key gets 403.

const envelope = z.strictObject({ contacts: z.array(z.unknown()) });

/** Upsert by email within the workspace, all or nothing: 200 { created, updated }; 422 lists every bad field. */
export const POST = apiRoute(async (request: Request) => {
  const caller = await authenticate(request, "write");
  const shape = envelope.safeParse(await readJson(request));
  if (!shape.success) return zodProblem(shape.error, 'Send { "contacts": [ … ] }.');
  const raw = shape.data.contacts;
  if (raw.length === 0 || raw.length > contactsPerRequest) {
    const message = raw.length === 0 ? "Send at least one contact." : `At most ${contactsPerRequest.toLocaleString("en")} contacts per request.`;
    return problem(422, message, { errors: [{ path: "contacts", message }] });
  }
  const errors: ProblemField[] = [];
  const contacts: ContactInput[] = [];
  const firstIndexOf = new Map<string, number>();
  const pace = eventLoopPacer();
  for (let i = 0; i < raw.length; i++) {
    await pace();
    const parsed = contactSchema.safeParse(raw[i]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
        const message = keys.length > 0 ? `Unknown field${keys.length > 1 ? "s" : ""}: ${keys.join(", ")}.` : describeIssue(issue.message);
        errors.push({ path: ["contacts", i, ...issue.path].map(String).join("."), message });
      }
      continue;
    }
    const email = normalizeEmail(parsed.data.email);
    const first = firstIndexOf.get(email);
    if (first !== undefined) errors.push({ path: `contacts.${i}.email`, message: `This email is also at contacts.${first}.` });
    else firstIndexOf.set(email, i);
    contacts.push(parsed.data);
  }
  if (errors.length > 0) return problem(422, "Some contacts are not valid; nothing was stored.", { errors });
  return Response.json(await saveContacts(caller.workspaceId, contacts));
});

/** A page of the workspace's contacts in email order: { contacts, next } (next: the cursor of the following page, or null). */
export const GET = apiRoute(async (request: Request) => {
  const caller = await authenticate(request, "write");
  const params = new URL(request.url).searchParams;
  const query = Object.fromEntries(params);
  if (holdsNul(query)) return problem(400, "Text may not contain the NUL character (\\u0000).");
  const parsed = contactsQuerySchema.safeParse(query);
  if (!parsed.success) return zodProblem(parsed.error);
  const { segment, q, cursor, limit } = parsed.data;
  const after = cursor ? decodeCursor(cursor) : null;
  if (cursor && after === null)
    return problem(400, "The cursor is not one this API handed out.", { errors: [{ path: "cursor", message: "Unknown cursor." }] });
  const page = await listContacts(getDb(), caller.workspaceId, { segment: segment || undefined, search: q, after, limit });
  return Response.json({ contacts: page.contacts.map(contactJson), next: page.next === null ? null : encodeCursor(page.next) });
});
