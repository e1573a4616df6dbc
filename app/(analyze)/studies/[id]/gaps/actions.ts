"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { insertLink, listLinks, revokeLink } from "@/db/queries/links";
import { findStudy, lockStudy } from "@/db/queries/studies";
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
  const study = await findStudy(getDb(), user.workspaceId, parsed.data.studyId);
  if (!study) notFound();
  const now = Date.now();
  await transaction(async (tx) => {
    // lockStudy: the live links are read, then revoked and replaced; a second
    // click at once waits, so a perspective never keeps two live links.
    await lockStudy(tx, study.id);
    for (const link of await listLinks(tx, study.id, "internal")) {
      if (link.perspective === parsed.data.perspective && !link.revokedAt) await revokeLink(tx, study.id, link.id, now);
    }
    await insertLink(tx, { studyId: study.id, kind: "internal", token: newToken(), perspective: parsed.data.perspective });
  });
  revalidatePath(`/studies/${study.id}/gaps`);
}
