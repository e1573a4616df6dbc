import { getDb, transaction } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { getCurrentUser } from "@/lib/auth/current-user";
import { crossSite } from "@/lib/http/cross-site";
import { plainText, seeOther } from "@/lib/http/plain-response";
import { readLimited } from "@/lib/http/read-limited";
import { can } from "@/lib/auth/roles";
import { importFile } from "@/lib/imports/import-file";
import { importLimits } from "@/lib/imports/plan";
import { recordOf, saveUpload } from "@/lib/imports/upload-store";

// The CSV upload of the import page. A route handler rather than a server
// action: server actions share one body limit (256 kB, next.config.js),
// which protects the public survey's actions and should stay small; only
// this endpoint takes files, up to the import limit.
//
// Access: a signed-in member with write permission of the study's
// workspace. Redirects are 303 (a 307 would make the browser post the file
// again to /forbidden). The session cookie is SameSite=Lax, so another site
// cannot post here with it; the Origin check is a second line.

type Context = { params: Promise<{ id: string }> };

// The multipart envelope around the file: boundaries, field names, the sign.
const envelopeBytes = 64 * 1024;

export async function POST(request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return seeOther("/sign-in");
  if (!can(user.role, "write")) return seeOther("/forbidden");
  if (crossSite(request.headers)) return plainText(403, "Cross-site upload refused.");
  const { id } = await params;
  const study = await findStudy(getDb(), user.workspaceId, id);
  if (!study) return plainText(404, "Not found.");
  const page = `/studies/${study.id}/import`;

  const body = await readLimited(request, importLimits.bytes + envelopeBytes);
  if (!body) return seeOther(`${page}?error=tooLarge`);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return seeOther(`${page}?error=noFile`);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return seeOther(`${page}?error=noFile`);
  if (file.size > importLimits.bytes) return seeOther(`${page}?error=tooLarge`);
  const sign = form.get("sign") === "p-e" ? "p-e" : "e-p";
  const dryRun = form.get("intent") !== "import";

  const bytes = new Uint8Array(await file.arrayBuffer());
  const outcome = await importFile(study, bytes, { sign, dryRun });
  if (outcome.status === "unpublished") return seeOther(`${page}?error=unpublished`);
  const record = recordOf(outcome, {
    workspaceId: user.workspaceId,
    studyId: study.id,
    fileName: file.name.slice(0, 200),
    bytes: file.size,
    sign,
    createdAt: Date.now(),
  });
  // Only a clean, checked file is kept, to be imported from the report page.
  const token = await transaction((tx) => saveUpload(tx, record, outcome.status === "checked" ? bytes : null));
  return seeOther(`${page}?file=${token}`);
}
