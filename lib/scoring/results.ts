// The `results` document of API.md, computed from merged aggregates only.
// Numbers are unrounded; whatever cannot be computed is null, never NaN.

import { addMoments, emptyMoments, meanOf, meanStat, pairedGapStat } from "./statistics";
import { meanItemGap, unweightedGap, weightedQuality, type QualityReason } from "./quality";
import { cronbachAlpha } from "./reliability";
import { focusCriteria } from "./focus";
import { importancePerformance, type ImportancePerformance } from "./importance-performance";
import {
  computeFiveGaps,
  rankCauses,
  type GapResult,
  type GroupMoments,
  type RankedCause,
  type CauseFactorMoments,
  type RatingGroup,
} from "./five-gaps";
import { alphaKey, emptyAggregate, type CauseFactorDefinition, type CustomerAggregate, type PerspectiveAggregate } from "./aggregates";
import type { GapStat, MeanStat, Moments, Perspective, Scale, VersionDefinition } from "./types";

export type ResultsInput = {
  /**
   * The newest version inside the filter: its weights apply (§3.5), its
   * scale is reported and its criteria and items are listed, in its order.
   */
  version: VersionDefinition;
  /** Customer buckets of the filter, merged. */
  customer: CustomerAggregate;
  /** Perspective buckets of the filter, merged; absent = no answers. */
  perspectives?: Partial<Record<Perspective, PerspectiveAggregate>>;
  /** Items of older versions in the filter that the newest one dropped, listed after its own. */
  otherItems?: { id: string; key: string; criterionKey: string }[];
  /** Cause statements and the gap each explains; their ratings pool over all perspectives. */
  causeFactors?: CauseFactorDefinition[];
};

export type CriterionResult = {
  key: string;
  weight: number;
  n: number;
  expected: MeanStat;
  perceived: MeanStat;
  gap: GapStat;
  alpha: { expected: number | null; perceived: number | null };
  customerWeight: MeanStat | null;
};

export type ItemResult = { key: string; criterion: string; n: number; expected: MeanStat; perceived: MeanStat; gap: GapStat };

export type Results = {
  n: number;
  scale: Scale;
  expectedQuality: number | null;
  perceivedQuality: number | null;
  serviceQualityGap: number | null;
  unweightedGap: number | null;
  meanItemGap: number | null;
  qualityReason: QualityReason | null;
  criteria: CriterionResult[];
  items: ItemResult[];
  gaps: Record<"1" | "2" | "3" | "4" | "5", GapResult>;
  importancePerformance: ImportancePerformance & { source: "manager" | "customers" };
  /** What to fix first (API.md): criterion keys in order, see focusCriteria. */
  focus: string[];
  causes: Record<"1" | "2" | "3" | "4", RankedCause[]>;
  /**
   * The level of each group per criterion (mean of respondent criterion
   * scores) and its n: the chain E → M → S → D → P with C that shows where
   * the level drops (§5). Null mean when the group has no data there.
   */
  levels: Record<string, Record<RatingGroup, { mean: number | null; n: number }>>;
};

const none = emptyMoments();

function itemResult(key: string, criterion: string, id: string, customer: CustomerAggregate): ItemResult {
  const pair = customer.items[id];
  return {
    key,
    criterion,
    n: pair?.gap.n ?? 0,
    expected: meanStat(pair?.expected ?? none),
    perceived: meanStat(pair?.perceived ?? none),
    gap: pairedGapStat(pair?.gap ?? none),
  };
}

