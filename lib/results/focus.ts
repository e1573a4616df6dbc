import type { Reader } from "@/db/client";
import { commentsOnCriterion } from "@/db/queries/focus";
import type { StudyRow, VersionRow } from "@/db/queries/studies";
import { criterionShare } from "@/lib/scoring/quality";
import type { CriterionResult, ItemResult, Results } from "@/lib/scoring/results";
import type { Quadrant } from "@/lib/scoring/importance-performance";
import type { RankedCause } from "@/lib/scoring/five-gaps";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { responseFilter } from "./response-filter";

// What the dashboard and the report show for each criterion of
// results.focus (lib/scoring/focus.ts decides which criteria; this only
// explains them): its worst items, a few comments, and the link of the
// five-gap chain that best explains the shortfall.

/** Items shown per focus criterion, and comments. */
export const focusItems = 3;
export const focusComments = 3;

export type FocusExplanation =
  /** No internal perspective has answered for any of gaps 1–4 on this criterion. */
  | { status: "no-staff-data" }
  /** Gaps 1–4 are known but none is a shortfall: the provider's side does not explain it. */
  | { status: "no-internal-gap" }
  /** The gap 1–4 with the largest value, and its weakest cause factor (null: none rated weak, or not rated yet). */
  | { status: "gap"; gap: 1 | 2 | 3 | 4; value: number; cause: RankedCause | null };

export type FocusEntry = {
  criterion: CriterionResult;
  weightedGap: number | null;
  quadrant: Quadrant | null;
  /** The criterion's items with the largest positive gaps, largest first. */
  items: ItemResult[];
  comments: string[];
  explanation: FocusExplanation;
};

/** The link of gaps 1–4 with the largest value on a criterion, as FocusExplanation says. */
export function explainCriterion(results: Pick<Results, "gaps" | "causes">, key: string): FocusExplanation {
  let best: { gap: 1 | 2 | 3 | 4; value: number } | null = null;
  let known = false;
  for (const gap of [1, 2, 3, 4] as const) {
    const value = results.gaps[`${gap}`].criteria[key] ?? null;
    if (value === null) continue;
    known = true;
    if (value > 0 && (best === null || value > best.value)) best = { gap, value };
  }
  if (!known) return { status: "no-staff-data" };
  if (best === null) return { status: "no-internal-gap" };
  return { status: "gap", ...best, cause: results.causes[`${best.gap}`][0] ?? null };
}

/** The focus criteria with their worst items and explanation; comments empty (loadFocus adds them). */
export function focusEntries(results: Results): FocusEntry[] {
  const quadrants = new Map(results.importancePerformance.criteria.map((c) => [c.key, c.quadrant]));
  return results.focus.flatMap((key) => {
    const criterion = results.criteria.find((c) => c.key === key);
    if (!criterion) return [];
    const items = results.items
      .filter((i) => i.criterion === key && i.gap.mean !== null && i.gap.mean > 0)
      .sort((a, b) => b.gap.mean! - a.gap.mean!)
      .slice(0, focusItems);
    return [
      {
        criterion,
        weightedGap: criterionShare(criterion.weight, criterion.gap.mean),
        quadrant: quadrants.get(key) ?? null,
        items,
        comments: [],
        explanation: explainCriterion(results, key),
      },
    ];
  });
}

/**
 * focusEntries with up to three distinct comments each: those on the
 * criterion from the responses with the largest weighted gap in the filter.
 * One bounded query per focus criterion (at most four).
 */
export async function loadFocus(
  db: Reader,
  study: Pick<StudyRow, "id">,
  filter: ResultsFilter,
  loaded: { results: Results; weightsVersion: VersionRow; versions: VersionRow[] },
): Promise<FocusEntry[]> {
  const entries = focusEntries(loaded.results);
  const raw = responseFilter(study.id, filter, loaded.versions);
  const idOf = new Map(loaded.weightsVersion.snapshot.criteria.map((c) => [c.key, c.id]));
  return Promise.all(
    entries.map(async (entry) => {
      const id = idOf.get(entry.criterion.key);
      // A few more rows than shown, so that the same words written twice appear once.
      const texts = id ? await commentsOnCriterion(db, raw, id, focusComments * 4) : [];
      return { ...entry, comments: [...new Set(texts.map((text) => text.trim()))].slice(0, focusComments) };
    }),
  );
}
