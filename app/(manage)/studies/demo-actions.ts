"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { startDemo } from "@/lib/demo/demo-job";
import { deleteStudyCompletely } from "@/lib/studies/delete-study";
import { formOf } from "@/lib/forms/form-state";
import { idSchema } from "@/lib/validation/ids";

/**
 * "Explore a demo": opens the workspace's demo study, or queues the job that
 * creates it (a click while it runs finds the same job) and follows it on
 * /studies/demo. A failure rolls back and is reported on the list.
 */
export async function exploreDemoAction(): Promise<void> {
  const user = await requirePermission("write");
  let started: Awaited<ReturnType<typeof startDemo>>;
  try {
    started = await startDemo(user.workspaceId, user.userId, { userId: user.userId });
  } catch (error) {
    console.error("The demo job could not be queued:", error);
    redirect("/studies?demo=failed");
  }
  if ("job" in started) redirect(`/studies/demo?job=${started.job}`);
  revalidatePath("/studies");
  redirect(`/studies/${started.studyId}/results`);
}

/** "Remove demo": deletes a demo study and every row of it. Refuses any study not marked as a demo. */
export async function removeDemoAction(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const studyId = idSchema.safeParse(form.get("studyId"));
  const study = studyId.success ? await findStudy(getDb(), user.workspaceId, studyId.data) : undefined;
  if (study?.isDemo) await deleteStudyCompletely(user.workspaceId, study.id);
  revalidatePath("/studies");
  redirect(study?.isDemo ? "/studies?demo=removed" : "/studies");
}
