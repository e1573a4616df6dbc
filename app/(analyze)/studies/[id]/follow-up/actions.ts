"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { findCaseForUpdate, insertCase, insertCaseNote, isMember, moveCase, updateCase } from "@/db/queries/cases";
import { deleteResponseContact } from "@/db/queries/response-contacts";
import { findStudy } from "@/db/queries/studies";
import { requirePermission, type CurrentUser } from "@/lib/auth/current-user";
import { formOf } from "@/lib/forms/form-state";
import { caseChangeSchema, caseErrorOf, dueAtOf, openCaseSchema, removeContactSchema, type CaseError } from "@/lib/results/follow-up";

// The case list's changes. Managers and owners only: requirePermission sends
// an analyst's (or anyone's forged) POST to the forbidden page before
// anything is read or changed. Each change is one transaction; every outcome
// comes back to the list with the view it was made from.

type Outcome = { error: CaseError } | { anchor: string };

async function studyFor(user: CurrentUser, studyId: unknown) {
  // Bound by the page, but a forged call can bind anything.
  const study = typeof studyId === "string" && studyId.length <= 100 ? await findStudy(getDb(), user.workspaceId, studyId) : undefined;
  if (!study) redirect("/studies");
  return study;
}

function fieldsOf(form: FormData): Record<string, string> {
  return Object.fromEntries([...formOf(form).entries()].filter((e): e is [string, string] => !e[0].startsWith("$") && typeof e[1] === "string"));
}

/** Back to the list with the view it was posted from, and the outcome. */
function back(studyId: string, fields: Record<string, string>, outcome: Outcome): never {
  const path = `/studies/${studyId}/follow-up`;
  revalidatePath(path);
  const query = typeof fields.back === "string" && /^(\?[^#]*)?$/.test(fields.back) && fields.back.length <= 2000 ? fields.back : "";
  const params = new URLSearchParams(query.slice(1));
  params.delete("error");
  if ("error" in outcome) params.set("error", outcome.error);
  const text = params.toString();
  redirect(`${path}${text ? `?${text}` : ""}${"anchor" in outcome ? `#${outcome.anchor}` : ""}`);
}

function refused(studyId: string, fields: Record<string, string>, error: z.ZodError): never {
  back(studyId, fields, { error: caseErrorOf(error) });
}

/** One change to one case: a move (open → contacted → resolved, or reopen), the assignee, the due date, or a note. */
export async function changeCase(studyId: string, form: FormData): Promise<void> {
  const user = await requirePermission("write");
  const study = await studyFor(user, studyId);
  const fields = fieldsOf(form);
  const parsed = caseChangeSchema.safeParse(fields);
  if (!parsed.success) refused(study.id, fields, parsed.error);
  const change = parsed.data;
  const now = Date.now();
  const outcome = await transaction(async (tx): Promise<Outcome> => {
    // Locked until the transaction ends (PostgreSQL): a note or an assignment
    // and a concurrent move of the same case are applied one after the other.
    const found = await findCaseForUpdate(tx, study.id, change.caseId);
    if (!found) return { error: "notFound" };
    const anchor = `case-${found.id}`;
    switch (change.intent) {
      case "move":
        // Conditional on the state the user saw: a second click, or a colleague's move in between, changes nothing.
        return (await moveCase(tx, study.id, found.id, change.from, change.to, now)) === 1 ? { anchor } : { error: "stale" };
      case "assign":
        if (change.assignee !== "" && !(await isMember(tx, user.workspaceId, change.assignee))) return { error: "notMember" };
        await updateCase(tx, found.id, { assigneeId: change.assignee || null, updatedAt: now });
        return { anchor };
      case "due":
        await updateCase(tx, found.id, { dueAt: dueAtOf(change.due, user.timeZone), updatedAt: now });
        return { anchor };
      case "note":
        await insertCaseNote(tx, { caseId: found.id, authorId: user.userId, text: change.text, now });
        await updateCase(tx, found.id, { updatedAt: now });
        return { anchor };
    }
  });
  back(study.id, fields, outcome);
}

/** Opens a case by hand on a response with a shortfall (the study may have no alert rule). */
export async function openCase(studyId: string, form: FormData): Promise<void> {
  const user = await requirePermission("write");
  const study = await studyFor(user, studyId);
  const fields = fieldsOf(form);
  const parsed = openCaseSchema.safeParse(fields);
  if (!parsed.success) refused(study.id, fields, parsed.error);
  const opened = await transaction((tx) =>
    insertCase(tx, { studyId: study.id, responseId: parsed.data.responseId, origin: "manual", now: Date.now() }),
  );
  // Null: not a submitted response of this study, or it has a case already (the unique index decided).
  if (opened === null) back(study.id, fields, { error: "hasCase" });
  back(study.id, { back: "" }, { anchor: `case-${opened}` });
}

/**
 * Removes the contact details a customer gave on the survey's consent step,
 * on their request: the response and its ratings stay, the case stays and
 * becomes anonymous. Needs the confirmation box ticked.
 */
export async function removeCaseContact(studyId: string, form: FormData): Promise<void> {
  const user = await requirePermission("write");
  const study = await studyFor(user, studyId);
  const fields = fieldsOf(form);
  const parsed = removeContactSchema.safeParse(fields);
  if (!parsed.success) refused(study.id, fields, parsed.error);
  const outcome = await transaction(async (tx): Promise<Outcome> => {
    const found = await findCaseForUpdate(tx, study.id, parsed.data.caseId);
    if (!found) return { error: "notFound" };
    if (!(await deleteResponseContact(tx, found.responseId))) return { error: "notFound" };
    await updateCase(tx, found.id, { updatedAt: Date.now() });
    return { anchor: `case-${found.id}` };
  });
  back(study.id, fields, outcome);
}
