import type { VersionSnapshot } from "@/db/schema";
import { reverseMark } from "@/lib/exports/wide-columns";
import { unneutralize } from "./csv-records";
import type { ProblemList } from "./problems";

// CSV records → responses still as text, each cell remembering its row and
// column for the report, record by record as the file streams in. Long:
// rows grouped by response_id; wide: one row per response. Nothing here knows ratings or versions beyond the header.

export type SourceCell = { value: string; row: number; column: string };

export type RawAnswer = {
  /** The item's key or id (wide: the id resolved from the header). */
  ref: SourceCell;
  expected?: SourceCell;
  perceived?: SourceCell;
  expectedAnswered?: SourceCell;
  perceivedAnswered?: SourceCell;
  gap?: SourceCell;
  status?: SourceCell;
  reverse?: SourceCell;
  criterion?: SourceCell;
  /** Long format: the comment and importance of the item's criterion, repeated on each row. */
  comment?: SourceCell;
  importance?: SourceCell;
  /** Wide format: a column of an item that the response's version may not have. */
  optional?: boolean;
};

export type RawResponse = {
  id: string;
  row: number;
  version?: SourceCell;
  segment?: SourceCell;
  language?: SourceCell;
  submittedAt?: SourceCell;
  answers: RawAnswer[];
  /** Wide format: per criterion (id). */
  comments: { criterionId: string; cell: SourceCell }[];
  weights: { criterionId: string; cell: SourceCell }[];
};

export type ImportFormat = "long" | "wide";

const wideColumn = /^(.+)\.(expected|perceived|gap|comment|importance)$/;

/** Long when the header has an `item` column, wide when it has `<item>.expected` columns. */
export function detectFormat(header: string[]): ImportFormat | null {
  const names = header.map((h) => h.trim().toLowerCase());
  if (names.includes("item")) return "long";
  if (header.some((h) => /^.+\.(expected|perceived)$/.test(h.trim()))) return "wide";
  return null;
}

type Header = { names: string[]; index: Map<string, number> };

function readHeader(record: string[], problems: ProblemList): Header {
  const names = record.map((h) => h.trim());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    const key = wideColumn.test(name) ? name : name.toLowerCase();
    if (!name) return;
    if (index.has(key)) problems.add(1, name, "duplicateColumn");
    else index.set(key, i);
  });
  return { names, index };
}

const isBlank = (record: string[]) => record.every((c) => c.trim() === "");

function cellAt(record: string[], header: Header, name: string, row: number): SourceCell | undefined {
  const i = header.index.get(name);
  if (i === undefined) return undefined;
  return { value: unneutralize(record[i] ?? "").trim(), row, column: header.names[i] };
}

function responseIdOf(record: string[], header: Header, row: number, problems: ProblemList): string | null {
  const cell = cellAt(record, header, "response_id", row)!;
  if (!cell.value) problems.add(row, cell.column, "missingResponseId");
  else if (cell.value.length > 100) problems.add(row, cell.column, "responseIdTooLong");
  else return cell.value;
  return null;
}

const responseFields = ["version", "segment", "language", "submitted_at"] as const;

function newResponse(id: string, record: string[], header: Header, row: number): RawResponse {
  return {
    id,
    row,
    version: cellAt(record, header, "version", row),
    segment: cellAt(record, header, "segment", row),
    language: cellAt(record, header, "language", row),
    submittedAt: cellAt(record, header, "submitted_at", row),
    answers: [],
    comments: [],
    weights: [],
  };
}

function requireColumns(header: Header, names: string[], problems: ProblemList): boolean {
  const missing = names.filter((n) => !header.index.has(n));
  for (const name of missing) problems.add(1, name, "missingColumn", { name });
  return missing.length === 0;
}

/** Long format: one row per response × item, grouped by response_id (rows of a response need not be adjacent, so the groups are kept to the end). */
export class LongReader {
  private readonly header: Header;
  private readonly byId = new Map<string, RawResponse>();
  /** False when the header lacks a needed column (reported): no row is read then. */
  readonly ok: boolean;

  constructor(
    headerRecord: string[],
    private readonly problems: ProblemList,
  ) {
    this.header = readHeader(headerRecord, problems);
    const hasScored = this.header.index.has("expected") && this.header.index.has("perceived");
    const hasAnswered = this.header.index.has("expected_as_answered") && this.header.index.has("perceived_as_answered");
    const ratingColumns = hasScored || !hasAnswered ? ["expected", "perceived"] : [];
    this.ok = requireColumns(this.header, ["response_id", "item", ...ratingColumns], problems);
  }

