"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { fieldErrorsOf, formOf } from "@/lib/forms/form-state";
import {
  addCriterion,
  addItem,
  moveCriterion,
  moveItem,
  moveItemToCriterion,
  removeCriterion,
  removeItem,
  saveWeights,
  splitWeightsEqually,
  updateCriterionText,
  updateItemContent,
} from "@/lib/studies/draft";
import { absoluteUrl } from "@/lib/http/public-origin";
import { publishFromDesigner } from "@/lib/studies/publish";
import { regenerateItems } from "@/lib/studies/regenerate";
import {
  criterionIntents,
  criterionTextSchema,
  itemFormSchema,
  newCriterionFormSchema,
  newItemFormSchema,
  parseWeightsForm,
  readLocalizedText,
} from "@/lib/validation/study";
import type { DesignState } from "@/ui/study/design-state";
import { idSchema } from "@/lib/validation/ids";
import type { LocalizedText } from "@/lib/i18n/localized-text";

// Every action: the write permission first (an analyst is redirected to
// /forbidden before anything is read), then the study within the caller's
// workspace, then one transaction in lib/studies.

function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

async function scope(form: FormData) {
  const user = await requirePermission("write");
  const studyId = idSchema.safeParse(field(form, "studyId"));
  const study = studyId.success ? await findStudy(getDb(), user.workspaceId, studyId.data) : undefined;
  return { user, study };
}

function refresh(studyId: string) {
  revalidatePath(`/studies/${studyId}`, "layout");
}

const sent = (text: LocalizedText) => (Object.keys(text).length > 0 ? text : undefined);

function textValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value.slice(0, 2000);
  }
  return values;
}

/**
 * The weights form's buttons: save, split equally, and "Publish version N"
 * (the publish panel's button submits this form, so the weights typed there
 * go out with the version, with or without JavaScript).
 */
export async function saveWeightsAction(_prev: DesignState, form: FormData): Promise<DesignState> {
  form = formOf(form);
  const { user, study } = await scope(form);
  if (!study) return { message: "notFound" };
  if (field(form, "intent") === "publish") return publish(form, user, study.id);
  if (field(form, "intent") === "equal") {
    const result = await splitWeightsEqually(user.workspaceId, study.id);
    if (!result.ok) return { message: result.code };
    refresh(study.id);
    return { ok: true, message: "weightsSplit", intent: "equal" };
  }
  const values = textValues(form);
  const parsed = parseWeightsForm(form.entries());
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, message: parsed.sumError ?? "fixWeights", values };
  const result = await saveWeights(user.workspaceId, study.id, parsed.points);
  if (!result.ok) return { message: result.code, values };
  refresh(study.id);
  return { ok: true, message: "weightsSaved", intent: "save" };
}

export async function criterionAction(_prev: DesignState, form: FormData): Promise<DesignState> {
  form = formOf(form);
  const { user, study } = await scope(form);
  if (!study) return { message: "notFound" };
  const intent = z.enum(criterionIntents).safeParse(field(form, "intent"));
  const criterionId = idSchema.safeParse(field(form, "criterionId"));
  if (!intent.success || !criterionId.success) return { message: "invalid" };
  let result;
  if (intent.data === "save") {
    const parsed = criterionTextSchema.safeParse({
      name: readLocalizedText(form, "name", study.languages),
      description: readLocalizedText(form, "description", study.languages),
      // Absent from a form that does not carry them (unchanged); blank = the default.
      customerTitle: sent(readLocalizedText(form, "customerTitle", study.languages)),
      customerDescription: sent(readLocalizedText(form, "customerDescription", study.languages)),
    });
    if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: textValues(form), intent: "save" };
    result = await updateCriterionText(user.workspaceId, study.id, criterionId.data, parsed.data);
  } else if (intent.data === "remove") {
    result = await removeCriterion(user.workspaceId, study.id, criterionId.data);
  } else {
    result = await moveCriterion(user.workspaceId, study.id, criterionId.data, intent.data);
  }
  if (!result.ok) return { message: result.code, values: textValues(form), intent: intent.data };
  refresh(study.id);
  return { ok: true, message: intent.data === "save" ? "criterionSaved" : undefined, intent: intent.data };
}

