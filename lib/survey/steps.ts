import type { VersionSnapshot } from "@/db/schema";

// The customer's path through one questionnaire version: a welcome step,
// one step per criterion, the constant-sum importance question when the
// version asks it, and "May we contact you about your answers?" when the
// study asks that (studies.consent_step, a setting of the study, not of the
// version). Step indexes are what forms post and responses.step stores.

export type SnapshotCriterion = VersionSnapshot["criteria"][number];

export type SurveyStep =
  | { kind: "intro"; index: 0 }
  | { kind: "criterion"; index: number; criterion: SnapshotCriterion }
  | { kind: "importance"; index: number }
  | { kind: "consent"; index: number };

export function surveySteps(snapshot: VersionSnapshot, options: { consent?: boolean } = {}): SurveyStep[] {
  const steps: SurveyStep[] = [{ kind: "intro", index: 0 }];
  for (const criterion of snapshot.criteria) steps.push({ kind: "criterion", index: steps.length, criterion });
  if (snapshot.askImportance && snapshot.criteria.length > 1) steps.push({ kind: "importance", index: steps.length });
  if (options.consent) steps.push({ kind: "consent", index: steps.length });
  return steps;
}

/** The step to show: the one asked for, but never beyond the furthest reached. */
export function stepToShow(requested: number | null, furthest: number, count: number): number {
  const last = count - 1;
  const reached = Math.min(Math.max(furthest, 0), last);
  if (requested === null || !Number.isInteger(requested) || requested < 0) return reached;
  return Math.min(requested, reached);
}

/** Progress as the customer sees it: question steps only, the welcome step not counted. */
export function progressOf(index: number, count: number): { current: number; total: number } {
  return { current: Math.max(index, 1), total: Math.max(count - 1, 1) };
}

export function itemCount(snapshot: VersionSnapshot): number {
  return snapshot.criteria.reduce((n, c) => n + c.items.length, 0);
}
