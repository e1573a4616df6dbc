import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import type { Permission } from "@/lib/auth/roles";

/** The signed-in member and the study of their workspace, or a 404 (also for another workspace's id). */
export async function loadStudy(params: Promise<{ id: string }>, permission: Permission = "read") {
  const user = await requirePermission(permission);
  const { id } = await params;
  const study = await findStudy(getDb(), user.workspaceId, id);
  if (!study) notFound();
  return { user, study };
}
