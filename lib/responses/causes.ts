import { causeFactors, causeFactorsFor } from "@/lib/questions/causes";
import type { CauseStatementDefinition } from "@/lib/scoring/cause-scores";
import type { Perspective } from "@/lib/scoring/types";

/** Every cause statement with its factor and wording direction, from the bank. */
export const causeStatements: readonly CauseStatementDefinition[] = causeFactors.flatMap((factor) =>
  factor.statements.map((s) => ({ key: s.id, factor: factor.key, reverse: s.reverse })),
);

/** The statements a perspective answers (managers: gaps 1–2; staff: gaps 3–4). */
export function causeStatementsFor(perspective: Perspective): CauseStatementDefinition[] {
  const factors = new Set(causeFactorsFor(perspective).map((f) => f.key));
  return causeStatements.filter((s) => factors.has(s.factor));
}

/**
 * Factor definitions for ranking: reverse scoring already happened per
 * statement when the factor score was formed, so none is reversed here.
 */
export const causeFactorDefinitions = causeFactors.map((f) => ({ key: f.key, gap: f.gap, reverse: false }));
