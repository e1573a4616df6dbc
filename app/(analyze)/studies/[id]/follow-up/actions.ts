"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb, transaction } from "@/db/client";
import { setFollowUp } from "@/db/queries/responses";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { followUpSchema } from "@/lib/results/follow-up";
import { formOf } from "@/lib/forms/form-state";

/**
 * Marks one response of the study as followed up (with an optional note),
 * or reopens it. Managers and owners only: an analyst's POST is redirected
 * to the forbidden page before anything changes.
 */
export async function recordFollowUp(studyId: string, form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  // Bound by the page, but a forged call can bind anything.
  const study = typeof studyId === "string" && studyId.length <= 100 ? await findStudy(getDb(), user.workspaceId, studyId) : undefined;
  if (!study) redirect("/studies");
  const path = `/studies/${study.id}/follow-up`;
  const fields = Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith("$")));
  const parsed = followUpSchema.safeParse(fields);
  if (!parsed.success) {
    const back = typeof fields.back === "string" && /^(\?[^#]*)?$/.test(fields.back) ? fields.back : "";
    const params = new URLSearchParams(back.slice(1));
    params.set("error", parsed.error.issues[0]?.message === "tooLong" ? "tooLong" : "invalid");
    redirect(`${path}?${params}`);
  }
  const { responseId, note, intent } = parsed.data;
  const done = intent === "done";
  const changed = await transaction((tx) => setFollowUp(tx, study.id, responseId, done ? Date.now() : null, done && note ? note : null));
  revalidatePath(path);
  const params = new URLSearchParams((parsed.data.back ?? "").slice(1));
  params.delete("error");
  if (changed === 0) params.set("error", "invalid");
  const query = params.toString();
  redirect(`${path}${query ? `?${query}` : ""}${changed ? `#r-${responseId}` : ""}`);
}
