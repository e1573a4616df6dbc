import { gapDefinitions, type GapNumber, type RatingGroup } from "@/lib/scoring/five-gaps";
import type { Results } from "@/lib/scoring/results";
import type { Names } from "@/lib/results/dashboard";
import type { Cell } from "./csv";

// The five-gap data as a table (METHOD.md §5): one row per criterion × gap,
// the gap unrounded with the two rating groups it compares and each one's
// level and n; then one row per gap's whole (criterion "all": Σ w_c·gap_c);
// the likely causes of gaps 1–4, weakest first, on the gap's rows.

export const gapsHeader = ["gap", "criterion", "name", "value", "group_a", "mean_a", "n_a", "group_b", "mean_b", "n_b", "likely_causes"];

const gapNumbers: GapNumber[] = [1, 2, 3, 4, 5];

export function gapsRows(results: Results, names: Names): Cell[][] {
  const rows: Cell[][] = [];
  for (const gap of gapNumbers) {
    const { a, b } = gapDefinitions[gap];
    const result = results.gaps[`${gap}`];
    const causes = gap === 5 ? "" : results.causes[`${gap}` as "1" | "2" | "3" | "4"].map((c) => c.key).join(" ");
    const level = (key: string, group: RatingGroup) => results.levels[key]?.[group];
    for (const criterion of results.criteria) {
      const la = level(criterion.key, a);
      const lb = level(criterion.key, b);
      rows.push([
        gap,
        criterion.key,
        names.criterion(criterion.key),
        result.criteria[criterion.key] ?? null,
        a,
        la?.mean ?? null,
        la?.n ?? 0,
        b,
        lb?.mean ?? null,
        lb?.n ?? 0,
        causes,
      ]);
    }
    rows.push([gap, "all", "", result.total, a, null, null, b, null, null, causes]);
  }
  return rows;
}
