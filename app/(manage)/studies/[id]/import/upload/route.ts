import { getDb } from "@/db/client";
import { findStudy, latestVersion } from "@/db/queries/studies";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { crossSite } from "@/lib/http/cross-site";
import { streamMultipart } from "@/lib/http/multipart-stream";
import { plainText, seeOther } from "@/lib/http/plain-response";
import { receiveImport } from "@/lib/imports/import-job";
import { encodingChoices } from "@/lib/imports/csv-records";
import { importLimits } from "@/lib/imports/plan";

// The CSV upload of the import page. A route handler rather than a server
// action: server actions share one body limit (256 kB, next.config.js),
// which protects the public survey's actions and should stay small; only
// this endpoint takes files, up to the import limit. The file streams into
// the job store as it arrives (never whole in memory) and a worker checks
// or imports it; the page follows the job at ?job=….
//
// Access: a signed-in member with write permission of the study's
// workspace. Redirects are 303 (a 307 would make the browser post the file
// again to /forbidden). The session cookie is SameSite=Lax, so another site
// cannot post here with it; the Origin check is a second line.
//
// The job's settings are fixed when the file starts to arrive, so they come
// before it: `sign` is a field placed before the file input, and `intent`
// rides in the URL (each submit button's formAction), because a browser
// sends the pressed button's own name and value after the file. A post
// whose fields all follow the file gets a check with the default sign, the
// choice that writes nothing.

type Context = { params: Promise<{ id: string }> };

// The multipart envelope around the file: boundaries, headers, the fields.
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
  // Refused before a byte is stored (the worker checks again when it runs).
  if (!(await latestVersion(getDb(), study.id))) return seeOther(`${page}?error=unpublished`);

  const query = new URL(request.url).searchParams;
  const form = await streamMultipart(request, { fileField: "file", maxBodyBytes: importLimits.bytes + envelopeBytes }, (file) =>
    receiveImport({
      workspaceId: user.workspaceId,
      studyId: study.id,
      createdBy: `user:${user.userId}`,
      sign: file.fields.get("sign") === "p-e" ? "p-e" : "e-p",
      encoding: encodingChoices.find((e) => e === file.fields.get("encoding")) ?? "auto",
      dryRun: (query.get("intent") ?? file.fields.get("intent")) !== "import",
      // Shown on the page; control characters have no business in a file name (and PostgreSQL's json refuses NUL).
      fileName: file.name.replace(/[\u0000-\u001f\u007f]/g, ""),
      source: file.content,
    }),
  );
  if (form.status === "tooLarge") return seeOther(`${page}?error=tooLarge`);
  if (form.status !== "received") return seeOther(`${page}?error=noFile`);
  if ("refused" in form.value) return seeOther(`${page}?error=tooLarge`);
  return seeOther(`${page}?job=${form.value.job}`);
}
