// The vocabulary of the import report. A problem names the row as a
// spreadsheet shows it (the header is row 1) and the column by its header
// text; `code` and `params` let the UI translate it, `message` is the English
// text the CLI prints.

export type ImportProblem = {
  row: number;
  column: string;
  code: ImportProblemCode;
  params?: Record<string, string | number>;
  message: string;
};

type Params = Record<string, string | number>;

const messages = {
  emptyFile: () => "The file is empty.",
  unpublished: () => "The study has no published version yet: publish one before importing.",
  fileGone: () => "The checked file is no longer kept (a day at most): upload it again.",
  studyGone: () => "The study no longer exists.",
  jobFailed: () => "The import stopped on an error after several tries; nothing was stored. Try again, or tell your administrator.",
  fileTooLarge: (p: Params) => `The file is larger than ${p.limit} MB; split it into smaller files.`,
  tooManyRows: (p: Params) => `The file has more than ${p.limit} rows; split it into smaller files.`,
  notUtf8: () => 'The file could not be read as UTF-8, Big5 or GB18030 text; save it as "CSV UTF-8".',
  unterminatedQuote: () => 'A quoted cell is never closed (a " is missing).',
  notXlsx: () => "The file looks like an Excel workbook but could not be read; save it again as .xlsx or as CSV UTF-8.",
  noResponsesSheet: () => "No sheet of the workbook has a response_id column (the Responses sheet of an export has one).",
  quoteInField: () => "Text follows a closing quote; quote the whole cell.",
  unknownFormat: () => "The header is neither the long format (an item column) nor the wide format (<item>.expected columns).",
  missingColumn: (p: Params) => `The column "${p.name}" is missing.`,
  duplicateColumn: () => "This column appears twice in the header.",
  unknownColumnItem: (p: Params) => `"${p.ref}" is not an item of any version of this study.`,
  unknownColumnCriterion: (p: Params) => `"${p.ref}" is not a criterion of any version of this study.`,
  missingResponseId: () => "The response id is empty.",
  responseIdTooLong: () => "The response id is longer than 100 characters.",
  duplicateResponse: (p: Params) => `This response id already appears in row ${p.other}.`,
  inconsistent: (p: Params) => `Rows of the same response disagree: row ${p.other} says "${p.value}".`,
  unknownVersion: (p: Params) => `This study has no version ${p.value}.`,
  invalidDate: () => "Not a date and time; use ISO 8601, e.g. 2026-11-01T10:00:00Z.",
  futureDate: () => "The date lies in the future.",
  unknownLanguage: () => "The language must be en, zh-Hant or zh-Hans.",
  unknownSegment: (p: Params) => `Unknown segment; this study has: ${p.segments}.`,
  tooLong: (p: Params) => `Longer than ${p.limit} characters.`,
  itemNotInVersion: (p: Params) => `"${p.ref}" is not an item of version ${p.version}.`,
  criterionMismatch: (p: Params) => `Item "${p.ref}" belongs to criterion "${p.criterion}" in version ${p.version}.`,
  reverseMismatch: (p: Params) => `Item "${p.ref}" is ${p.reverse === "true" ? "" : "not "}reverse-scored in version ${p.version} of this study.`,
  invalidStatus: () => "The answer must be rated, not_applicable or no_answer.",
  valueWithoutRating: () => "This item is marked not rated, but the cell holds a value.",
  ratingMissing: () => "This item is marked rated, but the rating is empty.",
  notANumber: () => "Not a number.",
  answeredMismatch: (p: Params) => `The scored value should be ${p.value} for the rating as answered.`,
  gapMismatch: (p: Params) =>
    `The gap should be ${p.value} (${p.convention === "servqual" ? "perceived − expected" : "expected − perceived"}, as declared).`,
  gapWithoutRatings: () => "A gap is given but the item has no pair of ratings.",
  commentConflict: (p: Params) => `Rows of the same response give different comments for this criterion (row ${p.other}).`,
  importanceConflict: (p: Params) => `Rows of the same response give different importance points for this criterion (row ${p.other}).`,
  importanceInvalid: () => "Importance points are numbers from 0 to 100.",
  noAnswers: () => "The response has no answers.",
  // From checkCustomerResponse (lib/responses/check.ts).
  unknownItem: (p: Params) => `"${p.ref}" is not an item of this questionnaire version.`,
  duplicateItem: () => "This item is answered twice in the same response.",
  halfPair: () => "Rate both expected and perceived, or leave both empty (N/A).",
  ratingOutOfRange: (p: Params) => `Ratings are whole numbers from 1 to ${p.scale}.`,
  unknownCriterion: (p: Params) => `"${p.ref}" is not a criterion of this questionnaire version.`,
  weightsSum: () => "The importance points must sum to exactly 100.",
} satisfies Record<string, (p: Params) => string>;

export type ImportProblemCode = keyof typeof messages;

export const problemCodes = Object.keys(messages) as ImportProblemCode[];

/** Collects problems; past `cap` it only counts, so a broken 200,000-row file stays cheap to report. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  more = 0;
  constructor(private readonly cap = 10_000) {}

  add(row: number, column: string, code: ImportProblemCode, params: Params = {}): void {
    if (this.items.length >= this.cap) {
      this.more++;
      return;
    }
    this.items.push({ row, column, code, ...(Object.keys(params).length > 0 ? { params } : {}), message: messages[code](params) });
  }

  get count(): number {
    return this.items.length + this.more;
  }

  /** By row, as a reader scans a spreadsheet; within a row in the order found (left to right). */
  sorted(): ImportProblem[] {
    return [...this.items].sort((a, b) => a.row - b.row);
  }
}

/** A problem of the file as a whole (row 0: no row of it). */
export function fileProblem(code: ImportProblemCode, params: Params = {}): ImportProblem {
  const list = new ProblemList();
  list.add(0, "", code, params);
  return list.items[0];
}

export function formatProblem(p: ImportProblem): string {
  if (p.row === 0) return p.message;
  return p.column ? `row ${p.row}, column ${p.column}: ${p.message}` : `row ${p.row}: ${p.message}`;
}
