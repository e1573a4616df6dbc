import { randomUUID } from "node:crypto";
import { getDb, transaction, type Tx } from "@/db/client";
import { deleteStaged, insertImportedResponses, presentResponseRefs, publishStaged, type StagedResponse } from "@/db/queries/imports";
import { listVersions, type StudyRow } from "@/db/queries/studies";
import { CustomerBucketSums } from "@/lib/results/customer-buckets";
import { contributionOf } from "@/lib/scoring/aggregates";
import { respondentWeightedGap, scoreCustomerResponse } from "@/lib/scoring/response-scores";
import type { VersionDefinition } from "@/lib/scoring/types";
import { eventLoopPacer, yieldToEventLoop } from "@/lib/event-loop";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { FileSource } from "./csv-records";
import { planBatches, type ImportReport } from "./plan";
import type { EncodingChoice } from "./csv-records";
import type { PlannedResponse, SignConvention } from "./resolve";

// The import of a study's responses from a CSV, run by the import job (and
// directly by tests). The file streams through: each batch of a few hundred
// checked responses is stored in its own short transaction as "staged",
// which no reader sees; their aggregate contributions are summed in memory.
// At the end one short transaction makes them all visible and adds the sums,
// once per bucket. A problem anywhere, an error or a cancel deletes the
// staged rows: all of the file or none of it. The file's response_id becomes
// the stored response's client id, so importing the same file again adds
// nothing; an id that is already a response of this study (an export of this
// very study) counts as present too.

export type ImportOutcome =
  | { status: "unpublished" }
  | { status: "problems"; report: ImportReport }
  | { status: "checked"; report: ImportReport; present: number }
  | { status: "imported"; report: ImportReport; added: number; present: number };

export type ImportOptions = {
  sign: SignConvention;
  dryRun: boolean;
  /** How a CSV's bytes are read ("auto" when absent: guessed). */
  encoding?: EncodingChoice;
  now?: number;
  /** After each batch of rows, with the file's rows read so far (the job saves progress; may throw to stop). */
  progress?: (rowsRead: number) => Promise<void>;
  /** Inside the transaction that makes the import visible (the job ends with it). */
  finishIn?: (tx: Tx, outcome: ImportOutcome) => Promise<void>;
};

// Rows a transaction deletes or publishes before the event loop gets a turn:
// a few milliseconds of work on SQLite, whose driver is synchronous (a
// thousand took 13-16 ms; other requests wait for several such turns each).
const rowsPerStep = 250;
// Responses stored per staging transaction (on PostgreSQL each transaction
// costs a commit: 20 per transaction halved its import rate), written `responsesPerStatement` at a
// time with a turn for the event loop between (on SQLite 50 responses with
// their comments took 10-14 ms in one piece).
const responsesPerTransaction = 50;
const responsesPerStatement = 25;

/** Deletes the study's staged responses (an import that stopped midway), a short transaction at a time. */
export async function clearStaged(studyId: string): Promise<void> {
  while ((await transaction((tx) => deleteStaged(tx, studyId, rowsPerStep))) > 0) await yieldToEventLoop();
}

function definitionsOf() {
  const known = new Map<string, VersionDefinition>();
  return (r: PlannedResponse) => {
    let definition = known.get(r.version.id);
    if (!definition) known.set(r.version.id, (definition = versionDefinition(r.version.snapshot)));
    return definition;
  };
}

function storedOf(studyId: string, r: PlannedResponse, version: VersionDefinition): StagedResponse {
  return {
    id: randomUUID(),
    studyId,
    versionId: r.version.id,
    perspective: "customer",
    clientId: r.responseId,
    segment: r.segment,
    language: r.language,
    source: "import",
    customerWeights: r.value.weights,
    // The respondent's own weighted gap, as a submit stores it.
    gap: respondentWeightedGap(version, scoreCustomerResponse(version, r.value.answers)),
    startedAt: r.submittedAt,
    submittedAt: r.submittedAt,
    answers: r.value.answers.map((a) => ({ itemId: a.itemId, expected: a.expected, perceived: a.perceived })),
    comments: r.value.comments,
  };
}

const bucketOf = (r: PlannedResponse) => ({ versionId: r.version.id, segment: r.segment, submittedAt: r.submittedAt });

