import type { VersionSnapshot } from "@/db/schema";
import type { ResponseContact } from "@/db/queries/response-contacts";
import { checkCustomerResponse, type AnswerProblem, type CheckedAnswer } from "@/lib/responses/check";
import { checkConsent } from "./consent";
import type { StepForm } from "./step-form";
import type { SnapshotCriterion, SurveyStep } from "./steps";

// The second validation of a step post: against the version it answers.
// The same check as the final submit and the API (checkCustomerResponse),
// split into what a customer can fix (shown beside the field) and what no
// real form sends (refused as malformed).

/** Customer-fixable problems by field: an item id, a criterion id, "segment" or "weights". */
export type FieldErrors = Record<string, string>;

export type StepCheck =
  | {
      kind: "ok";
      answers: CheckedAnswer[];
      comment: { criterionId: string; text: string } | null;
      /** Undefined when the step does not ask; null when the customer skipped the question. */
      weights?: Record<string, number> | null;
      segment?: string;
      /** The consent step's answer: null for "no" (or skipped); undefined on other steps. */
      contact?: ResponseContact | null;
    }
  | { kind: "incomplete"; fieldErrors: FieldErrors }
  | { kind: "malformed"; problems: AnswerProblem[] };

type Context = {
  snapshot: VersionSnapshot;
  step: SurveyStep;
  /** The study's segment list, and the segment the link carries (invites). */
  segments: readonly string[];
  linkSegment: string | null;
  /** Going back saves what is complete and asks for nothing else. */
  intent: "next" | "back";
};

export function checkStep(form: StepForm, context: Context): StepCheck {
  const { step } = context;
  const stray: AnswerProblem[] = [];
  if (step.kind !== "criterion") {
    for (const ref of Object.keys(form.answers)) stray.push(problem(`answers.${ref}`, "notOnThisStep", `Item "${ref}" is not asked on this step.`));
    if (form.comment) stray.push(problem("comment", "notOnThisStep", "This step has no comment field."));
  }
  if (step.kind !== "importance") {
    for (const ref of Object.keys(form.weights))
      stray.push(problem(`weights.${ref}`, "notOnThisStep", `Points for "${ref}" are not asked on this step.`));
  }
  if (step.kind !== "intro" && form.segment !== undefined)
    stray.push(problem("segment", "notOnThisStep", "The segment is chosen on the first step."));
  if (step.kind !== "consent") {
    for (const field of ["contact", "contactName", "contactEmail", "contactPhone"] as const) {
      if (form[field] !== undefined) stray.push(problem(field, "notOnThisStep", "Contact details are asked on the last step."));
    }
  }
  if (stray.length > 0) return { kind: "malformed", problems: stray };
  if (step.kind === "intro") return checkIntro(form, context);
  if (step.kind === "criterion") return checkCriterion(form, context, step.criterion);
  if (step.kind === "consent") return checkConsentStep(form, context);
  return checkImportance(form, context);
}

function checkConsentStep(form: StepForm, { intent }: Context): StepCheck {
  const checked = checkConsent(form);
  // Going back keeps nothing of this step (the details are stored only with the submit).
  if (intent === "back") return { kind: "ok", answers: [], comment: null };
  if (checked.kind === "incomplete") return { kind: "incomplete", fieldErrors: checked.fieldErrors };
  return { kind: "ok", answers: [], comment: null, contact: checked.contact };
}

function problem(path: string, code: string, message: string): AnswerProblem {
  return { path, code, message };
}

function checkIntro(form: StepForm, { segments, linkSegment, intent }: Context): StepCheck {
  if (linkSegment !== null || segments.length === 0) return { kind: "ok", answers: [], comment: null };
  const segment = form.segment ?? "";
  if (segment === "") {
    return intent === "back" ? { kind: "ok", answers: [], comment: null } : { kind: "incomplete", fieldErrors: { segment: "chooseSegment" } };
  }
  if (!segments.includes(segment))
    return { kind: "malformed", problems: [problem("segment", "unknownSegment", "This is not one of the study's segments.")] };
  return { kind: "ok", answers: [], comment: null, segment };
}

