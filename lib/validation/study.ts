import { z } from "zod";
import { isLocale, locales } from "@/lib/i18n/locales";
import { localizedTextSchema, type LocalizedText } from "@/lib/i18n/localized-text";
import { industryKeys, frameworkKeys } from "@/lib/questions/bank-schema";
import { validateWeights } from "@/lib/scoring/quality";
import { maxCriteria, maxItemsPerCriterion } from "@/lib/studies/limits";

// One set of rules for the forms, the actions and the API.

export const keySchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(40, "tooLong")
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, "invalidKey");

export const languagesSchema = z
  .array(z.enum(locales, "unknownLanguage"))
  .min(1, "oneLanguage")
  .refine((list) => new Set(list).size === list.length, "languagesRepeat");

export const scaleSchema = z.union([z.literal(5), z.literal(7)], "invalidScale");

export const weightPointsSchema = z.number("invalidNumber").finite("invalidNumber").min(0, "weightNegative").max(100, "weightTooLarge");

/** Points per criterion that must sum to exactly 100 (METHOD.md §2). */
export const weightSplitSchema = z
  .array(weightPointsSchema)
  .min(1)
  .superRefine((points, ctx) => {
    if (validateWeights(points).length > 0 && points.every((p) => Number.isFinite(p) && p >= 0)) {
      ctx.addIssue({ code: "custom", message: "weightsSum" });
    }
  });

export const itemInputSchema = z.strictObject({
  key: keySchema.optional(),
  text: localizedTextSchema,
  reverse: z.boolean().default(false),
});

export const criterionInputSchema = z.strictObject({
  key: keySchema,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  weight: weightPointsSchema,
  items: z.array(itemInputSchema).max(maxItemsPerCriterion, "tooManyItems").optional(),
});

// The cross-criterion rules sit on the array itself, so they are reported
// even when another field of the study is invalid too.
const criteriaListSchema = z
  .array(criterionInputSchema)
  .min(1, "oneCriterion")
  .max(maxCriteria, "tooManyCriteria")
  .superRefine((criteria, ctx) => {
    const keys = criteria.map((c) => c.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", message: "criterionKeysRepeat" });
    const itemKeys = criteria.flatMap((c) => (c.items ?? []).map((i) => i.key).filter(Boolean));
    if (new Set(itemKeys).size !== itemKeys.length) ctx.addIssue({ code: "custom", message: "itemKeysRepeat" });
    if (validateWeights(criteria.map((c) => c.weight)).length > 0) ctx.addIssue({ code: "custom", message: "weightsSum" });
  });

/**
 * The provider's own name per language ("海港飯店" for zh-Hant), used in that
 * language instead of the main name; a blank language means "the main name".
 */
export const providerNamesSchema = z
  .partialRecord(z.enum(locales, "unknownLanguage"), z.string().trim().max(200, "tooLong"))
  .transform((names) => Object.fromEntries(Object.entries(names).filter(([, name]) => name !== "")) as LocalizedText);

export const studyCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "required").max(200, "tooLong"),
  provider: z.string().trim().min(1, "required").max(200, "tooLong"),
  providerNames: providerNamesSchema.optional(),
  industry: z.enum(industryKeys, "unknownIndustry").default("generic"),
  scale: scaleSchema.default(7),
  languages: languagesSchema.default(["en"]),
  framework: z.enum(frameworkKeys, "unknownFramework").default("gronroos"),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  askImportance: z.boolean().default(false),
  segments: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  criteria: criteriaListSchema.optional(),
});

export type StudyCreateInput = z.input<typeof studyCreateSchema>;
export type StudyCreate = z.output<typeof studyCreateSchema>;

// ── Forms of the manager's questionnaire designer ───────────────────────────
// FormData is read into plain objects first (only the expected names), so
// the schemas below stay strict and the action ids Next adds are ignored.

type Language = (typeof locales)[number];

const requiredText = (max: number) => z.string().trim().min(1, "required").max(max, "tooLong");
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true" || value === "1");

/** Segments (e.g. branches) one per line: blanks dropped, duplicates once. */
export const segmentsTextSchema = z
  .string()
  .max(10_000, "tooLong")
  .transform((text) => [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().max(100, "segmentTooLong")).max(100, "tooManySegments"));

