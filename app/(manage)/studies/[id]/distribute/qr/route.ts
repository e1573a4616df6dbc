import QRCode from "qrcode";
import { getDb } from "@/db/client";
import { findPublicLink } from "@/db/queries/links";
import { findStudy } from "@/db/queries/studies";
import { requirePermission } from "@/lib/auth/current-user";
import { plainText } from "@/lib/http/plain-response";
import { absoluteUrl } from "@/lib/http/public-origin";

type Context = { params: Promise<{ id: string }> };

/** The public link's QR code as a download: ?format=svg (print) or png (1024 px). */
export async function GET(request: Request, { params }: Context) {
  const user = await requirePermission("write");
  const study = await findStudy(getDb(), user.workspaceId, (await params).id);
  const link = study ? await findPublicLink(getDb(), study.id) : undefined;
  if (!study || !link) return plainText(404, "No public link for this study.");
  const url = absoluteUrl(`/s/${link.token}`, request.headers);
  const format = new URL(request.url).searchParams.get("format") === "svg" ? "svg" : "png";
  const headers = {
    "cache-control": "private, no-store",
    "content-disposition": `attachment; filename="survey-qr.${format}"`,
  };
  if (format === "svg") {
    const svg = await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
    return new Response(svg, { headers: { ...headers, "content-type": "image/svg+xml; charset=utf-8" } });
  }
  const png = await QRCode.toBuffer(url, { type: "png", width: 1024, margin: 2, errorCorrectionLevel: "M" });
  return new Response(new Uint8Array(png), { headers: { ...headers, "content-type": "image/png" } });
}
