"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/auth/current-user";
import { alertRuleFormSchema, alertRuleInputSchema } from "@/lib/follow-up/alert-rule";
import { saveAlertRule } from "@/lib/follow-up/alert-settings";
import { echoValues, fieldErrorsOf, formOf, type FormState } from "@/lib/forms/form-state";
import { idSchema } from "@/lib/validation/ids";

// The Distribute page's "Follow-up and alerts" form: owners and managers set
// the study's alert rule and whether the survey asks for consent to be
// contacted. Analysts (and other workspaces' ids) change nothing.

/** The submitted values to refill the form, the checked members joined by newlines. */
function echo(form: FormData): Record<string, string> {
  return {
    ...echoValues(form),
    notify: form
      .getAll("notify")
      .filter((v) => typeof v === "string")
      .join("\n"),
  };
}

export async function saveFollowUpSettings(_prev: FormState, form: FormData): Promise<FormState> {
  form = formOf(form);
  const user = await requirePermission("write");
  const raw = { ...Object.fromEntries(form), notify: form.getAll("notify").filter((v) => typeof v === "string") };
  const shape = alertRuleFormSchema.safeParse(raw);
  if (!shape.success) return { fieldErrors: fieldErrorsOf(shape.error), values: echo(form) };
  if (!idSchema.safeParse(shape.data.studyId).success) return { message: "studyNotFound" };
  const rule = alertRuleInputSchema.safeParse(shape.data.rule);
  if (!rule.success) return { fieldErrors: fieldErrorsOf(rule.error), values: echo(form) };
  const outcome = await saveAlertRule({
    workspaceId: user.workspaceId,
    studyId: shape.data.studyId,
    rule: rule.data,
    consentStep: shape.data.consentStep,
  });
  switch (outcome.kind) {
    case "notFound":
      return { message: "studyNotFound" };
    case "unknownMembers":
      return { fieldErrors: { notify: ["unknownMember"] }, values: echo(form) };
    case "unknownCriterion":
      return { fieldErrors: { criterion: ["unknownCriterion"] }, values: echo(form) };
    case "saved":
      revalidatePath(`/studies/${shape.data.studyId}/distribute`);
      return { ok: true, message: "saved" };
  }
}
