import type { GapStat, MeanStat } from "@/lib/scoring/types";
import type { Results } from "@/lib/scoring/results";
import type { Names } from "@/lib/results/dashboard";
import type { Cell } from "./csv";

// The results document as tables: unrounded numbers (like the API), gaps
// E − P (positive = shortfall), empty where a value cannot be computed.

const meanColumns = (side: string) => [`${side}_mean`, `${side}_sd`, `${side}_ci_low`, `${side}_ci_high`];
const meanCells = (m: MeanStat): Cell[] => [m.mean, m.sd, m.ci?.[0], m.ci?.[1]];
const gapColumns = [...meanColumns("gap"), "gap_t", "gap_p", "verdict"];
const gapCells = (g: GapStat): Cell[] => [...meanCells(g), g.t, g.p, g.verdict];

export const criteriaHeader = [
  "criterion",
  "name",
  "weight",
  "n",
  ...meanColumns("expected"),
  ...meanColumns("perceived"),
  ...gapColumns,
  "weighted_gap",
  "alpha_expected",
  "alpha_perceived",
  "quadrant",
];

export function criteriaRows(results: Results, names: Names): Cell[][] {
  const quadrants = new Map(results.importancePerformance.criteria.map((c) => [c.key, c.quadrant]));
  return results.criteria.map((c) => [
    c.key,
    names.criterion(c.key),
    c.weight,
    c.n,
    ...meanCells(c.expected),
    ...meanCells(c.perceived),
    ...gapCells(c.gap),
    c.gap.mean === null ? null : (c.weight / 100) * c.gap.mean,
    c.alpha.expected,
    c.alpha.perceived,
    quadrants.get(c.key) ?? null,
  ]);
}

export const itemsHeader = ["item", "criterion", "text", "n", ...meanColumns("expected"), ...meanColumns("perceived"), ...gapColumns];

export function itemRows(results: Results, names: Names): Cell[][] {
  return results.items.map((i) => [
    i.key,
    i.criterion,
    names.item(i.key),
    i.n,
    ...meanCells(i.expected),
    ...meanCells(i.perceived),
    ...gapCells(i.gap),
  ]);
}

export type SummaryContext = {
  study: string;
  provider: string;
  filter: string;
  weightsVersion: number;
  exportedAt: string;
};

/** Label–value pairs of the headline figures. */
export function headlineRows(results: Results, context: SummaryContext): Cell[][] {
  return [
    ["study", context.study],
    ["provider", context.provider],
    ["filter", context.filter],
    ["exported_at", context.exportedAt],
    ["weights_version", context.weightsVersion],
    ["scale", results.scale],
    ["responses", results.n],
    ["expected_quality", results.expectedQuality],
    ["perceived_quality", results.perceivedQuality],
    ["service_quality_gap", results.serviceQualityGap],
    ["unweighted_gap", results.unweightedGap],
    ["mean_item_gap", results.meanItemGap],
    ["quality_not_computed_because", results.qualityReason ? describeReason(results.qualityReason) : null],
    ["sign_convention", "gap = expected - perceived; positive = shortfall"],
  ];
}

function describeReason(reason: NonNullable<Results["qualityReason"]>): string {
  return reason.code === "criterion-without-data"
    ? `no data for weighted criteria: ${reason.criteria.join(", ")}`
    : `invalid weights: ${reason.problems.join("; ")}`;
}

/** The summary CSV: one table, a `level` column telling overall, criterion and item rows apart. */
export function summaryTable(results: Results, names: Names): { header: string[]; rows: Cell[][] } {
  const header = [
    "level",
    "key",
    "criterion",
    "name",
    "weight",
    "n",
    ...meanColumns("expected"),
    ...meanColumns("perceived"),
    ...gapColumns,
    "weighted_gap",
    "alpha_expected",
    "alpha_perceived",
  ];
  const overall: Cell[] = [
    "overall",
    "service_quality",
    "",
    "",
    100,
    results.n,
    results.expectedQuality,
    null,
    null,
    null,
    results.perceivedQuality,
    null,
    null,
    null,
    results.serviceQualityGap,
    null,
    null,
    null,
    null,
    null,
    null,
    results.serviceQualityGap,
    null,
    null,
  ];
  const criteria = results.criteria.map((c): Cell[] => [
    "criterion",
    c.key,
    c.key,
    names.criterion(c.key),
    c.weight,
    c.n,
    ...meanCells(c.expected),
    ...meanCells(c.perceived),
    ...gapCells(c.gap),
    c.gap.mean === null ? null : (c.weight / 100) * c.gap.mean,
    c.alpha.expected,
    c.alpha.perceived,
  ]);
  const items = results.items.map((i): Cell[] => [
    "item",
    i.key,
    i.criterion,
    names.item(i.key),
    null,
    i.n,
    ...meanCells(i.expected),
    ...meanCells(i.perceived),
    ...gapCells(i.gap),
    null,
    null,
    null,
  ]);
  return { header, rows: [overall, ...criteria, ...items] };
}
