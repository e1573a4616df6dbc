import type { VersionSnapshot } from "@/db/schema";
import { checkCustomerResponse, type CheckedCustomerResponse } from "@/lib/responses/check";
import { reverseScore } from "@/lib/scoring/response-scores";
import { clockSkewMs, isCalendarDay } from "@/lib/validation/dates";
import type { ProblemList } from "./problems";
import type { RawAnswer, RawResponse, SourceCell } from "./read-rows";

// A response read from the file → what storeCustomerResponse takes, checked
// against its version exactly as the API checks a submission.
//
// Ratings: the export writes reverse-scored items' values already scored
// (L + 1 − x) in `expected`/`perceived` and the ratings as answered in
// `*_as_answered` columns (long format only). The answers table stores
// ratings as answered, so they are taken from the as-answered columns where
// present, else recovered from the scored ones (scoring is its own inverse).

export type SignConvention = "e-p" | "p-e";
export type ImportVersion = { id: string; number: number; snapshot: VersionSnapshot };
export type ImportContext = {
  /** The study's versions, oldest first. */
  versions: ImportVersion[];
  segments: string[];
  sign: SignConvention;
  now: number;
};

export type PlannedResponse = {
  responseId: string;
  row: number;
  version: ImportVersion;
  segment: string;
  language: string;
  submittedAt: number;
  value: CheckedCustomerResponse;
};

const languages = ["en", "zh-Hant", "zh-Hans"];
const notApplicable = new Set(["", "n/a", "na", "not_applicable", "not applicable"]);
const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

type Origin = { row: number; item: string; expected: string; perceived: string };

function versionOf(response: RawResponse, context: ImportContext, problems: ProblemList): ImportVersion | null {
  const cell = response.version;
  const latest = context.versions[context.versions.length - 1];
  if (!cell || cell.value === "") return latest;
  const wanted = cell.value.replace(/^v/i, "");
  const found = context.versions.find((v) => String(v.number) === wanted || v.id === cell.value);
  if (!found) problems.add(cell.row, cell.column, "unknownVersion", { value: cell.value });
  return found ?? null;
}

function timeOf(cell: SourceCell | undefined, context: ImportContext, problems: ProblemList): number | null {
  if (!cell) return context.now;
  // Unlike the API, an import may predate the version's publication: it brings in earlier surveys.
  const ms = isoDateTime.test(cell.value) && isCalendarDay(cell.value) ? Date.parse(cell.value) : Number.NaN;
  if (Number.isNaN(ms)) problems.add(cell.row, cell.column, "invalidDate");
  else if (ms > context.now + clockSkewMs) problems.add(cell.row, cell.column, "futureDate");
  else return ms;
  return null;
}

/** A rating cell: null for N/A, a number, or undefined after reporting it. */
function numberOf(cell: SourceCell | undefined, problems: ProblemList): number | null | undefined {
  if (!cell || notApplicable.has(cell.value.toLowerCase())) return null;
  if (!numeric.test(cell.value)) {
    problems.add(cell.row, cell.column, "notANumber");
    return undefined;
  }
  return Number(cell.value);
}

type Item = { id: string; key: string; reverse: boolean; criterionId: string; criterionKey: string };

function itemsOf(snapshot: VersionSnapshot): Map<string, Item> {
  const byRef = new Map<string, Item>();
  for (const c of snapshot.criteria) {
    for (const i of c.items) {
      const item = { id: i.id, key: i.key, reverse: i.reverse, criterionId: c.id, criterionKey: c.key };
      byRef.set(i.id, item);
      byRef.set(i.key, item);
    }
  }
  return byRef;
}

type Answer = { item: string; expected: number | null; perceived: number | null; origin: Origin };

/**
 * One answer as stored (ratings as answered), or null when the item was not
 * answered or a cell is wrong (then reported, and the response is refused).
 */