function checkCriterion(form: StepForm, { snapshot, intent }: Context, criterion: SnapshotCriterion): StepCheck {
  const L = snapshot.scale;
  const onStep = new Set(criterion.items.map((i) => i.id));
  const problems: AnswerProblem[] = [];
  const fieldErrors: FieldErrors = {};
  const submitted: { item: string; expected: number | null; perceived: number | null }[] = [];
  for (const [ref, answer] of Object.entries(form.answers)) {
    // Ratings beside a ticked N/A are ignored (without JavaScript a radio cannot
    // be cleared), but they must still be ratings this scale could produce.
    for (const side of ["e", "p"] as const) {
      const value = answer[side];
      if (value !== undefined && (value < 1 || value > L)) {
        problems.push(
          problem(`answers.${ref}.${side === "e" ? "expected" : "perceived"}`, "ratingOutOfRange", `Ratings are whole numbers from 1 to ${L}.`),
        );
      }
    }
    if (answer.na) submitted.push({ item: ref, expected: null, perceived: null });
    else if (answer.e !== undefined || answer.p !== undefined) submitted.push({ item: ref, expected: answer.e ?? null, perceived: answer.p ?? null });
  }
  const checked = checkCustomerResponse(snapshot, { answers: submitted });
  const complete = new Map<string, CheckedAnswer>();
  if (checked.ok) for (const a of checked.value.answers) complete.set(a.itemId, a);
  else {
    checked.problems.forEach((p) => {
      const index = Number(p.path.split(".")[1]);
      const answer = submitted[index];
      if (p.code === "halfPair" && answer) fieldErrors[answer.item] = answer.expected === null ? "halfExpected" : "halfPerceived";
      else problems.push({ ...p, path: answer ? `answers.${answer.item}` : p.path });
    });
    // The pairs that passed still count (e.g. for going back).
    submitted.forEach((a, index) => {
      if (!checked.problems.some((p) => p.path.startsWith(`answers.${index}`)) && a.item) {
        complete.set(a.item, { itemId: a.item, expected: a.expected, perceived: a.perceived });
      }
    });
  }
  for (const ref of Object.keys(form.answers)) {
    if (!onStep.has(ref) && !problems.some((p) => p.path.startsWith(`answers.${ref}`))) {
      problems.push(problem(`answers.${ref}`, "notOnThisStep", `Item "${ref}" is not asked on this step.`));
    }
  }
  if (problems.length > 0) return { kind: "malformed", problems };
  for (const item of criterion.items) if (!complete.has(item.id) && !fieldErrors[item.id]) fieldErrors[item.id] = "missing";
  const text = form.comment ?? "";
  const comment = { criterionId: criterion.id, text };
  const answers = [...complete.values()];
  if (intent === "back") return { kind: "ok", answers, comment };
  if (Object.keys(fieldErrors).length > 0) return { kind: "incomplete", fieldErrors };
  return { kind: "ok", answers, comment };
}

function checkImportance(form: StepForm, { snapshot, intent }: Context): StepCheck {
  const ids = new Set(snapshot.criteria.map((c) => c.id));
  const unknown = Object.keys(form.weights).filter((ref) => !ids.has(ref));
  if (unknown.length > 0) {
    return {
      kind: "malformed",
      problems: unknown.map((ref) => problem(`weights.${ref}`, "unknownCriterion", `"${ref}" is not a criterion of this questionnaire version.`)),
    };
  }
  const given = Object.entries(form.weights).filter(([, points]) => points !== null) as [string, number][];
  // Leaving every box empty skips the question (it is optional for the customer).
  if (given.length === 0) return { kind: "ok", answers: [], comment: null, weights: null };
  const fieldErrors: FieldErrors = {};
  for (const [ref, points] of given) if (points < 0 || points > 100) fieldErrors[ref] = "pointsRange";
  if (Object.keys(fieldErrors).length === 0) {
    const weights = Object.fromEntries(snapshot.criteria.map((c) => [c.id, form.weights[c.id] ?? 0]));
    const checked = checkCustomerResponse(snapshot, { answers: [], weights });
    if (checked.ok) return { kind: "ok", answers: [], comment: null, weights: checked.value.weights };
    if (checked.problems.some((p) => p.code !== "weightsSum")) return { kind: "malformed", problems: checked.problems };
    fieldErrors.weights = "weightsSum";
  }
  if (intent === "back") return { kind: "ok", answers: [], comment: null };
  return { kind: "incomplete", fieldErrors };
}
