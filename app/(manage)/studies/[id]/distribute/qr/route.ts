import { getDb } from "@/db/client";
import { findPublicLink, findStudyLink, type LinkRow } from "@/db/queries/links";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { qrPng, qrSvgFile } from "@/lib/distribute/qr";
import { plainText } from "@/lib/http/plain-response";
import { absoluteUrl } from "@/lib/http/public-origin";
import { idSchema } from "@/lib/validation/ids";

type Context = { params: Promise<{ id: string }> };

/**
 * A public link's QR code as a download: ?format=svg (print) or png (1024 px).
 * The main link's, or with ?link=<id> a live branch link's of the same study.
 */
export async function GET(request: Request, { params }: Context) {
  const user = await requirePermission("write");
  const study = await findStudy(getDb(), user.workspaceId, (await params).id);
  const query = new URL(request.url).searchParams;
  const linkId = query.get("link");
  let link: LinkRow | undefined;
  if (study && linkId === null) link = await findPublicLink(getDb(), study.id);
  else if (study && idSchema.safeParse(linkId).success) {
    const branch = await findStudyLink(getDb(), study.id, linkId!);
    if (branch?.kind === "public" && branch.revokedAt === null) link = branch;
  }
  if (!study || !link) return plainText(404, "No such public link for this study.");
  const url = absoluteUrl(`/s/${link.token}`, request.headers);
  const format = query.get("format") === "svg" ? "svg" : "png";
  const headers = {
    "cache-control": "private, no-store",
    "content-disposition": contentDisposition(format, link.segment),
  };
  if (format === "svg") return new Response(await qrSvgFile(url), { headers: { ...headers, "content-type": "image/svg+xml; charset=utf-8" } });
  return new Response(await qrPng(url), { headers: { ...headers, "content-type": "image/png" } });
}

/** survey-qr.png, or survey-qr-Airport.png for a branch (RFC 6266's filename* carries a name in any script). */
function contentDisposition(format: string, segment: string | null): string {
  if (segment === null) return `attachment; filename="survey-qr.${format}"`;
  const name = `survey-qr-${segment.replace(/[\\/:*?"<>|\s]+/g, "-")}.${format}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="survey-qr-branch.${format}"; filename*=UTF-8''${encoded}`;
}
