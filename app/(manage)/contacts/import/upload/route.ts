import { randomUUID } from "node:crypto";
import { getCurrentUser, isHttps } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { contactImportLimits, readContactsFile } from "@/lib/contacts/csv-import";
import { encodeReport, reportCookie, reportCookieSeconds } from "@/lib/contacts/import-report-cookie";
import { saveContacts } from "@/lib/contacts/store";
import { crossSite } from "@/lib/http/cross-site";
import { streamMultipart } from "@/lib/http/multipart-stream";
import { plainText, seeOther } from "@/lib/http/plain-response";

// The CSV upload of the contacts import page. A route handler rather than a
// server action: server actions share one small body limit (256 kB,
// next.config.js) and a contacts file may be 2 MB. The file is small enough
// to check and store within the request (10,000 rows at most), all or
// nothing in one transaction. Then back to a page with a 303: the contacts
// with what was imported, or the import page with the problems, which ride
// in a short-lived cookie (lib/contacts/import-report-cookie.ts).
//
// Access: a signed-in member with write permission; the session cookie is
// SameSite=Lax and the Origin is checked, as for the response import.

const page = "/contacts/import";
// The multipart envelope around the file: boundaries, headers.
const envelopeBytes = 64 * 1024;

/** The file's bytes, or null past the limit (the rest is drained, not kept). */
async function collect(content: AsyncIterable<Uint8Array>): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of content) {
    bytes += chunk.byteLength;
    if (bytes > contactImportLimits.bytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return seeOther("/sign-in");
  if (!can(user.role, "write")) return seeOther("/forbidden");
  if (crossSite(request.headers)) return plainText(403, "Cross-site upload refused.");

  const form = await streamMultipart(request, { fileField: "file", maxBodyBytes: contactImportLimits.bytes + envelopeBytes }, async (file) => ({
    // Shown on the page; control characters have no business in a file name.
    name: file.name.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200),
    bytes: await collect(file.content),
  }));
  if (form.status === "tooLarge" || (form.status === "received" && form.value.bytes === null)) return seeOther(`${page}?error=tooLarge`);
  if (form.status !== "received" || form.value.bytes === null) return seeOther(`${page}?error=noFile`);
  const { name, bytes } = form.value;

  const read = await readContactsFile(bytes);
  if (!read.ok) {
    const id = randomUUID();
    const value = encodeReport({
      id,
      file: name,
      count: read.problemCount,
      problems: read.problems.map(({ row, column, code, params }) => ({ row, column: column.slice(0, 100), code, ...(params ? { params } : {}) })),
    });
    const headers = new Headers();
    const secure = await isHttps();
    headers.append(
      "set-cookie",
      `${reportCookie}=${value}; Path=/contacts; Max-Age=${reportCookieSeconds}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`,
    );
    return seeOther(`${page}?report=${id}`, headers);
  }
  const { created, updated } = await saveContacts(user.workspaceId, read.contacts);
  const query = new URLSearchParams({ created: String(created), updated: String(updated), file: name });
  return seeOther(`/contacts?${query}`);
}
