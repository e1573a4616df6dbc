import { getLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { findStudy } from "@/db/queries/studies";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/roles";
import { plainText as plain, seeOther } from "@/lib/http/plain-response";
import { exportFormatSchema, exportStudy } from "@/lib/exports/export-response";
import { isLocale } from "@/lib/i18n/locales";
import { filterFromSearchParams } from "@/lib/validation/results-filter";

type Context = { params: Promise<{ id: string }> };

/**
 * The dashboard's downloads, for a signed-in member with read access. A
 * study of another workspace is a 404, exactly like one that does not exist.
 */
export async function GET(request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return seeOther("/sign-in");
  if (!can(user.role, "read")) return plain(403, "Forbidden");
  const { id } = await params;
  const study = id.length <= 100 ? await findStudy(getDb(), user.workspaceId, id) : undefined;
  if (!study) return plain(404, "Not found");
  const url = new URL(request.url);
  const format = exportFormatSchema.safeParse(url.searchParams.get("format") ?? "long");
  const filter = filterFromSearchParams(url.searchParams);
  if (!format.success || !filter.success) return plain(400, "The export format or the filter is invalid.");
  const locale = await getLocale();
  // The dashboard's workbook is headed in the reader's language; the CSVs and the Responses sheet keep their codes.
  const outcome = await exportStudy(study, format.data, filter.data, locale, { headings: isLocale(locale) ? locale : undefined });
  if (!outcome.ok)
    return plain(
      outcome.reason === "unpublished" ? 409 : 404,
      outcome.reason === "unpublished" ? "The study has no published version yet." : "No such version.",
    );
  return outcome.response;
}
