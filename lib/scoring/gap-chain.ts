// Reading the five gaps the way §5 lays them out: the level of quality as it
// passes from the customers' expectation through management's perception,
// the service standard and delivery to what customers perceive
// (E → M → S → D → P), and which internal perspectives have answered.

import type { GapNumber, GapResult, RatingGroup } from "./five-gaps";
import { perspectives, type Perspective } from "./types";

/** The chain of levels, in the order quality passes through them (C stands beside D). */
export const chainSteps = ["E", "M", "S", "D", "P"] as const satisfies readonly RatingGroup[];
export type ChainStep = (typeof chainSteps)[number];

export type LevelDrop = { from: ChainStep; to: ChainStep; drop: number };

/**
 * The link of the chain where the level falls most (level before − level
 * after, positive = a fall), or null when no link with both levels known
 * falls at all. Equal falls: the earlier link, where the shortfall starts.
 */
export function largestDrop(levels: Partial<Record<RatingGroup, { mean: number | null }>> | undefined): LevelDrop | null {
  let worst: LevelDrop | null = null;
  for (let i = 1; i < chainSteps.length; i++) {
    const from = chainSteps[i - 1];
    const to = chainSteps[i];
    const a = levels?.[from]?.mean ?? null;
    const b = levels?.[to]?.mean ?? null;
    if (a === null || b === null || a - b <= 0) continue;
    if (worst === null || a - b > worst.drop) worst = { from, to, drop: a - b };
  }
  return worst;
}

/** How many responses each internal perspective gave (0 = none yet), read off the gaps it takes part in. */
export function perspectiveResponses(gaps: Record<`${GapNumber}`, GapResult>): Record<Perspective, number> {
  const counts = Object.fromEntries(perspectives.map((p) => [p, 0])) as Record<Perspective, number>;
  for (const gap of Object.values(gaps)) {
    for (const p of perspectives) counts[p] = Math.max(counts[p], gap.groups[p] ?? 0);
  }
  return counts;
}

/** Gaps 1–4 that cannot be computed yet because a perspective has not answered. */
export function gapsWithoutData(gaps: Record<`${GapNumber}`, GapResult>): ("1" | "2" | "3" | "4")[] {
  return (["1", "2", "3", "4"] as const).filter((g) => gaps[g].status === "not-enough-data");
}
