import type { Reader } from "@/db/client";
import { customerDayRange, segmentsWithResponses } from "@/db/queries/aggregates";
import type { StudyRow, VersionRow } from "@/db/queries/studies";
import { textIn } from "@/lib/i18n/localized-text";
import type { Quadrant } from "@/lib/scoring/importance-performance";
import { criterionShare } from "@/lib/scoring/quality";
import type { CriterionResult, Results } from "@/lib/scoring/results";
import type { Verdict } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { customerFilter, loadResults, type LoadedResults } from "./load-results";
import { isoDay, loadTrend, type Trend } from "./trend";

/** Below this many responses a mean is shown but flagged as too few to trust. */
export const lowN = 30;
/** Cronbach's α below this is flagged (a common rule of thumb for internal consistency). */
export const alphaThreshold = 0.7;

export type Names = {
  criterion: (key: string) => string;
  item: (key: string) => string;
};

/** Names of criteria and items from the versions' snapshots, newest first. */
export function namesOf(versions: VersionRow[], locale: string): Names {
  const criteria = new Map<string, string>();
  const items = new Map<string, string>();
  for (const v of [...versions].reverse()) {
    for (const c of v.snapshot.criteria) {
      if (!criteria.has(c.key)) criteria.set(c.key, textIn(c.name, locale, v.snapshot.languages) || c.key);
      for (const i of c.items) if (!items.has(i.key)) items.set(i.key, textIn(i.text, locale, v.snapshot.languages) || i.key);
    }
  }
  return { criterion: (key) => criteria.get(key) ?? key, item: (key) => items.get(key) ?? key };
}

export type RankedCriterion = CriterionResult & {
  /** w_c × Ḡ_c: the criterion's share of SQ (positive = shortfall). */
  weightedGap: number | null;
  quadrant: Quadrant | null;
};

/** Criteria ranked by weighted shortfall w_c × Ḡ_c, largest first; criteria without data last. */
export function rankCriteria(results: Results): RankedCriterion[] {
  const quadrants = new Map(results.importancePerformance.criteria.map((c) => [c.key, c.quadrant]));
  return results.criteria
    .map((c) => ({
      ...c,
      weightedGap: criterionShare(c.weight, c.gap.mean),
      quadrant: quadrants.get(c.key) ?? null,
    }))
    .sort((a, b) => (b.weightedGap ?? -Infinity) - (a.weightedGap ?? -Infinity));
}

export function verdictCounts(criteria: { gap: { verdict: Verdict | null } }[]) {
  const counts = { shortfall: 0, met: 0, exceeded: 0, none: 0 };
  for (const c of criteria) counts[c.gap.verdict ?? "none"]++;
  return counts;
}

export type Dashboard = {
  loaded: LoadedResults;
  trend: Trend;
  segments: string[];
  dataDays: { first: string; last: string } | null;
};

/** Everything the results page and the report show, from the aggregates only. */
export async function loadDashboard(db: Reader, study: StudyRow, filter: ResultsFilter): Promise<Dashboard> {
  const [loaded, range, withResponses] = await Promise.all([
    loadResults(db, study, filter),
    customerDayRange(db, study.id),
    segmentsWithResponses(db, study.id),
  ]);
  const segments = [...new Set([...study.segments, ...withResponses])].filter((s) => s !== "");
  const dataDays = range ? { first: isoDay(range.first), last: isoDay(range.last) } : null;
  if (loaded.status !== "ok") return { loaded, trend: { granularity: "day", points: [] }, segments, dataDays };
  const trend = await loadTrend(db, customerFilter(study.id, filter, loaded.filterVersions), versionDefinition(loaded.weightsVersion.snapshot));
  return { loaded, trend, segments, dataDays };
}
