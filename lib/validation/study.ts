import { z } from "zod";
import { locales } from "@/lib/i18n/locales";
import { industryKeys, frameworkKeys } from "@/lib/questions/bank-schema";
import { validateWeights } from "@/lib/scoring/quality";

// One set of rules for the forms, the actions and the API.

export const keySchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(40, "tooLong")
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, "invalidKey");

const textValue = z.string().trim().max(500, "tooLong");

/** A text per language; empty languages are dropped, publishing checks completeness. */
export const localizedTextSchema = z
  .strictObject({ en: textValue.optional(), "zh-Hant": textValue.optional(), "zh-Hans": textValue.optional() })
  .transform((text) => Object.fromEntries(Object.entries(text).filter(([, v]) => v && v.length > 0)) as Partial<Record<(typeof locales)[number], string>>);

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
  items: z.array(itemInputSchema).max(5, "tooManyItems").optional(),
});

export const studyCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1, "required").max(200, "tooLong"),
    provider: z.string().trim().min(1, "required").max(200, "tooLong"),
    industry: z.enum(industryKeys, "unknownIndustry").default("generic"),
    scale: scaleSchema.default(7),
    languages: languagesSchema.default(["en"]),
    framework: z.enum(frameworkKeys, "unknownFramework").default("gronroos"),
    seed: z.int().min(0).max(2 ** 31 - 1).optional(),
    askImportance: z.boolean().default(false),
    segments: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    criteria: z.array(criterionInputSchema).min(1, "oneCriterion").max(12, "tooManyCriteria").optional(),
  })
  .superRefine((study, ctx) => {
    if (!study.criteria) return;
    const keys = study.criteria.map((c) => c.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", path: ["criteria"], message: "criterionKeysRepeat" });
    const itemKeys = study.criteria.flatMap((c) => (c.items ?? []).map((i) => i.key).filter(Boolean));
    if (new Set(itemKeys).size !== itemKeys.length) ctx.addIssue({ code: "custom", path: ["criteria"], message: "itemKeysRepeat" });
    if (validateWeights(study.criteria.map((c) => c.weight)).length > 0) {
      ctx.addIssue({ code: "custom", path: ["criteria"], message: "weightsSum" });
    }
  });

export type StudyCreateInput = z.input<typeof studyCreateSchema>;
export type StudyCreate = z.output<typeof studyCreateSchema>;
