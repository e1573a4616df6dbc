"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getConnection } from "@/db/client";
import { insertLink, listLinks, revokeLink } from "@/db/queries/links";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { newToken } from "@/lib/auth/tokens";
import { perspectives } from "@/lib/scoring/types";
import { formOf } from "@/lib/forms/form-state";
import { idSchema } from "@/lib/validation/ids";

const linkForm = z.object({ studyId: idSchema, perspective: z.enum(perspectives) });

/**
 * Creates the perspective's internal link, or replaces it with a new one
 * (the old token stops working at once). One transaction.
 */
export async function regenerateInternalLink(form: FormData): Promise<void> {
  form = formOf(form);
  const user = await requirePermission("write");
  const parsed = linkForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return;
  const study = findStudy(user.workspaceId, parsed.data.studyId);
  if (!study) notFound();
  const now = Date.now();
  getConnection().db.transaction((tx) => {
    for (const link of listLinks(study.id, "internal", tx)) {
      if (link.perspective === parsed.data.perspective && !link.revokedAt) revokeLink(study.id, link.id, now, tx);
    }
    insertLink({ studyId: study.id, kind: "internal", token: newToken(), perspective: parsed.data.perspective }, tx);
  });
  revalidatePath(`/studies/${study.id}/gaps`);
}
