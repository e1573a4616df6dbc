import { randomUUID } from "node:crypto";
import { getDb, transaction, type Tx } from "@/db/client";
import { presentResponseRefs } from "@/db/queries/imports";
import { insertResponse, replaceAnswers, replaceComments } from "@/db/queries/responses";
import { listVersions, type StudyRow } from "@/db/queries/studies";
import { CustomerBucketSums } from "@/lib/results/customer-buckets";
import { contributionOf } from "@/lib/scoring/aggregates";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import { versionDefinition } from "@/lib/studies/version-definition";
import { decodeImportFile, planImport, type ImportPlan } from "./plan";
import type { PlannedResponse, SignConvention } from "./resolve";

// The import of a study's responses from a CSV, shared by the CLI and the
// manager's page. A dry run plans and counts; a real import stores every
// planned response in ONE transaction (all or nothing), its contributions
// summed per aggregate bucket and written once per bucket. The file's
// response_id becomes the stored response's client id, so importing the same
// file again adds nothing; an id that is already a response of this study
// (an export of this very study) counts as present too.

export type ImportOutcome =
  | { status: "unpublished" }
  | { status: "problems"; plan: ImportPlan }
  | { status: "checked"; plan: ImportPlan; present: number }
  | { status: "imported"; plan: ImportPlan; added: number; present: number };

export type ImportOptions = { sign: SignConvention; dryRun: boolean; now?: number };

/** Stores planned responses in the caller's transaction; returns how many were new and how many the study already had. */
export async function storePlanned(tx: Tx, studyId: string, responses: PlannedResponse[]): Promise<{ added: number; present: number }> {
  // The unique index (study, perspective, client id) guards what this read
  // decides: of two imports of one file at once, the second fails on it
  // (PostgreSQL), transaction() runs it again, and it then finds them present.
  const present = await presentResponseRefs(
    tx,
    studyId,
    responses.map((r) => r.responseId),
  );
  const sums = new CustomerBucketSums();
  let added = 0;
  for (const r of responses) {
    if (present.has(r.responseId)) continue;
    const id = randomUUID();
    const version = versionDefinition(r.version.snapshot);
    await insertResponse(tx, {
      id,
      studyId,
      versionId: r.version.id,
      perspective: "customer",
      clientId: r.responseId,
      segment: r.segment,
      language: r.language,
      source: "import",
      status: "submitted",
      customerWeights: r.value.weights,
      // The respondent's own weighted gap, as a submit stores it.
      gap: respondentWeightedGap(version, scoreCustomerResponse(version, r.value.answers)),
      startedAt: r.submittedAt,
      submittedAt: r.submittedAt,
    });
    await replaceAnswers(tx, studyId, id, r.value.answers);
    await replaceComments(tx, id, r.value.comments);
    sums.add({ versionId: r.version.id, segment: r.segment, submittedAt: r.submittedAt }, contributionOf(version, r.value.answers, r.value.weights));
    added++;
  }
  await sums.write(tx, studyId);
  return { added, present: responses.length - added };
}

export async function importFile(study: StudyRow, file: Uint8Array | string, options: ImportOptions): Promise<ImportOutcome> {
  const versions = await listVersions(getDb(), study.id);
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
  const refs = plan.responses.map((r) => r.responseId);
  if (options.dryRun) return { status: "checked", plan, present: (await presentResponseRefs(getDb(), study.id, refs)).size };
  return { status: "imported", plan, ...(await transaction((tx) => storePlanned(tx, study.id, plan.responses))) };
}
