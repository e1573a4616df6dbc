"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { findJob, requestCancel } from "@/db/queries/jobs";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { formOf } from "@/lib/forms/form-state";
import { importCheckedFile } from "@/lib/imports/import-job";
import { idSchema } from "@/lib/validation/ids";

// The buttons of an import job's page: import what a check found clean (a
// new job, on any instance's worker), or stop a job that has not ended.

const jobForm = z.object({ studyId: idSchema, job: idSchema });

/** The signed-in manager, the study of their workspace and the job id the form names, or back to the studies. */
async function jobFormOf(input: FormData) {
  const user = await requirePermission("write");
  const parsed = jobForm.safeParse(Object.fromEntries(formOf(input)));
  if (!parsed.success) redirect("/studies");
  const study = await findStudy(getDb(), user.workspaceId, parsed.data.studyId);
  if (!study) redirect("/studies");
  return { user, page: `/studies/${study.id}/import`, studyId: study.id, job: parsed.data.job };
}

export async function importChecked(input: FormData): Promise<void> {
  const { user, page, studyId, job } = await jobFormOf(input);
  const queued = await importCheckedFile(user.workspaceId, studyId, job, `user:${user.userId}`);
  redirect(queued ? `${page}?job=${queued}` : `${page}?error=unknownJob`);
}

export async function cancelImport(input: FormData): Promise<void> {
  const { user, page, studyId, job } = await jobFormOf(input);
  const found = await findJob(getDb(), user.workspaceId, job);
  if (!found || found.kind !== "import" || found.studyId !== studyId) redirect(`${page}?error=unknownJob`);
  // An ended job is left as it is; its page then shows how it ended.
  await transaction((tx) => requestCancel(tx, user.workspaceId, job, Date.now()));
  redirect(`${page}?job=${job}`);
}
