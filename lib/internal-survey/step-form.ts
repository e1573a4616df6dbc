import { parseRating } from "./steps";

// The shape of an internal questionnaire's step post (app/i/[token]/step),
// checked before anything is written: the fields a real form sends (`step`,
// `intent`, `lang`, `item:<id>` or `cause:<id>` with "na" or a number), each
// once. Anything else is a forged or broken post, refused without a row.

export type InternalStepForm = {
  step: number;
  intent: "next" | "back";
  lang: string | undefined;
  /** Field name (`item:<id>` / `cause:<id>`) → the value sent. */
  ratings: Map<string, string>;
};

const ratingField = /^(item|cause):(.{1,100})$/s;

export function parseInternalStepForm(
  entries: Iterable<[string, FormDataEntryValue]>,
): { ok: true; value: InternalStepForm } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<string>();
  const ratings = new Map<string, string>();
  let step: number | undefined;
  let intent: "next" | "back" = "next";
  let lang: string | undefined;
  let fields = 0;
  for (const [key, value] of entries) {
    const name = key.slice(0, 120);
    if (++fields > 300) {
      problems.push("The form has too many fields.");
      break;
    }
    if (typeof value !== "string") problems.push(`${name}: files are not accepted.`);
    else if (seen.has(key)) problems.push(`${name}: sent more than once.`);
    else if (key === "step") {
      if (/^\d{1,3}$/.test(value)) step = Number(value);
      else problems.push("step: not a step number.");
    } else if (key === "intent") {
      if (value === "next" || value === "back") intent = value;
      else problems.push("intent: must be next or back.");
    } else if (key === "lang") {
      if (value.length <= 20) lang = value;
      else problems.push("lang: too long.");
    } else if (ratingField.test(key)) {
      if (value === "na" || /^\d{1,2}$/.test(value)) ratings.set(key, value);
      else problems.push(`${name}: a rating is a whole number or "na".`);
    } else problems.push(`${name}: not a field of this questionnaire.`);
    seen.add(key);
  }
  if (step === undefined && !problems.some((p) => p.startsWith("step:"))) problems.push("step: missing.");
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { step: step!, intent, lang, ratings } };
}

/**
 * The rating fields that do not belong on this step (another step's or
 * another study's ids, the other kind of field) or lie outside 1…scale.
 */
export function strayRatings(ratings: Map<string, string>, fieldIds: string[], prefix: "item" | "cause", scale: number): string[] {
  const allowed = new Set(fieldIds.map((id) => `${prefix}:${id}`));
  const problems: string[] = [];
  for (const [name, value] of ratings) {
    if (!allowed.has(name)) problems.push(`${name.slice(0, 120)}: not asked on this step.`);
    else if (!parseRating(value, scale).ok) problems.push(`${name.slice(0, 120)}: ratings are whole numbers from 1 to ${scale}, or "na".`);
  }
  return problems;
}

/**
 * One step's answers from the checked ratings: a rating or N/A per question
 * answered, and the questions left unanswered (each must get one or the other).
 */
export function stepRatings(
  ratings: Map<string, string>,
  fieldIds: string[],
  prefix: "item" | "cause",
  scale: number,
): { values: Map<string, number | null>; missing: string[] } {
  const values = new Map<string, number | null>();
  const missing: string[] = [];
  for (const id of fieldIds) {
    const parsed = parseRating(ratings.get(`${prefix}:${id}`), scale);
    if (parsed.ok) values.set(id, parsed.rating);
    else missing.push(id);
  }
  return { values, missing };
}
