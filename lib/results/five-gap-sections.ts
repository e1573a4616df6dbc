import type { LinkRow } from "@/db/queries/links";
import { causeRespondent } from "@/lib/questions/causes";
import { perspectiveGroup, type GroupOwner, type RankedCause } from "@/lib/scoring/five-gaps";
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

/** Below this many answers a group is flagged as small: its gaps move a lot by chance. */
export const smallGroup = 5;

/**
 * Gaps 1–5 of each criterion, in the version's criterion order (null where a
 * gap cannot be computed), each with its 95% interval: Welch's for gaps 1–4
 * (different people), the paired one for gap 5; null when a group has fewer
 * than 2 answers.
 */
export function gapsByCriterion(
  results: Pick<Results, "gaps">,
  criterionKeys: readonly string[],
): { key: string; gaps: Record<GapKey, number | null>; ci: Record<GapKey, [number, number] | null> }[] {
  const gapOf = (g: GapKey, key: string) => results.gaps[g].criteria[key] ?? null;
  const ciOf = (g: GapKey, key: string) => results.gaps[g].tests[key]?.ci ?? null;
  return criterionKeys.map((key) => ({
    key,
    gaps: { "1": gapOf("1", key), "2": gapOf("2", key), "3": gapOf("3", key), "4": gapOf("4", key), "5": gapOf("5", key) },
    ci: { "1": ciOf("1", key), "2": ciOf("2", key), "3": ciOf("3", key), "4": ciOf("4", key), "5": ciOf("5", key) },
  }));
}

/** The groups that answered, but fewer than `smallGroup` times (customers included), with their counts. */
export function smallGroups(results: Pick<Results, "gaps">): { owner: GroupOwner; n: number }[] {
  const counts = new Map<GroupOwner, number>();
  for (const g of gapKeys) {
    for (const [owner, n] of Object.entries(results.gaps[g].groups) as [GroupOwner, number][]) counts.set(owner, Math.max(counts.get(owner) ?? 0, n));
  }
  return [...counts].filter(([, n]) => n > 0 && n < smallGroup).map(([owner, n]) => ({ owner, n }));
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
