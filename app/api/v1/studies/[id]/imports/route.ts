import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { z } from "zod";
import { authenticate } from "@/lib/api/auth";
import { problem, zodProblem } from "@/lib/api/problem";
import { apiRoute } from "@/lib/api/route";
import { studyOf } from "@/lib/api/study-access";
import { receiveImport } from "@/lib/imports/import-job";
import { encodingChoices } from "@/lib/imports/csv-records";
import { importLimits } from "@/lib/imports/plan";

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({
  dryRun: z.enum(["0", "1", "true", "false"], "dryRun must be 1 or 0.").optional(),
  sign: z.enum(["e-p", "p-e"], "sign must be e-p or p-e.").optional(),
  encoding: z.enum(encodingChoices, "encoding must be auto, utf-8, big5 or gb18030.").optional(),
});

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A CSV of responses (long or wide export format) → 202 { job }. The body
 * streams into the job store as it arrives; a worker checks it (dryRun=1) or
 * imports it all or nothing. Follow it at GET /api/v1/jobs/{job}.
 */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const caller = await authenticate(request, "write");
  const study = await studyOf(caller, (await params).id);
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return zodProblem(query.error, "The query is invalid.");
  const type = request.headers.get("content-type") ?? "";
  const isXlsx = type.toLowerCase().startsWith(xlsxType);
  if (!isXlsx && !/^(text\/csv|application\/csv)\b/i.test(type))
    return problem(415, `Send the file as CSV (Content-Type: text/csv) or as an XLSX workbook (Content-Type: ${xlsxType}).`);
  // A charset in the Content-Type says how the CSV is encoded, unless the query does.
  const charset = /;\s*charset="?([\w-]+)/i.exec(type)?.[1]?.toLowerCase();
  const named = encodingChoices.find((e) => e === (charset === "utf8" ? "utf-8" : charset === "gbk" ? "gb18030" : charset));
  if (charset && !named && !query.data.encoding) return problem(415, "The charset must be utf-8, big5 or gb18030.");
  const tooLarge = () => problem(413, `The file is larger than ${Math.round(importLimits.bytes / (1024 * 1024))} MB; split it into smaller files.`);
  if (Number(request.headers.get("content-length") ?? 0) > importLimits.bytes) return tooLarge();
  if (!request.body) return problem(400, "The body is empty.");
  const received = await receiveImport({
    workspaceId: caller.workspaceId,
    studyId: study.id,
    createdBy: `key:${caller.keyId}`,
    sign: query.data.sign ?? "e-p",
    encoding: query.data.encoding ?? named ?? "auto",
    dryRun: query.data.dryRun === "1" || query.data.dryRun === "true",
    fileName: isXlsx ? "api.xlsx" : "api.csv",
    source: Readable.fromWeb(request.body as NodeWebStream<Uint8Array>),
  });
  if ("refused" in received) return tooLarge();
  return Response.json({ job: received.job }, { status: 202, headers: { location: `/api/v1/jobs/${received.job}` } });
});
