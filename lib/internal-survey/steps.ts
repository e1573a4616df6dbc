import type { VersionSnapshot } from "@/db/schema";
import { causeFactorsFor } from "@/lib/questions/causes";
import type { Perspective } from "@/lib/scoring/types";

// The internal perspective questionnaire (METHOD.md §5): the same items as
// the customers', one rating each, one criterion per step, then — for
// management and delivery — the cause statements of their gaps.

export type InternalStep = { kind: "criterion"; index: number; criterionId: string } | { kind: "causes" };

export function stepsFor(snapshot: VersionSnapshot, perspective: Perspective): InternalStep[] {
  const steps: InternalStep[] = snapshot.criteria.map((c, index) => ({ kind: "criterion", index, criterionId: c.id }));
  if (causeFactorsFor(perspective).length > 0) steps.push({ kind: "causes" });
  return steps;
}

export function causeStatementsOf(perspective: Perspective) {
  return causeFactorsFor(perspective).flatMap((factor) => factor.statements.map((s) => ({ ...s, factor: factor.key })));
}

/** What one step asks: the field prefix and the ids of its questions (items, or cause statements). */
export function stepQuestions(snapshot: VersionSnapshot, perspective: Perspective, step: InternalStep): { prefix: "item" | "cause"; ids: string[] } {
  return step.kind === "criterion"
    ? { prefix: "item", ids: snapshot.criteria[step.index].items.map((i) => i.id) }
    : { prefix: "cause", ids: causeStatementsOf(perspective).map((s) => s.id) };
}

/** A rating field's value: "na" for not applicable, or a whole number 1…L. */
export function parseRating(value: string | null | undefined, scale: number): { ok: true; rating: number | null } | { ok: false } {
  if (value === "na") return { ok: true, rating: null };
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value)) return { ok: false };
  const n = Number(value);
  return n >= 1 && n <= scale ? { ok: true, rating: n } : { ok: false };
}
