import type { Reader } from "@/db/client";
import { exportCommentsOf, exportResponseBatch, type ExportCursor, type ExportResponseRow } from "@/db/queries/exports";
import type { ResponseFilter } from "@/db/queries/responses";
import type { VersionRow } from "@/db/queries/studies";
import { reverseScore, usableRating } from "@/lib/scoring/response-scores";
import type { Scale } from "@/lib/scoring/types";
import type { Cell } from "./csv";
import { wideColumnStem } from "./wide-columns";

// Raw responses, one batch of responses at a time, in submission order.
// Values are scored as every result is: a reverse-scored item's ratings are
// L + 1 − x (METHOD.md §2), so averaging a column reproduces the dashboard;
// the ratings as answered are kept in their own columns of the long format.

export const batchSize = 500;

export type ExportedResponse = {
  row: ExportResponseRow;
  answers: Map<string, { expected: number | null; perceived: number | null }>;
  comments: Map<string, string>;
};

type VersionInfo = {
  number: number;
  scale: Scale;
  items: { id: string; key: string; reverse: boolean; criterionId: string; criterionKey: string }[];
};

export type ExportLayout = {
  versions: Map<string, VersionInfo>;
  /** Every item of the versions, newest version's order first (reverse: in its newest version). */
  items: { id: string; key: string; reverse: boolean }[];
  criteria: { id: string; key: string }[];
  askedImportance: boolean;
};

export function exportLayout(versions: VersionRow[]): ExportLayout {
  const info = new Map<string, VersionInfo>();
  const items = new Map<string, { id: string; key: string; reverse: boolean }>();
  const criteria = new Map<string, { id: string; key: string }>();
  for (const v of [...versions].sort((a, b) => b.number - a.number)) {
    info.set(v.id, {
      number: v.number,
      scale: v.snapshot.scale,
      items: v.snapshot.criteria.flatMap((c) =>
        c.items.map((i) => ({ id: i.id, key: i.key, reverse: i.reverse, criterionId: c.id, criterionKey: c.key })),
      ),
    });
    for (const c of v.snapshot.criteria) {
      if (!criteria.has(c.id)) criteria.set(c.id, { id: c.id, key: c.key });
      for (const i of c.items) if (!items.has(i.id)) items.set(i.id, { id: i.id, key: i.key, reverse: i.reverse });
    }
  }
  return {
    versions: info,
    items: [...items.values()],
    criteria: [...criteria.values()],
    askedImportance: versions.some((v) => v.snapshot.askImportance),
  };
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Batches of responses with their answers and comments, read through `db` (a snapshot: see exportStudy). */
export async function* responseBatches(db: Reader, filter: ResponseFilter, size = batchSize): AsyncGenerator<ExportedResponse[]> {
  let cursor: ExportCursor = null;
  for (;;) {
    const rows = await exportResponseBatch(db, filter, cursor, size);
    if (rows.length === 0) return;
    const byId = new Map<string, ExportedResponse>(
      rows.map(({ row, answers }) => [row.id, { row, answers: new Map(answers.map((a) => [a.itemId, a])), comments: new Map() }]),
    );
    for (const c of await exportCommentsOf(db, [...byId.keys()])) byId.get(c.responseId)?.comments.set(c.criterionId, c.text);
    yield [...byId.values()];
    const last = rows[rows.length - 1].row;
    cursor = { submittedAt: last.submittedAt, id: last.id };
    if (rows.length < size) return;
    // Let other requests run between batches.
    await pause();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function scored(value: number | null | undefined, scale: Scale, reverse: boolean): number | null {
  const x = usableRating(value, scale);
  return x === null ? null : reverseScore(x, scale, reverse);
}

export const longHeader = [
  "response_id",
  "submitted_at",
  "version",
  "segment",
  "language",
  "criterion",
  "item",
  "expected",
  "perceived",
  "gap",
  "comment",
  "reverse_scored",
  "answer",
  "expected_as_answered",
  "perceived_as_answered",
  // The respondent's importance points for the row's criterion (constant-sum question), so an import carries them back.
  "importance",
];

/**
 * One row per response × item of its version (unanswered items included,
 * marked). A criterion's comment is on its first item's row only: repeated on
 * every row it read as many comments (an import reads it back either way).
 */
export function longRows(layout: ExportLayout, response: ExportedResponse): Cell[][] {
  const version = layout.versions.get(response.row.versionId);
  if (!version) return [];
  const weights = response.row.customerWeights;
  const commented = new Set<string>();
  return version.items.map((item) => {
    const firstOfCriterion = !commented.has(item.criterionId);
    commented.add(item.criterionId);
    const answer = response.answers.get(item.id);
    const e = scored(answer?.expected, version.scale, item.reverse);
    const p = scored(answer?.perceived, version.scale, item.reverse);
    const status = !answer ? "no_answer" : e !== null && p !== null ? "rated" : "not_applicable";
    return [
      response.row.id,
      iso(response.row.submittedAt),
      version.number,
      response.row.segment,
      response.row.language,
      item.criterionKey,
      item.key,
      e,
      p,
      e !== null && p !== null ? e - p : null,
      firstOfCriterion ? (response.comments.get(item.criterionId) ?? null) : null,
      item.reverse,
      status,
      answer?.expected ?? null,
      answer?.perceived ?? null,
      weights?.[item.criterionId] ?? null,
    ];
  });
}

export function wideHeader(layout: ExportLayout): string[] {
  return [
    "response_id",
    "submitted_at",
    "version",
    "segment",
    "language",
    ...layout.items.flatMap((i) => [`${wideColumnStem(i.key, i.reverse)}.expected`, `${wideColumnStem(i.key, i.reverse)}.perceived`]),
    ...layout.criteria.map((c) => `${c.key}.comment`),
    ...(layout.askedImportance ? layout.criteria.map((c) => `${c.key}.importance`) : []),
  ];
}

/** One row per response: scored ratings per item (empty for N/A or not in its version), comments, importance points. */
export function wideRow(layout: ExportLayout, response: ExportedResponse): Cell[] {
  const version = layout.versions.get(response.row.versionId);
  const reverse = new Map(version?.items.map((i) => [i.id, i.reverse]));
  const scale = version?.scale ?? 7;
  const weights = response.row.customerWeights;
  return [
    response.row.id,
    iso(response.row.submittedAt),
    version?.number ?? null,
    response.row.segment,
    response.row.language,
    ...layout.items.flatMap((i) => {
      const answer = response.answers.get(i.id);
      const e = scored(answer?.expected, scale, reverse.get(i.id) ?? false);
      const p = scored(answer?.perceived, scale, reverse.get(i.id) ?? false);
      // Half pairs do not count (METHOD.md §3); both cells stay empty.
      return e !== null && p !== null ? [e, p] : [null, null];
    }),
    ...layout.criteria.map((c) => response.comments.get(c.id) ?? null),
    ...(layout.askedImportance ? layout.criteria.map((c) => weights?.[c.id] ?? null) : []),
  ];
}