/** The settings a manager may change while the study is a draft or between versions. */
export const studySettingsFormSchema = z.strictObject({
  name: requiredText(200),
  provider: requiredText(200),
  providerNames: providerNamesSchema.default({}),
  industry: z.enum(industryKeys, "unknownIndustry"),
  languages: languagesSchema,
  scale: z.enum(["5", "7"], "invalidScale").transform((v) => Number(v) as 5 | 7),
  askImportance: checkbox,
  segments: segmentsTextSchema,
});

/** Creating also picks the framework preset, which cannot change afterwards. */
export const studyCreateFormSchema = studySettingsFormSchema.extend({
  framework: z.enum(frameworkKeys, "unknownFramework"),
});

export type StudySettingsForm = z.output<typeof studySettingsFormSchema>;

/** The fields of the settings form, as the schemas above expect them (the framework only when creating). */
export function readStudyForm(form: FormData, withFramework = false): Record<string, unknown> {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const out: Record<string, unknown> = {
    name: text("name") ?? "",
    provider: text("provider") ?? "",
    providerNames: Object.fromEntries(
      locales.flatMap((l) => (typeof text(`providerNames.${l}`) === "string" ? [[l, text(`providerNames.${l}`)]] : [])),
    ),
    industry: text("industry") ?? "generic",
    languages: form.getAll("languages").filter((v) => typeof v === "string"),
    scale: text("scale") ?? "7",
    askImportance: text("askImportance"),
    segments: text("segments") ?? "",
  };
  if (withFramework) out.framework = text("framework") ?? "gronroos";
  return out;
}

/** One criterion's points as typed: blank is an error, not 0 (z.coerce would make it 0). */
export const weightInputSchema = z
  .string()
  .trim()
  .min(1, "required")
  .transform((value) => Number(value.replace(",", ".")))
  .pipe(weightPointsSchema);

export type WeightsFormResult =
  { ok: true; points: Record<string, number> } | { ok: false; fieldErrors: Record<string, string[]>; sumError: string | null };

/**
 * The weights form: `weight:<criterionId>` per criterion. Each value must be
 * a number ≥ 0, then the split as a whole must pass weightSplitSchema — the
 * same schema the editor's live sum uses.
 */
export function parseWeightsForm(entries: Iterable<[string, FormDataEntryValue]>): WeightsFormResult {
  const points: Record<string, number> = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [name, value] of entries) {
    if (!name.startsWith("weight:")) continue;
    const id = name.slice("weight:".length);
    const parsed = weightInputSchema.safeParse(typeof value === "string" ? value : "");
    if (parsed.success) points[id] = parsed.data;
    else fieldErrors[id] = parsed.error.issues.map((issue) => issue.message);
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, sumError: null };
  const split = weightSplitSchema.safeParse(Object.values(points));
  if (!split.success) return { ok: false, fieldErrors, sumError: split.error.issues[0]?.message ?? "weightsSum" };
  return { ok: true, points };
}

/** `<prefix>.<language>` fields of the study's languages → a text (blank languages dropped). */
export function readLocalizedText(form: FormData, prefix: string, languages: readonly string[]): LocalizedText {
  const out: LocalizedText = {};
  for (const language of languages.filter(isLocale)) {
    const value = form.get(`${prefix}.${language}`);
    if (typeof value === "string") out[language] = value;
  }
  return out;
}

export const criterionTextSchema = z.strictObject({
  name: localizedTextSchema,
  description: localizedTextSchema,
  // What customers read on the survey; a blank language means "the default".
  customerTitle: localizedTextSchema.optional(),
  customerDescription: localizedTextSchema.optional(),
});

export const itemIntents = ["save", "up", "down", "remove", "move"] as const;
export type ItemIntent = (typeof itemIntents)[number];

export const itemFormSchema = z.strictObject({
  intent: z.enum(itemIntents, "invalid"),
  itemId: z.string().min(1, "invalid").max(100, "invalid"),
  text: localizedTextSchema,
  reverse: checkbox,
  locked: checkbox,
  targetCriterionId: z.string().max(100).optional(),
});

export const newItemFormSchema = z.strictObject({
  criterionId: z.string().min(1, "invalid").max(100, "invalid"),
  text: localizedTextSchema.refine((text) => Object.keys(text).length > 0, "itemTextRequired"),
  reverse: checkbox,
});

export const criterionIntents = ["save", "up", "down", "remove"] as const;
export type CriterionIntent = (typeof criterionIntents)[number];

export const newCriterionFormSchema = z.strictObject({
  name: localizedTextSchema.refine((text) => Object.keys(text).length > 0, "criterionNameRequired"),
  description: localizedTextSchema,
});

export type LanguageText = Partial<Record<Language, string>>;
