import type { VersionSnapshot } from "@/db/schema";
import { causeFactors, causeFactorsFor } from "@/lib/questions/causes";
import type { Perspective } from "@/lib/scoring/types";

// The internal perspective questionnaire (METHOD.md §5): the same items as
// the customers', one rating each, one criterion per step, then — for
// management and delivery — the cause statements of their gaps.

export type InternalStep =
  | { kind: "criterion"; index: number; criterionId: string }
  | { kind: "causes" };

export function stepsFor(snapshot: VersionSnapshot, perspective: Perspective): InternalStep[] {
  const steps: InternalStep[] = snapshot.criteria.map((c, index) => ({ kind: "criterion", index, criterionId: c.id }));
  if (causeFactorsFor(perspective).length > 0) steps.push({ kind: "causes" });
  return steps;
}

export function causeStatementsOf(perspective: Perspective) {
  return causeFactorsFor(perspective).flatMap((factor) => factor.statements.map((s) => ({ ...s, factor: factor.key })));
}

export const allCauseStatementIds = new Set(causeFactors.flatMap((f) => f.statements.map((s) => s.id)));

/** A rating field's value: "na" for not applicable, or a whole number 1…L. */
export function parseRating(value: FormDataEntryValue | null, scale: number): { ok: true; rating: number | null } | { ok: false } {
  if (value === "na") return { ok: true, rating: null };
  if (typeof value !== "string" || !/^\d{1,2}$/.test(value)) return { ok: false };
  const n = Number(value);
  return n >= 1 && n <= scale ? { ok: true, rating: n } : { ok: false };
}

/** Reads one step's ratings; every question of the step must be answered (a rating or N/A). */
export function readStep(
  form: FormData,
  fieldIds: string[],
  scale: number,
  prefix: "item" | "cause",
): { values: Map<string, number | null>; missing: string[] } {
  const values = new Map<string, number | null>();
  const missing: string[] = [];
  for (const id of fieldIds) {
    const parsed = parseRating(form.get(`${prefix}:${id}`), scale);
    if (parsed.ok) values.set(id, parsed.rating);
    else missing.push(id);
  }
  return { values, missing };
}
