import { z } from "zod";
import { locales } from "@/lib/i18n/locales";
import { maxCriteria } from "@/lib/studies/limits";
import { idSchema } from "@/lib/validation/ids";

// The first validation of a survey step post: its shape. The form's fields
// are flat (`e.<itemId>`, `p.<itemId>`, `na.<itemId>`, `w.<criterionId>`);
// they are grouped here, then checked by zod. Anything a real form never
// sends (unknown or repeated fields, non-numbers) is refused as malformed.

export type ShapeProblem = { path: string; code: string };

const ratingValue = z
  .string()
  .trim()
  .regex(/^[+-]?\d+(\.\d+)?$/, "ratingNotNumber")
  .transform(Number)
  .pipe(z.int("ratingNotInteger"));

const refSchema = idSchema;

const answerSchema = z.strictObject({
  e: ratingValue.optional(),
  p: ratingValue.optional(),
  na: z.literal("1", "invalid").optional(),
});

/** Empty is "not given"; otherwise a number of points. */
const pointsValue = z
  .string()
  .trim()
  .max(20, "invalidNumber")
  .transform((text, ctx) => {
    if (text === "") return null;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      ctx.addIssue({ code: "custom", message: "invalidNumber" });
      return z.NEVER;
    }
    return value;
  });

export const stepFormSchema = z.strictObject({
  rid: z.uuid("invalidResponseId"),
  v: refSchema,
  step: z
    .string()
    .regex(/^\d{1,3}$/, "invalidStep")
    .transform(Number),
  lang: z.enum(locales, "unknownLanguage").optional(),
  intent: z.enum(["next", "back"], "invalid").default("next"),
  // The language switch of a step page submits the step's form: the page's answers are kept (lib/survey/flow.ts).
  switchLang: z.enum(locales, "unknownLanguage").optional(),
  // The honeypot: people never see it, bots fill it in.
  website: z.string().max(1000, "tooLong").default(""),
  segment: z.string().trim().max(100, "tooLong").optional(),
  // Browsers send line breaks as CRLF; count them as one character like `maxlength` does.
  comment: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(2000, "commentTooLong"))
    .optional(),
  // The consent step (lib/survey/consent.ts checks them): "yes" or "no", and the details when yes.
  contact: z.enum(["yes", "no"], "invalid").optional(),
  contactName: z.string().max(1000, "tooLong").optional(),
  contactEmail: z.string().max(1000, "tooLong").optional(),
  contactPhone: z.string().max(1000, "tooLong").optional(),
  answers: z.record(refSchema, answerSchema).refine((a) => Object.keys(a).length <= 50, "tooManyAnswers"),
  weights: z.record(refSchema, pointsValue).refine((w) => Object.keys(w).length <= maxCriteria, "tooManyCriteria"),
});

export type StepForm = z.output<typeof stepFormSchema>;

const single = new Set([
  "rid",
  "v",
  "step",
  "lang",
  "switchLang",
  "intent",
  "website",
  "segment",
  "comment",
  "contact",
  "contactName",
  "contactEmail",
  "contactPhone",
]);
const grouped = /^(e|p|na|w)\.(.{1,100})$/s;
// Never valid ids (items and criteria have UUIDs), and dangerous as object keys.
const unsafeKeys = new Set(["__proto__", "constructor", "prototype"]);

export function parseStepForm(
  entries: Iterable<[string, FormDataEntryValue]>,
): { ok: true; value: StepForm } | { ok: false; problems: ShapeProblem[] } {
  const problems: ShapeProblem[] = [];
  // Keys come from the client: containers without a prototype, so a field
  // like `e.__proto__` names an entry, never Object.prototype (whose
  // pollution would break every request of the process).
  const raw: Record<string, unknown> = { answers: Object.create(null), weights: Object.create(null) };
  const answers = raw.answers as Record<string, Record<string, string>>;
  const weights = raw.weights as Record<string, string>;
  const seen = new Set<string>();
  let fields = 0;
  for (const [key, value] of entries) {
    if (++fields > 300) {
      problems.push({ path: "", code: "tooManyFields" });
      break;
    }
    if (typeof value !== "string") {
      problems.push({ path: key.slice(0, 120), code: "notText" });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ path: key.slice(0, 120), code: "repeatedField" });
      continue;
    }
    seen.add(key);
    if (single.has(key)) {
      raw[key] = value;
      continue;
    }
    const match = grouped.exec(key);
    if (!match) {
      problems.push({ path: key.slice(0, 120), code: "unknownField" });
      continue;
    }
    const [, kind, ref] = match;
    if (unsafeKeys.has(ref)) {
      problems.push({ path: key.slice(0, 120), code: "unknownField" });
      continue;
    }
    if (kind === "w") weights[ref] = value;
    else (answers[ref] ??= Object.create(null))[kind] = value;
  }
  if (problems.length > 0) return { ok: false, problems };
  const parsed = stepFormSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), code: i.message })) };
  }
  return { ok: true, value: parsed.data };
}

const shapeMessages: Record<string, string> = {
  tooManyFields: "The form has too many fields.",
  notText: "Files are not accepted.",
  repeatedField: "This field is sent more than once.",
  unknownField: "This field is not part of the survey.",
  invalidResponseId: "The response id is missing or malformed.",
  invalidStep: "The step number is missing or malformed.",
  unknownLanguage: "Unknown language.",
  ratingNotNumber: "A rating is a whole number.",
  ratingNotInteger: "A rating is a whole number.",
  invalidNumber: "Points are a number from 0 to 100.",
  commentTooLong: "A comment has at most 2,000 characters.",
  tooLong: "This is too long.",
  tooManyAnswers: "Too many answers in one step.",
  tooManyCriteria: "Too many criteria in one step.",
};

/** English, for the details list of a refused post (what a developer or a forger sent wrongly). */
export function describeShapeProblem(problem: ShapeProblem): string {
  const message = shapeMessages[problem.code] ?? "This value is not valid.";
  return problem.path ? `${problem.path}: ${message}` : message;
}