  read(record: string[], row: number): void {
    const { header, problems } = this;
    if (!this.ok || isBlank(record)) return;
    const id = responseIdOf(record, header, row, problems);
    if (id === null) return;
    let response = this.byId.get(id);
    if (!response) {
      response = newResponse(id, record, header, row);
      this.byId.set(id, response);
    } else {
      for (const field of responseFields) {
        const first = response[field === "submitted_at" ? "submittedAt" : field];
        const here = cellAt(record, header, field, row);
        if (first && here && first.value !== here.value) problems.add(row, here.column, "inconsistent", { other: first.row, value: first.value });
      }
    }
    const at = (name: string) => cellAt(record, header, name, row);
    response.answers.push({
      ref: at("item")!,
      expected: at("expected"),
      perceived: at("perceived"),
      expectedAnswered: at("expected_as_answered"),
      perceivedAnswered: at("perceived_as_answered"),
      gap: at("gap"),
      status: at("answer"),
      reverse: at("reverse_scored"),
      criterion: at("criterion"),
      comment: at("comment"),
      importance: at("importance"),
    });
  }

  /** Every response read, in the order of their first rows. */
  finish(): RawResponse[] {
    const out = [...this.byId.values()];
    this.byId.clear();
    return out;
  }
}

export type Catalogue = { items: Map<string, string>; criteria: Map<string, string> };

/** Every item and criterion of the study's versions by key and by id, the newest version's keys first. */
export function catalogueOf(snapshots: VersionSnapshot[]): Catalogue {
  const items = new Map<string, string>();
  const criteria = new Map<string, string>();
  for (const s of snapshots) {
    for (const c of s.criteria) {
      if (!criteria.has(c.key)) criteria.set(c.key, c.id);
      criteria.set(c.id, c.id);
      for (const i of c.items) {
        if (!items.has(i.key)) items.set(i.key, i.id);
        items.set(i.id, i.id);
      }
    }
  }
  return { items, criteria };
}

/** Wide format: one row per response, `<item>.expected`/`.perceived` columns, `<criterion>.comment`/`.importance`. */
export class WideReader {
  private readonly header: Header;
  private readonly pairs = new Map<string, { expected?: string; perceived?: string; gap?: string }>();
  private readonly comments: { criterionId: string; column: string }[] = [];
  private readonly weights: { criterionId: string; column: string }[] = [];
  /** Row of each response id seen, to report a repeated one. */
  private readonly seen = new Map<string, number>();
  readonly ok: boolean;

  constructor(
    headerRecord: string[],
    catalogue: Catalogue,
    private readonly problems: ProblemList,
  ) {
    const header = (this.header = readHeader(headerRecord, problems));
    this.ok = requireColumns(header, ["response_id"], problems);
    if (!this.ok) return;
    for (const name of header.names) {
      const match = wideColumn.exec(name);
      if (!match) continue;
      const [, ref, kind] = match;
      if (kind === "comment" || kind === "importance") {
        const criterionId = catalogue.criteria.get(ref);
        if (!criterionId) problems.add(1, name, "unknownColumnCriterion", { ref });
        else (kind === "comment" ? this.comments : this.weights).push({ criterionId, column: name });
        continue;
      }
      // "<key>_R": the exports mark a reverse-scored item so (its values are recoded either way).
      const itemId = catalogue.items.get(ref) ?? (ref.endsWith(reverseMark) ? catalogue.items.get(ref.slice(0, -reverseMark.length)) : undefined);
      if (!itemId) {
        problems.add(1, name, "unknownColumnItem", { ref });
        continue;
      }
      const pair = this.pairs.get(itemId) ?? {};
      pair[kind as "expected" | "perceived" | "gap"] = name;
      this.pairs.set(itemId, pair);
    }
    for (const pair of this.pairs.values()) {
      const some = pair.expected ?? pair.perceived ?? pair.gap ?? "";
      const stem = some.slice(0, some.lastIndexOf("."));
      if (!pair.expected) problems.add(1, `${stem}.expected`, "missingColumn", { name: `${stem}.expected` });
      if (!pair.perceived) problems.add(1, `${stem}.perceived`, "missingColumn", { name: `${stem}.perceived` });
    }
  }

  /** The response of one row, or null (a blank row, or a problem reported). */
  read(record: string[], row: number): RawResponse | null {
    const { header, problems } = this;
    if (!this.ok || isBlank(record)) return null;
    const id = responseIdOf(record, header, row, problems);
    if (id === null) return null;
    const earlier = this.seen.get(id);
    if (earlier !== undefined) {
      problems.add(row, header.names[header.index.get("response_id")!], "duplicateResponse", { other: earlier });
      return null;
    }
    this.seen.set(id, row);
    const response = newResponse(id, record, header, row);
    const at = (name: string | undefined) => (name ? cellAt(record, header, name, row) : undefined);
    for (const [itemId, pair] of this.pairs) {
      if (!pair.expected || !pair.perceived) continue;
      response.answers.push({
        ref: { value: itemId, row, column: pair.expected },
        expected: at(pair.expected),
        perceived: at(pair.perceived),
        gap: at(pair.gap),
        optional: true,
      });
    }
    for (const c of this.comments) response.comments.push({ criterionId: c.criterionId, cell: at(c.column)! });
    for (const w of this.weights) response.weights.push({ criterionId: w.criterionId, cell: at(w.column)! });
    return response;
  }
}
