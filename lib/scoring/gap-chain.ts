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
 * after, positive = a fall), or null when no link falls at all or fewer than
 * two levels are known. A step nobody has rated yet (no answers from that
 * perspective) is skipped, not a break in the chain: with only customers'
 * E 7.00 and P 5.00, the level falls 2.00 from E to P, and saying "not
 * enough data" there would hide the most obvious finding. Equal falls: the
 * earlier link, where the shortfall starts.
 */
export function largestDrop(levels: Partial<Record<RatingGroup, { mean: number | null }>> | undefined): LevelDrop | null {
  let worst: LevelDrop | null = null;
  let previous: { step: ChainStep; level: number } | null = null;
  for (const step of chainSteps) {
    const level = levels?.[step]?.mean ?? null;
    if (level === null) continue;
    if (previous !== null && previous.level - level > 0 && (worst === null || previous.level - level > worst.drop)) {
      worst = { from: previous.step, to: step, drop: previous.level - level };
    }
    previous = { step, level };
  }
  return worst;
}

/** How many levels of the chain E → M → S → D → P are known (two are needed to see a drop). */
export function knownLevels(levels: Partial<Record<RatingGroup, { mean: number | null }>> | undefined): number {
  return chainSteps.filter((step) => (levels?.[step]?.mean ?? null) !== null).length;
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