/** Stores planned responses, visible at once, in the caller's transaction; returns how many were new and how many the study already had. */
export async function storePlanned(tx: Tx, studyId: string, responses: PlannedResponse[]): Promise<{ added: number; present: number }> {
  // The unique index (study, perspective, client id) guards what this read
  // decides: of two imports of one file at once, the second fails on it
  // (PostgreSQL), transaction() runs it again, and it then finds them present.
  const present = await presentResponseRefs(
    tx,
    studyId,
    responses.map((r) => r.responseId),
  );
  const definitionOf = definitionsOf();
  const sums = new CustomerBucketSums();
  const fresh = responses.filter((r) => !present.has(r.responseId));
  await insertImportedResponses(
    tx,
    studyId,
    fresh.map((r) => storedOf(studyId, r, definitionOf(r))),
    "submitted",
  );
  for (const r of fresh) sums.add(bucketOf(r), contributionOf(definitionOf(r), r.value.answers, r.value.weights));
  await sums.write(tx, studyId);
  return { added: fresh.length, present: responses.length - fresh.length };
}

/** Checks (dryRun) or imports a file streamed from `source`. */
export async function importStream(study: StudyRow, source: FileSource, options: ImportOptions): Promise<ImportOutcome> {
  const versions = await listVersions(getDb(), study.id);
  if (versions.length === 0) return { status: "unpublished" };
  const store = !options.dryRun;
  // Left by an import of this study that died midway (only one runs at a time).
  if (store) await clearStaged(study.id);
  const definitionOf = definitionsOf();
  const sums = new CustomerBucketSums();
  let added = 0;
  let present = 0;
  const batches = planBatches(
    source,
    {
      versions: versions.map((v) => ({ id: v.id, number: v.number, snapshot: v.snapshot })),
      segments: study.segments,
      sign: options.sign,
      now: options.now ?? Date.now(),
    },
    { encoding: options.encoding },
  );
  // Planned responses wait here until a batch is worth a transaction.
  let pending: PlannedResponse[] = [];
  let rowsRead = 0;
  // A turn for other requests every few milliseconds of work: one request of
  // theirs needs several turns (routing, the handler, writing the answer).
  const pace = eventLoopPacer(4);
  const storePending = async () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const known = await presentResponseRefs(
      getDb(),
      study.id,
      batch.map((r) => r.responseId),
    );
    const fresh = batch.filter((r) => !known.has(r.responseId));
    present += batch.length - fresh.length;
    added += fresh.length;
    if (!store || fresh.length === 0) return;
    const rows = fresh.map((r) => storedOf(study.id, r, definitionOf(r)));
    await transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += responsesPerStatement) {
        if (i > 0) await pace();
        await insertImportedResponses(tx, study.id, rows.slice(i, i + responsesPerStatement), "staged");
      }
    });
    for (const r of fresh) sums.add(bucketOf(r), contributionOf(definitionOf(r), r.value.answers, r.value.weights));
  };
  try {
    let report: ImportReport;
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        report = next.value;
        break;
      }
      pending.push(...next.value.responses);
      if (pending.length >= responsesPerTransaction) await storePending();
      rowsRead = next.value.rowsRead;
      await options.progress?.(rowsRead);
      // On SQLite every query above returns at once (the driver is
      // synchronous), so without this the whole import would run as one
      // stretch of microtasks and no other request would get a turn.
      await pace();
    }
    await storePending();
    await options.progress?.(rowsRead);
    if (report.problems.length > 0 || report.moreProblems > 0) {
      if (store) await clearStaged(study.id);
      return { status: "problems", report };
    }
    if (!store) return { status: "checked", report, present };
    const outcome: ImportOutcome = { status: "imported", report, added, present };
    await transaction(async (tx) => {
      // One transaction, so readers see all of the import or none of it;
      // the event loop gets a turn between steps (on SQLite other writers
      // wait in the queue meanwhile, readers read the last commit).
      while ((await publishStaged(tx, study.id, rowsPerStep)) > 0) await yieldToEventLoop();
      await sums.write(tx, study.id);
      await options.finishIn?.(tx, outcome);
    });
    return outcome;
  } catch (error) {
    if (store) await clearStaged(study.id);
    throw error;
  }
}

/** Checks or imports a file held in memory (tests and small files). */
export async function importFile(study: StudyRow, file: Uint8Array | string, options: ImportOptions): Promise<ImportOutcome> {
  return importStream(study, [file], options);
}