function answerOf(raw: RawAnswer, item: Item, version: ImportVersion, context: ImportContext, problems: ProblemList): Answer | null {
  const L = version.snapshot.scale;
  const flip = (x: number) => reverseScore(x, L, item.reverse);
  if (raw.criterion?.value && raw.criterion.value !== item.criterionKey && raw.criterion.value !== item.criterionId) {
    problems.add(raw.criterion.row, raw.criterion.column, "criterionMismatch", {
      ref: raw.ref.value,
      criterion: item.criterionKey,
      version: version.number,
    });
  }
  if (raw.reverse?.value && /^(true|false)$/i.test(raw.reverse.value) && (raw.reverse.value.toLowerCase() === "true") !== item.reverse) {
    problems.add(raw.reverse.row, raw.reverse.column, "reverseMismatch", { ref: item.key, reverse: String(item.reverse), version: version.number });
  }
  const status = raw.status?.value.toLowerCase() ?? "";
  if (status && !["rated", "not_applicable", "no_answer"].includes(status)) {
    problems.add(raw.status!.row, raw.status!.column, "invalidStatus");
    return null;
  }
  const cells = [raw.expected, raw.perceived, raw.expectedAnswered, raw.perceivedAnswered, raw.gap];
  if (status === "no_answer" || status === "not_applicable") {
    const filled = cells.find((c) => c && c.value !== "");
    if (filled) problems.add(filled.row, filled.column, "valueWithoutRating");
    return status === "no_answer" ? null : { item: item.id, expected: null, perceived: null, origin: originOf(raw) };
  }
  const side = (scoredCell: SourceCell | undefined, answeredCell: SourceCell | undefined) => {
    const scored = numberOf(scoredCell, problems);
    const answered = numberOf(answeredCell, problems);
    if (scored === undefined || answered === undefined) return { ok: false as const };
    if (answered !== null && scored !== null && flip(answered) !== scored) {
      problems.add(scoredCell!.row, scoredCell!.column, "answeredMismatch", { value: flip(answered) });
      return { ok: false as const };
    }
    const value = answered ?? (scored === null ? null : flip(scored));
    const column = answered !== null ? answeredCell!.column : (scoredCell?.column ?? answeredCell?.column ?? "");
    return { ok: true as const, value, column };
  };
  const e = side(raw.expected, raw.expectedAnswered);
  const p = side(raw.perceived, raw.perceivedAnswered);
  if (!e.ok || !p.ok) return null;
  if (status === "rated" && (e.value === null || p.value === null)) {
    const empty = e.value === null ? (raw.expected ?? raw.expectedAnswered)! : (raw.perceived ?? raw.perceivedAnswered)!;
    problems.add(empty.row, empty.column, "ratingMissing");
    return null;
  }
  if (raw.gap && raw.gap.value !== "") {
    const gap = numberOf(raw.gap, problems);
    if (e.value === null || p.value === null) problems.add(raw.gap.row, raw.gap.column, "gapWithoutRatings");
    else if (typeof gap === "number") {
      const want = context.sign === "e-p" ? flip(e.value) - flip(p.value) : flip(p.value) - flip(e.value);
      if (Math.abs(gap - want) > 1e-9)
        problems.add(raw.gap.row, raw.gap.column, "gapMismatch", { value: want, convention: context.sign === "p-e" ? "servqual" : "ours" });
    }
  }
  return { item: item.id, expected: e.value, perceived: p.value, origin: { ...originOf(raw), expected: e.column, perceived: p.column } };
}

function originOf(raw: RawAnswer): Origin {
  const expected = raw.expected?.column ?? raw.expectedAnswered?.column ?? raw.ref.column;
  const perceived = raw.perceived?.column ?? raw.perceivedAnswered?.column ?? raw.ref.column;
  return { row: raw.ref.row, item: raw.ref.column, expected, perceived };
}

type Keyed = { criterionId: string; cell: SourceCell };

/** Comments and importance points per criterion; long-format rows of one criterion must agree. */
function perCriterion(entries: Keyed[], problems: ProblemList, conflict: "commentConflict" | "importanceConflict") {
  const out = new Map<string, SourceCell>();
  for (const { criterionId, cell } of entries) {
    if (cell.value === "") continue;
    const first = out.get(criterionId);
    if (!first) out.set(criterionId, cell);
    else if (first.value !== cell.value) problems.add(cell.row, cell.column, conflict, { other: first.row });
  }
  return out;
}

