import type { StepForm } from "./step-form";

// What a step's controls show: the customer's saved answers, or what they
// just sent when it is shown again with errors.

export type PairValue = { e?: number; p?: number; na?: boolean };

export type StepValues = {
  answers: Record<string, PairValue>;
  comments: Record<string, string>;
  /** As typed: "" for an empty box. */
  weights: Record<string, string>;
  segment: string;
  /** The consent step as typed (shown again with its errors or after a language switch). */
  contact?: { choice: "" | "yes" | "no"; name: string; email: string; phone: string };
};

export const emptyValues = (): StepValues => ({ answers: {}, comments: {}, weights: {}, segment: "" });

export function savedValues(saved: {
  answers: { itemId: string; expected: number | null; perceived: number | null }[];
  comments: { criterionId: string; text: string }[];
  weights: Record<string, number> | null;
  segment: string;
}): StepValues {
  const answers: Record<string, PairValue> = {};
  for (const a of saved.answers) {
    if (a.expected === null && a.perceived === null) answers[a.itemId] = { na: true };
    else answers[a.itemId] = { e: a.expected ?? undefined, p: a.perceived ?? undefined };
  }
  return {
    answers,
    comments: Object.fromEntries(saved.comments.map((c) => [c.criterionId, c.text])),
    weights: Object.fromEntries(Object.entries(saved.weights ?? {}).map(([k, v]) => [k, String(v)])),
    segment: saved.segment,
  };
}

/** The values of a rejected post, to show them again beside their errors. */
export function echoedValues(form: StepForm, criterionId: string | null): StepValues {
  const answers: Record<string, PairValue> = {};
  for (const [ref, a] of Object.entries(form.answers)) answers[ref] = { e: a.e, p: a.p, na: a.na === "1" };
  return {
    answers,
    comments: criterionId && form.comment ? { [criterionId]: form.comment } : {},
    weights: Object.fromEntries(Object.entries(form.weights).map(([k, v]) => [k, v === null ? "" : String(v)])),
    segment: form.segment ?? "",
    contact: {
      choice: form.contact ?? "",
      name: (form.contactName ?? "").slice(0, 200),
      email: (form.contactEmail ?? "").slice(0, 300),
      phone: (form.contactPhone ?? "").slice(0, 60),
    },
  };
}
