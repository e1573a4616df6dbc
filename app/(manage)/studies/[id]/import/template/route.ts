import { getDb } from "@/db/client";
import { findStudy, latestVersion } from "@/db/queries/studies";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { contentDisposition } from "@/lib/exports/export-response";
import { csvLine, utf8Bom } from "@/lib/exports/csv";
import { exportLayout, wideHeader } from "@/lib/exports/raw-responses";
import { plainText, seeOther } from "@/lib/http/plain-response";

// An empty import file to fill in: the wide format's header for the study's
// latest version (the columns an export of it has, reverse-scored items
// marked _R), as UTF-8 CSV with a byte-order mark. Who may import may have it.

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return seeOther("/sign-in");
  if (!can(user.role, "write")) return seeOther("/forbidden");
  const { id } = await params;
  const study = id.length <= 100 ? await findStudy(getDb(), user.workspaceId, id) : undefined;
  if (!study) return plainText(404, "Not found.");
  const version = await latestVersion(getDb(), study.id);
  if (!version) return seeOther(`/studies/${study.id}/import?error=unpublished`);
  return new Response(utf8Bom + csvLine(wideHeader(exportLayout([version]))), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(`${study.name} import template`, "wide"),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
