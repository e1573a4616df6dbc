import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { exportFormatSchema, exportStudy } from "@/lib/exports/export-response";
import { receiveImport, type ImportJobResult } from "@/lib/imports/import-job";
import { importLimits } from "@/lib/imports/plan";
import { formatProblem, type ImportProblem } from "@/lib/imports/problems";
import { runJobHere } from "@/lib/jobs/worker";
import { filterFromSearchParams } from "@/lib/validation/results-filter";
import { studyOf } from "./args";
import type { Command } from "./commands";

// Moving a study's responses in and out as files: `import` (CSV, long or
// wide, as the export writes them) and `export` (long, wide, xlsx, summary).

const day = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString().slice(0, 10));

/** Writes a web stream to stdout, waiting for the pipe to drain so large exports do not pile up in memory. */
async function toStdout(body: ReadableStream<Uint8Array>) {
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
  }
}

async function toFile(body: ReadableStream<Uint8Array>, file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file);
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export const dataCommands: Record<string, Command> = {
  import: {
    summary:
      "Import customer responses from a CSV (long or wide, the export's columns). All or nothing; the file's response_id makes a second import add nothing.",
    usage:
      "--study ID FILE [--dry-run] [--sign e-p|p-e]   (--sign: how the file's gap columns are signed; they are only checked, never stored; default e-p)",
    options: { study: { type: "string" }, "dry-run": { type: "boolean" }, sign: { type: "string" } },
    async run(values, positionals) {
      const study = await studyOf(values);
      const file = positionals[0];
      if (!file) throw new Error("Name the CSV FILE to import.");
      const sign = values.sign ?? "e-p";
      if (sign !== "e-p" && sign !== "p-e") throw new Error("--sign must be e-p (gap = expected − perceived) or p-e (published SERVQUAL).");
      const size = fs.statSync(file).size;
      if (size > importLimits.bytes) {
        console.error(
          `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${Math.round(importLimits.bytes / 1024 / 1024)} MB. Split it into smaller files.`,
        );
        return 1;
      }
      const dryRun = values["dry-run"] === true;
      // The same job the page and the API queue: stored, then worked here
      // (or by a running server's worker, if it takes it first).
      const received = await receiveImport({
        workspaceId: study.workspaceId,
        studyId: study.id,
        createdBy: "cli",
        sign,
        dryRun,
        fileName: path.basename(file),
        source: fs.createReadStream(file),
      });
      if ("refused" in received) throw new Error(`${file} is larger than the import limit.`);
      const job = await runJobHere(received.job, (done, total) => process.stderr.write(`\rchecked ${done} of about ${total} rows`));
      process.stderr.write("\n");
      const result = job.result as ImportJobResult | null;
      const problems = (job.problems ?? []) as ImportProblem[];
      if (job.state !== "succeeded" && problems.some((p) => p.code === "unpublished")) {
        console.error(`"${study.name}" has no published version yet; publish it first.`);
        return 1;
      }
      if (job.state !== "succeeded") {
        for (const p of problems) console.log(formatProblem(p));
        const more = result?.moreProblems ?? 0;
        if (more > 0) console.log(`… and ${more} more problems.`);
        const total = problems.length + more;
        console.error(`${total} problem${total === 1 ? "" : "s"} in ${file}; nothing was imported.`);
        return 1;
      }
      const s = result!.summary;
      const versions = s.versions.map((v) => `v${v.number}: ${v.responses}`).join(", ");
      const segments = s.segments.map((x) => `${x.name || "(none)"}: ${x.responses}`).join(", ");
      console.error(
        `${result!.format} format, ${s.rows} rows, ${s.responses} responses (${versions}); segments ${segments}; ${day(s.from)} to ${day(s.to)}.`,
      );
      if (dryRun) {
        console.log(
          `No problems: ${result!.accepted} responses would be imported (${result!.duplicates} already present). Nothing was written (dry run).`,
        );
        return 0;
      }
      console.log(`Imported ${result!.accepted} responses (${result!.duplicates} already present).`);
      return 0;
    },
  },
  export: {
    summary: "Export a study's raw responses (long or wide CSV, XLSX) or its results summary (CSV), as GET /api/v1/studies/{id}/export.",
    usage:
      "--study ID --format long|wide|xlsx|summary [--out FILE] [--version N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--segment NAME] [--language en|zh-Hant|zh-Hans]   (CSV goes to stdout without --out; xlsx needs --out)",
    options: {
      study: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      version: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      segment: { type: "string" },
      language: { type: "string" },
    },
    async run(values) {
      const study = await studyOf(values);
      const format = exportFormatSchema.safeParse(values.format);
      if (!format.success) throw new Error("--format must be long, wide, xlsx or summary.");
      const out = typeof values.out === "string" && values.out ? path.resolve(values.out) : null;
      if (format.data === "xlsx" && !out) throw new Error("--format xlsx writes a binary workbook: name it with --out FILE.");
      const params = new URLSearchParams();
      for (const key of ["version", "from", "to", "segment"]) if (typeof values[key] === "string") params.set(key, values[key] as string);
      const filter = filterFromSearchParams(params);
      if (!filter.success) throw new Error(`The filter is invalid: ${filter.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      const language = typeof values.language === "string" ? values.language : (study.languages[0] ?? "en");
      const outcome = await exportStudy(study, format.data, filter.data, language);
      if (!outcome.ok) {
        console.error(
          outcome.reason === "unpublished" ? `"${study.name}" has no published version yet.` : `The study has no version ${filter.data.version}.`,
        );
        return 1;
      }
      const body = outcome.response.body!;
      if (out) {
        await toFile(body, out);
        console.error(`Wrote ${format.data} export of "${study.name}" to ${out} (${fs.statSync(out).size} bytes).`);
      } else await toStdout(body);
      return 0;
    },
  },
};