export function resolveResponse(raw: RawResponse, context: ImportContext, problems: ProblemList): PlannedResponse | null {
  const before = problems.count;
  const version = versionOf(raw, context, problems);
  const submittedAt = timeOf(raw.submittedAt, context, problems);
  const language = raw.language?.value || "";
  if (language && !languages.includes(language)) problems.add(raw.language!.row, raw.language!.column, "unknownLanguage");
  const segment = raw.segment?.value ?? "";
  if (segment.length > 100) problems.add(raw.segment!.row, raw.segment!.column, "tooLong", { limit: 100 });
  else if (segment && context.segments.length > 0 && !context.segments.includes(segment)) {
    problems.add(raw.segment!.row, raw.segment!.column, "unknownSegment", { segments: context.segments.join(", ") });
  }
  if (!version) return null;

  const items = itemsOf(version.snapshot);
  const answers: Answer[] = [];
  const comments: Keyed[] = [...raw.comments];
  const weights: Keyed[] = [...raw.weights];
  for (const a of raw.answers) {
    const item = items.get(a.ref.value);
    if (!item) {
      const filled = [a.expected, a.perceived, a.expectedAnswered, a.perceivedAnswered, a.gap].find((c) => c && c.value !== "");
      // A wide column of an item another version has: fine while empty.
      if (!a.optional || filled)
        problems.add(a.ref.row, a.optional ? filled!.column : a.ref.column, "itemNotInVersion", { ref: a.ref.value, version: version.number });
      continue;
    }
    if (a.comment) comments.push({ criterionId: item.criterionId, cell: a.comment });
    if (a.importance) weights.push({ criterionId: item.criterionId, cell: a.importance });
    const answer = answerOf(a, item, version, context, problems);
    if (answer) answers.push(answer);
  }
  const commentCells = perCriterion(comments, problems, "commentConflict");
  const weightCells = perCriterion(weights, problems, "importanceConflict");
  for (const cell of commentCells.values()) if (cell.value.length > 2000) problems.add(cell.row, cell.column, "tooLong", { limit: 2000 });
  const weightValues: Record<string, number> = {};
  for (const [criterionId, cell] of weightCells) {
    const points = numeric.test(cell.value) ? Number(cell.value) : Number.NaN;
    if (!(points >= 0 && points <= 100)) problems.add(cell.row, cell.column, "importanceInvalid");
    else weightValues[criterionId] = points;
  }
  if (answers.length === 0 && problems.count === before) problems.add(raw.row, "response_id", "noAnswers");

  // Checked even after other problems, so the report lists every one of them.
  const checked = checkCustomerResponse(version.snapshot, {
    answers: answers.map(({ item, expected, perceived }) => ({ item, expected, perceived })),
    comments: Object.fromEntries([...commentCells].map(([id, cell]) => [id, cell.value])),
    weights: Object.keys(weightValues).length > 0 ? weightValues : undefined,
  });
  if (!checked.ok) {
    for (const p of checked.problems) {
      const [head, key, field] = p.path.split(".");
      if (head === "answers") {
        const origin = answers[Number(key)].origin;
        const column =
          field === "expected" ? origin.expected : field === "perceived" ? origin.perceived : p.code === "halfPair" ? origin.expected : origin.item;
        problems.add(origin.row, column, p.code as "halfPair", { ref: answers[Number(key)].item, scale: version.snapshot.scale });
      } else if (head === "comments") {
        const cell = commentCells.get(key);
        problems.add(cell?.row ?? raw.row, cell?.column ?? "comment", "unknownCriterion", { ref: key });
      } else {
        const cell = key ? weightCells.get(key) : [...weightCells.values()][0];
        problems.add(cell?.row ?? raw.row, cell?.column ?? "importance", p.code === "weightsSum" ? "weightsSum" : "unknownCriterion", {
          ref: key ?? "",
        });
      }
    }
    return null;
  }
  if (problems.count > before || submittedAt === null) return null;
  return {
    responseId: raw.id,
    row: raw.row,
    version,
    segment,
    language: language || version.snapshot.languages[0] || "en",
    submittedAt,
    value: checked.value,
  };
}
