// Cronbach's α (METHOD.md §4) from complete-case running sums:
// α = k/(k−1)·(1 − Σs²_i / s²_total).

import { momentsOf, varianceOf } from "./statistics";
import type { AlphaMoments } from "./types";

/**
 * Null when k < 2 or n < 2 (§4), and when s²_total = 0: every respondent
 * gave the same total, so the ratio is 0/0 or undefined and any number
 * would be invented. Null too if the item sums do not share the total's n,
 * which only corrupt sums can produce.
 */
export function cronbachAlpha(m: AlphaMoments): number | null {
  const k = m.items.length;
  const n = m.total.n;
  if (k < 2 || n < 2) return null;
  if (m.items.some((item) => item.n !== n)) return null;
  const totalVariance = varianceOf(m.total);
  if (totalVariance === null || totalVariance === 0) return null;
  let itemVariances = 0;
  for (const item of m.items) itemVariances += varianceOf(item) ?? 0;
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

/** α of a respondents × items matrix (all rows complete), via the same sums. */
export function cronbachAlphaFromMatrix(rows: number[][]): number | null {
  const k = rows.length > 0 ? rows[0].length : 0;
  if (rows.some((r) => r.length !== k)) throw new Error("every row needs the same number of items");
  const itemIds = Array.from({ length: k }, (_, i) => String(i));
  return cronbachAlpha({
    itemIds,
    items: itemIds.map((_, i) => momentsOf(rows.map((r) => r[i]))),
    total: momentsOf(rows.map((r) => r.reduce((s, x) => s + x, 0))),
  });
}
