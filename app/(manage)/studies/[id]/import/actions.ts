"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { formOf } from "@/lib/forms/form-state";
import { importFile } from "@/lib/imports/import-file";
import { loadUpload, recordOf, removeUpload, replaceUpload } from "@/lib/imports/upload-store";
import { idSchema } from "@/lib/validation/ids";

// Imports a file that "Check file" found clean (its token, on any instance),
// or forgets it. The file is planned again before storing: the study may
// have changed since the check. One transaction: all of it or none.

const uploadForm = z.object({ studyId: idSchema, token: z.string().min(1).max(100) });

/** The signed-in manager, the study of their workspace and the upload's token the form names, or back to the studies. */
async function uploadOf(input: FormData) {
  const user = await requirePermission("write");
  const parsed = uploadForm.safeParse(Object.fromEntries(formOf(input)));
  if (!parsed.success) redirect("/studies");
  const study = await findStudy(getDb(), user.workspaceId, parsed.data.studyId);
  if (!study) redirect("/studies");
  return { user, study, token: parsed.data.token };
}

export async function importChecked(input: FormData): Promise<void> {
  const { user, study, token } = await uploadOf(input);
  const page = `/studies/${study.id}/import`;
  const upload = await loadUpload(getDb(), token, user.workspaceId, study.id);
  const file = upload?.record.status === "checked" ? upload.file : null;
  if (!upload || !file) redirect(`${page}?error=expired`);
  const outcome = await importFile(study, file, { sign: upload.record.sign, dryRun: false });
  if (outcome.status === "unpublished") redirect(`${page}?error=unpublished`);
  await transaction((tx) => replaceUpload(tx, token, recordOf(outcome, upload.record)));
  revalidatePath(`/studies/${study.id}`, "layout");
  redirect(`${page}?file=${token}`);
}

export async function discardUpload(input: FormData): Promise<void> {
  const { user, study, token } = await uploadOf(input);
  await transaction((tx) => removeUpload(tx, token, user.workspaceId, study.id));
  redirect(`/studies/${study.id}/import`);
}