export function computeResults(input: ResultsInput): Results {
  const { version, customer } = input;
  const perspectives = input.perspectives ?? {};

  const criteria: CriterionResult[] = version.criteria.map((c) => {
    const agg = customer.criteria[c.id];
    const scores = agg?.scores;
    // α belongs to the item set of the version whose weights apply; complete
    // cases of another item set (an older version) are a different scale.
    const alpha = agg?.alpha[alphaKey(c.items.map((i) => i.id))];
    const weight = agg?.customerWeight ?? none;
    return {
      key: c.key,
      weight: c.weight,
      n: scores?.gap.n ?? 0,
      expected: meanStat(scores?.expected ?? none),
      perceived: meanStat(scores?.perceived ?? none),
      gap: pairedGapStat(scores?.gap ?? none),
      alpha: {
        expected: alpha ? cronbachAlpha(alpha.expected) : null,
        perceived: alpha ? cronbachAlpha(alpha.perceived) : null,
      },
      customerWeight: weight.n > 0 ? meanStat(weight) : null,
    };
  });

  const quality = weightedQuality(
    criteria.map((c) => ({ key: c.key, weight: c.weight, expectedMean: c.expected.mean, perceivedMean: c.perceived.mean })),
  );

  const listed = new Set<string>();
  const items: ItemResult[] = [];
  for (const c of version.criteria) {
    for (const i of c.items) {
      listed.add(i.id);
      items.push(itemResult(i.key, c.key, i.id, customer));
    }
  }
  for (const i of input.otherItems ?? []) {
    if (!listed.has(i.id)) items.push(itemResult(i.key, i.criterionKey, i.id, customer));
  }

  const groups: Record<RatingGroup, GroupMoments | null> = {
    E: customerGroup(customer, "expected"),
    P: customerGroup(customer, "perceived"),
    M: perspectiveGroup(perspectives.management),
    S: perspectiveGroup(perspectives.standard),
    D: perspectiveGroup(perspectives.delivery),
    C: perspectiveGroup(perspectives.communication),
  };
  const gaps = computeFiveGaps({
    version,
    groups,
    customerCriterionGaps: Object.fromEntries(Object.entries(customer.criteria).map(([id, c]) => [id, c.scores.gap])),
  });

  // §4: importance is the customers' points when the survey asked them, else the manager's.
  const asked = criteria.some((c) => c.customerWeight !== null);
  const ipa = importancePerformance(
    criteria.map((c) => ({
      key: c.key,
      importance: asked ? (c.customerWeight?.mean ?? null) : c.weight,
      performance: c.perceived.mean,
    })),
  );

  return {
    n: customer.responses,
    scale: version.scale,
    expectedQuality: quality.expectedQuality,
    perceivedQuality: quality.perceivedQuality,
    serviceQualityGap: quality.serviceQualityGap,
    unweightedGap: unweightedGap(criteria.map((c) => c.gap.mean)),
    // Pooled over every counted pair in the filter, also of items a newer version dropped.
    meanItemGap: meanItemGap(Object.values(customer.items).map((p) => p.gap)),
    qualityReason: quality.reason,
    criteria,
    items,
    gaps,
    importancePerformance: { ...ipa, source: asked ? "customers" : "manager" },
    focus: focusCriteria(criteria),
    causes: rankCauses(causeMoments(input.causeFactors ?? [], perspectives), version.scale),
    levels: Object.fromEntries(
      version.criteria.map((c) => [
        c.key,
        Object.fromEntries(
          (Object.keys(groups) as RatingGroup[]).map((g) => {
            const m = groups[g]?.criteria[c.id];
            return [g, { mean: m ? meanOf(m) : null, n: m?.n ?? 0 }];
          }),
        ) as Record<RatingGroup, { mean: number | null; n: number }>,
      ]),
    ),
  };
}

function customerGroup(customer: CustomerAggregate, side: "expected" | "perceived"): GroupMoments {
  return {
    responses: customer.responses,
    items: Object.fromEntries(Object.entries(customer.items).map(([id, p]) => [id, p[side]])),
    criteria: Object.fromEntries(Object.entries(customer.criteria).map(([id, c]) => [id, c.scores[side]])),
  };
}

function perspectiveGroup(agg: PerspectiveAggregate | undefined): GroupMoments | null {
  return agg ? { responses: agg.responses, items: agg.items, criteria: agg.criteria } : null;
}

function causeMoments(factors: CauseFactorDefinition[], perspectives: Partial<Record<Perspective, PerspectiveAggregate>>): CauseFactorMoments[] {
  return factors.map((f) => ({
    key: f.key,
    gap: f.gap,
    moments: Object.values(perspectives).reduce<Moments>(
      (m, agg) => (agg && Object.hasOwn(agg.causes, f.key) ? addMoments(m, agg.causes[f.key]) : m),
      emptyMoments(),
    ),
  }));
}

/** Results of a filter with no responses at all: every figure null, n 0. */
export const emptyResults = (version: VersionDefinition): Results => computeResults({ version, customer: emptyAggregate() });
