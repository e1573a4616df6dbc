import type { LinkRow } from "@/db/queries/links";
import { causeRespondent } from "@/lib/questions/causes";
import { perspectiveGroup, type RankedCause } from "@/lib/scoring/five-gaps";
import { chainSteps, knownLevels, largestDrop, perspectiveResponses, type ChainStep, type LevelDrop } from "@/lib/scoring/gap-chain";
import type { Results } from "@/lib/scoring/results";
import { perspectives, type Perspective } from "@/lib/scoring/types";

// What the five-gap page shows, section by section, read off the results of
// lib/scoring. Pure: the page and its ui/gaps sections only render this.

export const gapKeys = ["1", "2", "3", "4", "5"] as const;
export type GapKey = (typeof gapKeys)[number];
const causeGaps = [1, 2, 3, 4] as const;

/** Each internal perspective: its rating group, how many answered, and its live link (if any). */
export type PerspectiveRow = { perspective: Perspective; group: string; responses: number; token: string | null };

export function perspectiveRows(
  results: Pick<Results, "gaps">,
  internalLinks: readonly Pick<LinkRow, "perspective" | "token" | "revokedAt">[],
): PerspectiveRow[] {
  const responses = perspectiveResponses(results.gaps);
  return perspectives.map((perspective) => ({
    perspective,
    group: perspectiveGroup[perspective],
    responses: responses[perspective],
    token: internalLinks.find((l) => l.perspective === perspective && l.revokedAt === null)?.token ?? null,
  }));
}

/** The perspectives nobody has answered for yet. */
export function missingPerspectives(rows: readonly PerspectiveRow[]): Perspective[] {
  return rows.filter((row) => row.responses === 0).map((row) => row.perspective);
}

/** Gaps 1–5 of each criterion, in the version's criterion order (null where a gap cannot be computed). */
export function gapsByCriterion(
  results: Pick<Results, "gaps">,
  criterionKeys: readonly string[],
): { key: string; gaps: Record<GapKey, number | null> }[] {
  const gapOf = (g: GapKey, key: string) => results.gaps[g].criteria[key] ?? null;
  return criterionKeys.map((key) => ({
    key,
    gaps: { "1": gapOf("1", key), "2": gapOf("2", key), "3": gapOf("3", key), "4": gapOf("4", key), "5": gapOf("5", key) },
  }));
}

/**
 * One criterion's chain E → M → S → D → P, the level promised (C) beside it,
 * and where it falls most. Steps nobody has answered yet are `missing` and
 * skipped (largestDrop); `enough` is false only when fewer than two levels
 * are known, the one case where no drop can be read at all.
 */
export function levelChain(levels: Results["levels"][string] | undefined): {
  points: { step: ChainStep; level: number | null; n: number }[];
  promised: number | null;
  worst: LevelDrop | null;
  missing: ChainStep[];
  enough: boolean;
} {
  const points = chainSteps.map((step) => ({ step, level: levels?.[step].mean ?? null, n: levels?.[step].n ?? 0 }));
  return {
    points,
    promised: levels?.C.mean ?? null,
    worst: largestDrop(levels),
    missing: points.filter((p) => p.level === null).map((p) => p.step),
    enough: knownLevels(levels) >= 2,
  };
}

/** Gaps 1–4 with the perspective that rates their causes, whether it has answered, and the causes ranked. */
export function causeSections(
  results: Pick<Results, "gaps" | "causes">,
): { gap: (typeof causeGaps)[number]; rater: Perspective; answered: boolean; ranked: RankedCause[] }[] {
  const responses = perspectiveResponses(results.gaps);
  return causeGaps.map((gap) => {
    const rater = causeRespondent[gap];
    return { gap, rater, answered: responses[rater] > 0, ranked: results.causes[`${gap}`] };
  });
}
