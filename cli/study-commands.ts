import { getDb } from "@/db/client";
import { findWorkspacesByName, firstOwner, getWorkspace } from "@/db/queries/accounts";
import { listStudies } from "@/db/queries/studies";
import { createDemoAtomically } from "@/lib/demo/explore-demo";
import { loadResults } from "@/lib/results/load-results";
import { filterFromSearchParams } from "@/lib/validation/results-filter";
import { studyOf, type Values } from "./args";
import type { Command } from "./commands";

async function workspaceOf(values: Values) {
  const name = values.workspace;
  if (typeof name !== "string" || !name) throw new Error("--workspace is required.");
  const byId = await getWorkspace(getDb(), name);
  if (byId) return byId;
  const matches = await findWorkspacesByName(getDb(), name);
  if (matches.length === 0) throw new Error(`No workspace named "${name}".`);
  if (matches.length > 1) throw new Error(`Several workspaces are named "${name}"; pass its id instead.`);
  return matches[0];
}

export const studyCommands: Record<string, Command> = {
  demo: {
    summary: "Create the demo study (a hotel, 600 responses, all perspectives) in a workspace.",
    usage: "--workspace NAME|ID",
    options: { workspace: { type: "string" } },
    async run(values) {
      const workspace = await workspaceOf(values);
      const started = Date.now();
      const owner = await firstOwner(getDb(), workspace.id);
      const studyId = await createDemoAtomically(workspace.id, owner?.userId ?? null, {
        onProgress: (done, total) => {
          process.stderr.write(`\r${done} / ${total} responses`);
        },
      });
      process.stderr.write("\n");
      console.log(`Created the demo study ${studyId} in "${workspace.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    },
  },
  "list-studies": {
    summary: "List the studies of a workspace (id, latest version, responses, name).",
    usage: "--workspace NAME|ID [--archived]",
    options: { workspace: { type: "string" }, archived: { type: "boolean" } },
    async run(values) {
      const workspace = await workspaceOf(values);
      const rows = await listStudies(getDb(), workspace.id, { archived: values.archived === true });
      if (rows.length === 0) console.log(`No ${values.archived ? "archived " : ""}studies in "${workspace.name}".`);
      for (const s of rows) console.log(`${s.id}\tv${s.latestVersion ?? "-"}\t${s.responses} responses\t${s.name}`);
      return 0;
    },
  },
  results: {
    summary: "Print a study's results as JSON, exactly as GET /api/v1/studies/{id}/results.",
    usage: "--study ID [--version N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--segment NAME]",
    options: {
      study: { type: "string" },
      version: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      segment: { type: "string" },
    },
    async run(values) {
      const study = await studyOf(values);
      const params = new URLSearchParams();
      for (const key of ["version", "from", "to", "segment"]) if (typeof values[key] === "string") params.set(key, values[key] as string);
      const filter = filterFromSearchParams(params);
      if (!filter.success) throw new Error(`The filter is invalid: ${filter.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      const loaded = await loadResults(getDb(), study, filter.data);
      if (loaded.status === "unpublished") throw new Error("The study has no published version yet.");
      if (loaded.status === "unknownVersion") throw new Error(`The study has no version ${filter.data.version}.`);
      console.log(
        JSON.stringify(
          { ...loaded.results, weightsVersion: loaded.weightsVersion.number, versions: loaded.filterVersions.map((v) => v.number) },
          null,
          2,
        ),
      );
      return 0;
    },
  },
};
