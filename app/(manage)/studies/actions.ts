"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/current-user";
import { echoValues, type FormState, formOf } from "@/lib/forms/form-state";
import { createStudy } from "@/lib/studies/create-study";
import { setArchived, updateStudySettings } from "@/lib/studies/settings";
import { readStudyForm, studyCreateFormSchema, studySettingsFormSchema } from "@/lib/validation/study";
import { idSchema } from "@/lib/validation/ids";

/** Errors by top-level field: a bad segment line is reported at "segments", not "segments.3". */
function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_form");
    if (!out[key]?.includes(issue.message)) (out[key] ??= []).push(issue.message);
  }
  return out;
}

function refill(form: FormData): Record<string, string> {
  // Checkbox groups post several values under one name; echoValues keeps one.
  return { ...echoValues(form), languages: form.getAll("languages").join(","), askImportance: form.get("askImportance") ? "on" : "" };
}

/** Creates the study with its preset criteria, equal weights and proposed questions, then opens the designer. */
export async function createStudyAction(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = studyCreateFormSchema.safeParse(readStudyForm(form, true));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: refill(form) };
  const created = await createStudy(user.workspaceId, { ...parsed.data, seed: undefined });
  revalidatePath("/studies");
  redirect(`/studies/${created.id}/design?created=1`);
}

export async function updateSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const studyId = idSchema.safeParse(form.get("studyId"));
  if (!studyId.success) return { message: "notFound" };
  const parsed = studySettingsFormSchema.safeParse(readStudyForm(form));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: refill(form) };
  const result = await updateStudySettings(user.workspaceId, studyId.data, parsed.data);
  if (!result.ok) return { message: result.code, values: refill(form) };
  revalidatePath(`/studies/${studyId.data}`, "layout");
  redirect(`/studies/${studyId.data}?saved=1`);
}

export async function archiveAction(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const studyId = idSchema.safeParse(form.get("studyId"));
  if (!studyId.success) return;
  await setArchived(user.workspaceId, studyId.data, form.get("archived") === "1");
  revalidatePath("/studies");
  revalidatePath(`/studies/${studyId.data}`, "layout");
}
