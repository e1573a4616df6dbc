import { getDb } from "@/db/client";
import { listInvites } from "@/db/queries/links";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { plainText } from "@/lib/http/plain-response";
import { publicOrigin } from "@/lib/http/public-origin";
import { csvLine, utf8Bom } from "@/lib/exports/csv";

type Context = { params: Promise<{ id: string }> };

/** The study's invite links as CSV (all, or one batch with ?batch=<created ms>), for a mail merge. */
export async function GET(request: Request, { params }: Context) {
  const user = await requirePermission("write");
  const study = await findStudy(getDb(), user.workspaceId, (await params).id);
  if (!study) return plainText(404, "Not found.");
  const batchParam = new URL(request.url).searchParams.get("batch");
  const batch = batchParam && /^\d{1,15}$/.test(batchParam) ? Number(batchParam) : null;
  const origin = publicOrigin(request.headers);
  const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());
  const lines = [csvLine(["url", "segment", "status", "created_at", "used_at"])];
  for (const invite of await listInvites(getDb(), study.id, batch)) {
    const status = invite.usedAt !== null ? "used" : invite.revokedAt !== null ? "revoked" : "unused";
    lines.push(csvLine([`${origin}/s/${invite.token}`, invite.segment, status, iso(invite.createdAt), iso(invite.usedAt)]));
  }
  const stamp = batch !== null ? new Date(batch).toISOString().slice(0, 19).replace(/[-:T]/g, "") : "all";
  return new Response(utf8Bom + lines.join(""), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="invites-${stamp}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
