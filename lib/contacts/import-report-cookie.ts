import { deflateRawSync, inflateRawSync } from "node:zlib";
import { z } from "zod";
import { contactProblemCodes, type ContactImportProblem } from "./csv-import";

// The report of a refused contacts file, carried from the upload (a route
// handler that cannot render a page) to the import page in a short-lived
// cookie: private to the browser that uploaded, the same on every instance,
// and gone after a few minutes. A cookie holds about 4 KB, so the report
// keeps as many problems as fit (compressed, a few hundred) and the total.

export const reportCookie = "contacts_import_report";
export const reportCookieSeconds = 15 * 60;
const maxChars = 3600;

export type ImportReport = {
  /** Matches the page's ?report=, so an old report is not shown for a new upload. */
  id: string;
  file: string;
  count: number;
  problems: Omit<ContactImportProblem, "message">[];
};

const reportSchema = z.object({
  id: z.string().max(40),
  file: z.string().max(200),
  count: z.number().int().min(0),
  problems: z.array(
    z.object({
      row: z.number().int().min(0),
      column: z.string().max(200),
      code: z.enum(contactProblemCodes),
      params: z.record(z.string(), z.union([z.string().max(200), z.number()])).optional(),
    }),
  ),
});

const pack = (report: ImportReport) => deflateRawSync(Buffer.from(JSON.stringify(report), "utf8")).toString("base64url");

/** The cookie's value: the report with as many of its problems as fit. */
export function encodeReport(report: ImportReport): string {
  let kept = report.problems.length;
  for (;;) {
    const value = pack({ ...report, problems: report.problems.slice(0, kept) });
    if (value.length <= maxChars || kept === 0) return value;
    kept = Math.floor(kept / 2);
  }
}

export function decodeReport(value: string | undefined): ImportReport | null {
  if (!value || value.length > maxChars) return null;
  try {
    const parsed = reportSchema.safeParse(
      JSON.parse(inflateRawSync(Buffer.from(value, "base64url"), { maxOutputLength: 1024 * 1024 }).toString("utf8")),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
