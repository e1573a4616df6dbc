"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { openOrCreateDemo } from "@/lib/demo/explore-demo";
import { deleteStudyCompletely } from "@/lib/studies/delete-study";
import { formOf } from "@/lib/forms/form-state";
import { idSchema } from "@/lib/validation/ids";

/**
 * "Explore a demo": opens the workspace's demo study, creating it first when
 * there is none. Generation takes about 1.5 s, so the button's pending state
 * is all the progress shown; a failure rolls back and is reported on the list.
 */
export async function exploreDemoAction(): Promise<void> {
  const user = await requirePermission("write");
  let studyId: string;
  try {
    studyId = (await openOrCreateDemo(user.workspaceId, user.userId)).studyId;
  } catch (error) {
    console.error("The demo study could not be created:", error);
    redirect("/studies?demo=failed");
  }
  revalidatePath("/studies");
  redirect(`/studies/${studyId}/results`);
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
