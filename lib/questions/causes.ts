import type { Perspective } from "@/lib/scoring/types";
import causesJson from "./bank/causes.json";
import { loadCausesFile, type CauseFactor, type CauseGapNumber, type CauseStatement, type Gap, type GapNumber } from "./bank-schema";

export type { CauseFactor, CauseGapNumber, CauseStatement, Gap, GapNumber };

const file = loadCausesFile(causesJson, "lib/questions/bank/causes.json");

/** Gaps 1–5 in order, with the seed's names; gap 5 lists its consequences. */
export const gaps: readonly Gap[] = file.gaps;

/** The 16 factors of Zeithaml, Berry & Parasuraman (1988), gap 1 to gap 4. */
export const causeFactors: readonly CauseFactor[] = file.factors;

/**
 * Who rates each gap's cause statements. Gaps 1–2 arise in management's
 * understanding and standards, so managers judge them; gaps 3–4 arise in
 * delivery and its coordination with marketing, which front-line staff see.
 */
export const causeRespondent = {
  1: "management",
  2: "management",
  3: "delivery",
  4: "delivery",
} as const satisfies Record<CauseGapNumber, Perspective>;

/** The factors whose statements a perspective answers (none for standard/communication). */
export function causeFactorsFor(perspective: Perspective): CauseFactor[] {
  return causeFactors.filter((factor) => causeRespondent[factor.gap] === perspective);
}

export function findGap(gap: GapNumber): Gap {
  const found = gaps.find((g) => g.gap === gap);
  // The schema guarantees gaps 1–5; reaching this means the schema changed.
  if (!found) throw new Error(`causes.json has no gap ${gap}`);
  return found;
}
