// "What to fix first" (API.md): the criteria a manager should work on first,
// in order. Computed once, here; the dashboard, the report and GET /results
// all show this list and nothing else.
//
// The rule:
//  1. Candidates are the criteria with a significant shortfall: the verdict
//     of METHOD.md §4 is "shortfall" (the 95% CI of the criterion gap lies
//     above 0), the same test every gap in the product uses.
//  2. They are ranked by weighted shortfall w_c × Ḡ_c (the criterion's share
//     of SQ, manager's weight points / 100 × gap), largest first; equal
//     weighted shortfalls by the larger gap, then in the version's order.
//  3. The first `focusSize` (3) of that ranking are the focus: enough to act
//     on, few enough to act on at once.
//  4. The criterion with the largest gap of all (first in the version's
//     order on a tie) is always included when its gap is a significant
//     shortfall: if the ranking left it out (a low weight), it is added last.
//     So the focus holds at most four criteria, and none when no criterion
//     falls significantly short.
// Importance–performance quadrants play no part: the grid is a second view.

import type { Verdict } from "./types";

/** How many of the weighted ranking lead the focus (the largest-gap criterion may add one more). */
export const focusSize = 3;

export type FocusInput = {
  key: string;
  /** Manager's weight points, 0…100. */
  weight: number;
  gap: { mean: number | null; verdict: Verdict | null };
};

const isShortfall = (c: FocusInput): c is FocusInput & { gap: { mean: number } } => c.gap.verdict === "shortfall" && c.gap.mean !== null;

/** The focus criteria's keys, in the order to work on them. */
export function focusCriteria(criteria: readonly FocusInput[]): string[] {
  const order = new Map(criteria.map((c, i) => [c.key, i]));
  const ranked = criteria
    .filter(isShortfall)
    .map((c) => ({ key: c.key, gap: c.gap.mean, weighted: (c.weight / 100) * c.gap.mean }))
    .sort((a, b) => b.weighted - a.weighted || b.gap - a.gap || order.get(a.key)! - order.get(b.key)!);
  const focus = ranked.slice(0, focusSize).map((c) => c.key);

  let largest: FocusInput | null = null;
  for (const c of criteria) if (c.gap.mean !== null && (largest === null || c.gap.mean > largest.gap.mean!)) largest = c;
  if (largest && isShortfall(largest) && !focus.includes(largest.key)) focus.push(largest.key);
  return focus;
}
