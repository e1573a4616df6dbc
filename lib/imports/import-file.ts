import { getConnection } from "@/db/client";
import { presentResponseRefs } from "@/db/queries/imports";
import { listVersions, type StudyRow } from "@/db/queries/studies";
import { storeCustomerResponse } from "@/lib/responses/store-customer";
import { decodeImportFile, planImport, type ImportPlan } from "./plan";
import type { PlannedResponse, SignConvention } from "./resolve";

// The import of a study's responses from a CSV, shared by the CLI and the
// manager's page. A dry run plans and counts; a real import stores every
// planned response in ONE transaction (all or nothing). The file's
// response_id becomes the stored response's client id, so importing the same
// file again adds nothing; an id that is already a response of this study
// (an export of this very study) counts as present too.

export type ImportOutcome =
  | { status: "unpublished" }
  | { status: "problems"; plan: ImportPlan }
  | { status: "checked"; plan: ImportPlan; present: number }
  | { status: "imported"; plan: ImportPlan; added: number; present: number };

export type ImportOptions = { sign: SignConvention; dryRun: boolean; now?: number };

/** Stores planned responses in one transaction; returns how many were new and how many the study already had. */
export function storePlanned(studyId: string, responses: PlannedResponse[]): { added: number; present: number } {
  const { db } = getConnection();
  return db.transaction((tx) => {
    const present = presentResponseRefs(studyId, responses.map((r) => r.responseId), tx);
    let added = 0;
    for (const r of responses) {
      if (present.has(r.responseId)) continue;
      const outcome = storeCustomerResponse(
        {
          ...r.value,
          clientId: r.responseId,
          studyId,
          versionId: r.version.id,
          snapshot: r.version.snapshot,
          segment: r.segment,
          language: r.language,
          source: "import",
          submittedAt: r.submittedAt,
        },
        tx,
      );
      if (outcome.stored) added++;
    }
    return { added, present: responses.length - added };
  });
}

export function importFile(study: StudyRow, file: Uint8Array | string, options: ImportOptions): ImportOutcome {
  const versions = listVersions(study.id);
  if (versions.length === 0) return { status: "unpublished" };
  let text: string;
  if (typeof file === "string") text = file;
  else {
    const decoded = decodeImportFile(file);
    if (!decoded.ok) return { status: "problems", plan: decoded.plan };
    text = decoded.text;
  }
  const plan = planImport(text, {
    versions: versions.map((v) => ({ id: v.id, number: v.number, snapshot: v.snapshot })),
    segments: study.segments,
    sign: options.sign,
    now: options.now ?? Date.now(),
  });
  if (plan.problems.length > 0) return { status: "problems", plan };
  if (options.dryRun) {
    const present = presentResponseRefs(study.id, plan.responses.map((r) => r.responseId)).size;
    return { status: "checked", plan, present };
  }
  return { status: "imported", plan, ...storePlanned(study.id, plan.responses) };
}
