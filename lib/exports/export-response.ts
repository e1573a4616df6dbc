import { z } from "zod";
import { openSnapshot } from "@/db/client";
import type { StudyRow } from "@/db/queries/studies";
import { namesOf } from "@/lib/results/dashboard";
import { loadResults } from "@/lib/results/load-results";
import { responseFilter } from "@/lib/results/response-filter";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { csvLine, csvStream, type Cell } from "./csv";
import { batchSize, exportLayout, longHeader, longRows, responseBatches, wideHeader, wideRow } from "./raw-responses";
import type { Locale } from "@/lib/i18n/locales";
import { codebookHeader, codebookRows } from "./codebook";
import { headerLabels } from "./header-labels";
import { gapsHeader, gapsRows } from "./gaps-table";
import { criteriaHeader, criteriaRows, headlineRows, itemRows, itemsHeader, summaryTable } from "./summary";
import { writeSheet, xlsxStream } from "./xlsx";

/**
 * long and wide: raw responses as CSV; summary: the results as CSV; codebook:
 * what each item and column means; gaps: the five-gap data; xlsx: all of
 * them as sheets (Summary, Criteria, Items, Five gaps, Codebook, Responses).
 */
export const exportFormatSchema = z.enum(["long", "wide", "xlsx", "summary", "codebook", "gaps"], "invalidFormat");
export type ExportFormat = z.output<typeof exportFormatSchema>;

export type ExportOutcome = { ok: true; response: Response } | { ok: false; reason: "unpublished" | "unknownVersion" };

