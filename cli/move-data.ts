import { spawnSync } from "node:child_process";
import { getDb } from "@/db/client";
import { databaseUrl } from "@/db/engine";
import { moveData } from "@/db/move-data";
import { findStudyById, listAllStudies } from "@/db/queries/studies";
import { loadResults } from "@/lib/results/load-results";
import { redactUrl as redact, type Command } from "./commands";

// `move-data --to postgres://…`: the SQLite installation into an empty
// PostgreSQL database, then two checks — the row count of every table, and
// every study's results (as GET /results computes them) identical when read
// from either database. `--print-results` is the second check's half that
// runs against one database (the command starts it for each side).

async function allResults(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const { id } of await listAllStudies(getDb())) {
    const study = (await findStudyById(getDb(), id))!;
    const loaded = await loadResults(getDb(), study, {});
    out[id] = loaded.status === "ok" ? { results: loaded.results, weightsVersion: loaded.weightsVersion.number } : loaded.status;
  }
  return out;
}

function resultsOf(url: string): string {
  const child = spawnSync(process.execPath, ["--import", "tsx", "cli/index.ts", "move-data", "--print-results"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`reading results from ${redact(url)} failed: ${child.stderr}`);
  return child.stdout;
}

export const moveDataCommands: Record<string, Command> = {
  "move-data": {
    summary:
      "Copy every table of this SQLite installation (DATABASE_URL) into an empty PostgreSQL database, then check row counts and every study's results.",
    usage: "--to postgres://USER@HOST:PORT/DATABASE",
    options: { to: { type: "string" }, "print-results": { type: "boolean" } },
    async run(values) {
      if (values["print-results"] === true) {
        process.stdout.write(JSON.stringify(await allResults()));
        return 0;
      }
      const to = typeof values.to === "string" ? values.to : "";
      if (!to) throw new Error("--to postgres://… is required");
      const from = databaseUrl();
      const started = Date.now();
      let last = "";
      const counts = await moveData(from, to, (table, done, total) => {
        const line = `${table}: ${done} of ${total}`;
        if (line !== last) process.stderr.write(`\r${line.padEnd(60)}${done === total ? "\n" : ""}`);
        last = line;
      });
      const differences = counts.filter((c) => c.source !== c.target);
      for (const c of differences) console.error(`rows differ in ${c.table}: ${c.source} in SQLite, ${c.target} in PostgreSQL`);
      const rows = counts.reduce((sum, c) => sum + c.source, 0);
      process.stderr.write(
        `Copied ${rows} rows of ${counts.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s; comparing every study's results…\n`,
      );
      const source = JSON.parse(resultsOf(from)) as Record<string, unknown>;
      const target = JSON.parse(resultsOf(to)) as Record<string, unknown>;
      const studies = Object.keys(source);
      const mismatched = studies.filter((id) => JSON.stringify(source[id]) !== JSON.stringify(target[id]));
      if (Object.keys(target).length !== studies.length) mismatched.push("(the number of studies)");
      for (const id of mismatched) console.error(`results differ for study ${id}`);
      if (differences.length > 0 || mismatched.length > 0) return 1;
      console.log(
        `Moved to ${redact(to)}: ${rows} rows, ${studies.length} studies with identical results. Point DATABASE_URL at it to serve from PostgreSQL.`,
      );
      return 0;
    },
  },
};