export async function addCriterionAction(_prev: DesignState, form: FormData): Promise<DesignState> {
  form = formOf(form);
  const { user, study } = await scope(form);
  if (!study) return { message: "notFound" };
  const parsed = newCriterionFormSchema.safeParse({
    name: readLocalizedText(form, "name", study.languages),
    description: readLocalizedText(form, "description", study.languages),
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: textValues(form) };
  const result = await addCriterion(user.workspaceId, study.id, parsed.data);
  if (!result.ok) return { message: result.code, values: textValues(form) };
  refresh(study.id);
  return { ok: true, message: "criterionAdded" };
}

export async function itemAction(_prev: DesignState, form: FormData): Promise<DesignState> {
  form = formOf(form);
  const { user, study } = await scope(form);
  if (!study) return { message: "notFound" };
  const parsed = itemFormSchema.safeParse({
    intent: field(form, "intent"),
    itemId: field(form, "itemId"),
    text: readLocalizedText(form, "text", study.languages),
    reverse: field(form, "reverse"),
    locked: field(form, "locked"),
    targetCriterionId: field(form, "targetCriterionId") || undefined,
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: textValues(form), intent: field(form, "intent") };
  const { intent, itemId } = parsed.data;
  const ws = user.workspaceId;
  let result;
  if (intent === "remove") result = await removeItem(ws, study.id, itemId);
  else if (intent === "move") {
    if (!parsed.data.targetCriterionId) return { message: "chooseCriterion", values: textValues(form), intent };
    result = await moveItemToCriterion(ws, study.id, itemId, parsed.data.targetCriterionId);
  } else {
    // Saving first means a move up/down never loses an edit typed just before.
    result = await updateItemContent(ws, study.id, itemId, { text: parsed.data.text, reverse: parsed.data.reverse, locked: parsed.data.locked });
    if (result.ok && intent !== "save") result = await moveItem(ws, study.id, itemId, intent);
  }
  if (!result.ok) return { message: result.code, values: textValues(form), intent };
  refresh(study.id);
  return { ok: true, message: intent === "save" ? "itemSaved" : intent === "move" ? "itemMoved" : undefined, intent };
}

export async function addItemAction(_prev: DesignState, form: FormData): Promise<DesignState> {
  form = formOf(form);
  const { user, study } = await scope(form);
  if (!study) return { message: "notFound" };
  const parsed = newItemFormSchema.safeParse({
    criterionId: field(form, "criterionId"),
    text: readLocalizedText(form, "text", study.languages),
    reverse: field(form, "reverse"),
  });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: textValues(form) };
  const result = await addItem(user.workspaceId, study.id, parsed.data.criterionId, parsed.data);
  if (!result.ok) return { message: result.code, values: textValues(form) };
  refresh(study.id);
  return { ok: true, message: "itemAdded" };
}

export async function regenerateAction(_prev: DesignState, form: FormData): Promise<DesignState> {
  form = formOf(form);
  const { user, study } = await scope(form);
  if (!study) return { message: "notFound" };
  const criterionId = field(form, "criterionId") || null;
  const result = await regenerateItems(user.workspaceId, study.id, criterionId);
  if (!result.ok) return { message: result.code };
  refresh(study.id);
  if (result.custom.length > 0 && criterionId) return { ok: true, message: "regeneratedCustom", kept: result.kept };
  // Out of never-shown questions: say so instead of passing repeats off as new.
  if (result.noNew.length > 0 && criterionId) return { ok: true, message: "regeneratedNoNew", kept: result.kept, fresh: result.noNew[0].fresh };
  if (result.noNew.length > 0) return { ok: true, message: "regeneratedSomeNoNew", kept: result.kept, count: result.noNew.length };
  return { ok: true, message: "regenerated", kept: result.kept };
}

async function publish(form: FormData, user: { workspaceId: string; userId: string }, studyId: string): Promise<DesignState> {
  const values = textValues(form);
  const sent = [...form.keys()].some((key) => key.startsWith("weight:"));
  let points: Record<string, number> | null = null;
  if (sent) {
    const parsed = parseWeightsForm(form.entries());
    // Weights that cannot be saved hold the version back: it would go out with other weights than those on screen.
    if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, message: "publishWeights", values, intent: "publish" };
    points = parsed.points;
  }
  const result = await publishFromDesigner(user.workspaceId, studyId, user.userId, points);
  if (!result.ok) {
    if (result.reason === "notFound") return { message: "notFound", intent: "publish" };
    if (result.reason === "weights")
      return { message: result.code === "staleWeights" ? "publishStale" : "publishWeights", values, intent: "publish" };
    if (result.reason === "unchanged") return { message: "publishUnchanged", version: result.version, intent: "publish" };
    return { message: "publishRefused", values, intent: "publish", problemCount: result.problems.length };
  }
  refresh(studyId);
  return {
    ok: true,
    message: "published",
    intent: "publish",
    version: result.version,
    surveyUrl: absoluteUrl(result.surveyPath, await headers()),
  };
}