const contentTypes: Record<ExportFormat, string> = {
  long: "text/csv; charset=utf-8",
  wide: "text/csv; charset=utf-8",
  summary: "text/csv; charset=utf-8",
  codebook: "text/csv; charset=utf-8",
  gaps: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** A file name that keeps the study's own name (RFC 6266 filename*), with an ASCII fallback. */
export function contentDisposition(studyName: string, format: ExportFormat, now = new Date()): string {
  const ext = format === "xlsx" ? "xlsx" : "csv";
  const date = now.toISOString().slice(0, 10);
  const base =
    studyName
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
      .trim()
      .slice(0, 80) || "study";
  const full = `${base} - ${format} - ${date}.${ext}`;
  const ascii = full.replace(/[^\x20-\x7e]+/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(full)}`;
}

export function describeFilter(filter: ResultsFilter): string {
  const parts = [
    filter.version ? `version ${filter.version}` : "all versions",
    filter.from ? `from ${filter.from}` : null,
    filter.to ? `to ${filter.to}` : null,
    filter.segment !== undefined ? `segment "${filter.segment}"` : null,
  ];
  return parts.filter(Boolean).join(", ");
}

async function* lines(header: string[], rows: AsyncIterable<Cell[][]>): AsyncGenerator<string[]> {
  yield [csvLine(header)];
  for await (const batch of rows) yield batch.map(csvLine);
}

/** `source`, calling `close` once it is done, fails or is abandoned (also before its first line). */
function closingWhenDone<T>(source: AsyncIterator<T>, close: () => Promise<void>): AsyncIterator<T> {
  return {
    async next() {
      try {
        const next = await source.next();
        if (next.done) await close();
        return next;
      } catch (error) {
        await close();
        throw error;
      }
    },
    async return(value?: unknown) {
      try {
        return (await source.return?.(value)) ?? { done: true, value: undefined };
      } finally {
        await close();
      }
    },
  };
}

/**
 * The file of an export, streamed. Access is the caller's business (the
 * session route and the API route check it first); `language` picks the
 * language of criterion names and item texts where the study has it. The
 * whole file reads one snapshot of the database, so its results and its raw
 * responses agree even while submits go on; the snapshot is closed when the
 * download ends or is abandoned. Raw responses are read `pageSize` at a
 * time (keyset pages, see db/queries/exports.ts), so memory stays flat
 * whatever the study's size; the page size never changes the file.
 */
export async function exportStudy(
  study: StudyRow,
  format: ExportFormat,
  filter: ResultsFilter,
  language: string,
  {
    pageSize = batchSize,
    headings,
  }: { pageSize?: number; /** The workbook's analysis sheets headed in this language (the dashboard's download). */ headings?: Locale } = {},
): Promise<ExportOutcome> {
  const snapshot = await openSnapshot();
  let streaming = false;
  try {
    const loaded = await loadResults(snapshot.db, study, filter);
    if (loaded.status !== "ok") return { ok: false, reason: loaded.status };
    const names = namesOf(loaded.filterVersions, language);
    const layout = exportLayout(loaded.filterVersions);
    const rawFilter = responseFilter(study.id, filter, loaded.versions);
    const headers = {
      "content-type": contentTypes[format],
      "content-disposition": contentDisposition(study.name, format),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    };

    const codebook = () => ({ header: codebookHeader(study.languages), rows: codebookRows(loaded.filterVersions, study.languages, study.provider) });
    const gaps = () => ({ header: gapsHeader, rows: gapsRows(loaded.results, names) });
    const table = format === "summary" ? summaryTable(loaded.results, names) : format === "codebook" ? codebook() : format === "gaps" ? gaps() : null;

    let body: ReadableStream<Uint8Array>;
    if (table) {
      body = csvStream([[csvLine(table.header), ...table.rows.map(csvLine)]][Symbol.iterator]());
    } else if (format === "long" || format === "wide") {
      async function* rows(): AsyncGenerator<Cell[][]> {
        for await (const batch of responseBatches(snapshot.db, rawFilter, pageSize)) {
          yield format === "long" ? batch.flatMap((r) => longRows(layout, r)) : batch.map((r) => wideRow(layout, r));
        }
      }
      body = csvStream(closingWhenDone(lines(format === "long" ? longHeader : wideHeader(layout), rows()), snapshot.close));
      streaming = true;
    } else {
      const results = loaded.results;
      const label = headings ? headerLabels(headings) : (code: string) => code;
      const heads = (codes: string[]) => codes.map(label);
      body = xlsxStream(async (workbook, output) => {
        try {
          const context = {
            study: study.name,
            provider: study.provider,
            filter: describeFilter(filter),
            weightsVersion: loaded.weightsVersion.number,
            exportedAt: new Date().toISOString(),
          };
          await writeSheet(
            workbook,
            output,
            "Summary",
            heads(["figure", "value"]),
            async (s) => {
              for (const [figure, value] of headlineRows(results, context)) await s.add([label(String(figure)), value]);
            },
            [28, 60],
          );
          await writeSheet(workbook, output, "Criteria", heads(criteriaHeader), async (s) => {
            for (const row of criteriaRows(results, names)) await s.add(row);
          });
          await writeSheet(
            workbook,
            output,
            "Items",
            heads(itemsHeader),
            async (s) => {
              for (const row of itemRows(results, names)) await s.add(row);
            },
            [14, 16, 60],
          );
          await writeSheet(workbook, output, "Five gaps", heads(gapsHeader), async (s) => {
            for (const row of gaps().rows) await s.add(row);
          });
          const book = codebook();
          await writeSheet(workbook, output, "Codebook", heads(book.header), async (s) => {
            for (const row of book.rows) await s.add(row);
          });
          await writeSheet(workbook, output, "Responses", wideHeader(layout), async (s) => {
            const batches = responseBatches(snapshot.db, rawFilter, pageSize);
            try {
              for await (const batch of batches) for (const r of batch) await s.add(wideRow(layout, r));
            } finally {
              await batches.return(undefined);
            }
          });
        } finally {
          await snapshot.close();
        }
      });
      streaming = true;
    }
    return { ok: true, response: new Response(body, { status: 200, headers }) };
  } finally {
    if (!streaming) await snapshot.close();
  }
}
