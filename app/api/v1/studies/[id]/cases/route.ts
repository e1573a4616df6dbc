import { z } from "zod";
import { getDb } from "@/db/client";
import { listMembers } from "@/db/queries/accounts";
import { invitedContactsOf, lastNotesOfCases, listCases } from "@/db/queries/cases";
import { contactsOfResponses } from "@/db/queries/response-contacts";
import { caseStates } from "@/db/schema";
import { authenticate } from "@/lib/api/auth";
import { describeIssue, problem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { can } from "@/lib/auth/roles";
import { apiCasesLimit } from "@/lib/results/follow-up";

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ state: z.enum(caseStates, `Use one of: ${caseStates.join(", ")}.`).optional() });

/**
 * The study's follow-up cases, newest first, optionally of one state. Any
 * key reads them; the customer's contact details are personal data, so only
 * a manager key gets them (as the contacts API): with a read-only key
 * `contact` is null.
 */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "read");
  const study = await studyOf(caller, (await params).id);
  const search = new URL(request.url).searchParams;
  const parsed = querySchema.safeParse({ state: search.get("state") ?? undefined });
  if (!parsed.success) {
    const message = describeIssue(parsed.error.issues[0]?.message ?? "");
    return problem(422, "The state is not one of open, contacted, resolved.", { errors: [{ path: "state", message }] });
  }
  const db = getDb();
  const rows = await listCases(db, { studyId: study.id, states: parsed.data.state ? [parsed.data.state] : caseStates }, apiCasesLimit);
  const responseIds = rows.map((r) => r.responseId);
  const seesContacts = can(caller.role, "write");
  const [notes, members, invited, consented] = await Promise.all([
    lastNotesOfCases(
      db,
      rows.map((r) => r.id),
    ),
    listMembers(db, caller.workspaceId),
    seesContacts ? invitedContactsOf(db, responseIds) : new Map(),
    seesContacts ? contactsOfResponses(db, responseIds) : new Map(),
  ]);
  const emailOf = new Map(members.map((m) => [m.userId, m.email]));
  return Response.json({
    cases: rows.map((r) => {
      const found = invited.get(r.responseId) ?? consented.get(r.responseId);
      return {
        id: r.id,
        response: r.responseId,
        gap: r.gap,
        segment: r.segment,
        submittedAt: new Date(r.submittedAt).toISOString(),
        contact: found ? { email: found.email, name: found.name, phone: found.phone } : null,
        state: r.state,
        assignee: r.assigneeId ? (emailOf.get(r.assigneeId) ?? null) : null,
        note: notes.get(r.id) ?? null,
        origin: r.origin,
        dueAt: r.dueAt === null ? null : new Date(r.dueAt).toISOString(),
        openedAt: new Date(r.openedAt).toISOString(),
      };
    }),
  });
});
