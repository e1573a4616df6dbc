import { z } from "zod";
import { completeLocalizedTextSchema, locales, providerPlaceholder } from "@/lib/i18n/localized-text";
import { maxCriteria } from "@/lib/studies/limits";

// The keys are code, the texts are data: the generator, the scoring and the
// stored studies refer to these keys, so a JSON edit must not be able to
// rename or drop one. The schemas below pin them.
export const frameworkKeys = ["gronroos", "servqual"] as const;
export const gronroosCriterionKeys = ["professionalism", "attitudes", "accessibility", "reliability", "recovery", "reputation"] as const;
export const servqualDimensionKeys = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"] as const;
export const criterionKinds = ["outcome", "process", "image"] as const;
export const industryKeys = [
  "generic",
  "hotel",
  "restaurant",
  "clinic",
  "bank",
  "airline",
  "car-dealer",
  "telecom",
  "retail",
  "it-support",
  "public-service",
] as const;

export type FrameworkKey = (typeof frameworkKeys)[number];
export type GronroosCriterionKey = (typeof gronroosCriterionKeys)[number];
export type ServqualDimensionKey = (typeof servqualDimensionKeys)[number];
export type CriterionKind = (typeof criterionKinds)[number];
export type IndustryKey = (typeof industryKeys)[number];

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a kebab-case slug");

function sameKeys(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((key, i) => key === expected[i]);
}

/** Any `{…}` other than `{provider}` is a typo the survey would print verbatim. */
function strayPlaceholder(text: string): boolean {
  return /[{}]/.test(text.split(providerPlaceholder).join(""));
}

// ── Frameworks ──────────────────────────────────────────────────────────────

export const criterionSchema = z.strictObject({
  key: slug,
  name: completeLocalizedTextSchema,
  definition: completeLocalizedTextSchema,
  /** What customers read on the survey: a plain heading and one line addressed to them (the name and definition are the method's words, for managers). */
  customerTitle: completeLocalizedTextSchema,
  customerDescription: completeLocalizedTextSchema,
  /** Grönroos: technical (outcome), functional (process) or image quality. */
  kind: z.enum(criterionKinds).optional(),
});

export const frameworkSchema = z.strictObject({
  key: z.enum(frameworkKeys),
  name: completeLocalizedTextSchema,
  source: z.string().min(1),
  criteria: z.array(criterionSchema).min(1).max(maxCriteria),
});

export const frameworksFileSchema = z.strictObject({ frameworks: z.array(frameworkSchema) }).superRefine((file, ctx) => {
  const keys = file.frameworks.map((f) => f.key);
  if (!sameKeys(keys, frameworkKeys)) {
    ctx.addIssue({ code: "custom", message: `frameworks must be ${frameworkKeys.join(", ")} in this order` });
  }
  for (const [index, framework] of file.frameworks.entries()) {
    const expected = framework.key === "gronroos" ? gronroosCriterionKeys : servqualDimensionKeys;
    const criteria = framework.criteria.map((c) => c.key);
    if (!sameKeys(criteria, expected)) {
      ctx.addIssue({
        code: "custom",
        path: ["frameworks", index, "criteria"],
        message: `${framework.key} criteria must be ${expected.join(", ")} in this order`,
      });
    }
    if (framework.key === "gronroos" && framework.criteria.some((c) => c.kind === undefined)) {
      ctx.addIssue({ code: "custom", path: ["frameworks", index], message: "every Grönroos criterion needs a kind" });
    }
  }
});

export type CriterionDefinition = z.infer<typeof criterionSchema>;
export type Framework = z.infer<typeof frameworkSchema>;

// ── Item banks ──────────────────────────────────────────────────────────────

export const bankItemSchema = z.strictObject({
  /** `<industry>.<criterion>.<slug>`; stable: never reuse or rename one. */
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+\.[a-z0-9-]+$/, "must be <industry>.<criterion>.<slug>"),
  criterion: slug,
  /** What aspect the item probes; the generator avoids repeating a facet. */
  facet: slug,
  text: completeLocalizedTextSchema,
  /** Negatively worded: scored L + 1 − x (METHOD.md §2). */
  reverse: z.boolean(),
  /** Where the item comes from, e.g. "PZB 1988 #5". */
  ref: z.string().min(1).optional(),
});

export type BankItem = z.infer<typeof bankItemSchema>;

/** Checks shared by the industry banks and the SERVQUAL bank. */
function checkItems(items: readonly BankItem[], prefix: string, criteria: readonly string[], ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  const texts = new Map<string, string>();
  for (const [index, item] of items.entries()) {
    const path = ["items", index];
    if (!criteria.includes(item.criterion)) {
      ctx.addIssue({ code: "custom", path: [...path, "criterion"], message: `unknown criterion "${item.criterion}"` });
    }
    if (!item.id.startsWith(`${prefix}.${item.criterion}.`)) {
      ctx.addIssue({ code: "custom", path: [...path, "id"], message: `id must start with "${prefix}.${item.criterion}."` });
    }
    if (ids.has(item.id)) ctx.addIssue({ code: "custom", path: [...path, "id"], message: `duplicate id ${item.id}` });
    ids.add(item.id);
    for (const locale of locales) {
      const text = item.text[locale];
      if (strayPlaceholder(text)) {
        ctx.addIssue({ code: "custom", path: [...path, "text", locale], message: "only {provider} may appear in braces" });
      }
      const key = `${item.criterion}|${locale}|${text.trim().toLowerCase()}`;
      const other = texts.get(key);
      if (other) ctx.addIssue({ code: "custom", path: [...path, "text", locale], message: `same text as ${other}` });
      texts.set(key, item.id);
    }
  }
}

export const bankFileSchema = z
  .strictObject({
    industry: z.enum(industryKeys),
    name: completeLocalizedTextSchema,
    items: z.array(bankItemSchema).min(1),
  })
  .superRefine((file, ctx) => checkItems(file.items, file.industry, gronroosCriterionKeys, ctx));

export type BankFile = z.infer<typeof bankFileSchema>;

export const servqualFileSchema = z
  .strictObject({
    framework: z.literal("servqual"),
    source: z.string().min(1),
    items: z.array(bankItemSchema).min(1),
  })
  .superRefine((file, ctx) => checkItems(file.items, "servqual", servqualDimensionKeys, ctx));

export type ServqualFile = z.infer<typeof servqualFileSchema>;

// ── Causes of gaps 1–4 and the consequences of gap 5 ────────────────────────

export const gapNumbers = [1, 2, 3, 4, 5] as const;
export type GapNumber = (typeof gapNumbers)[number];
export type CauseGapNumber = Exclude<GapNumber, 5>;

export const gapSchema = z.strictObject({
  gap: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  key: slug,
  name: completeLocalizedTextSchema,
  description: completeLocalizedTextSchema,
  consequences: z
    .array(z.strictObject({ key: slug, text: completeLocalizedTextSchema }))
    .min(1)
    .optional(),
});

export const causeStatementSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, "must be <factor>.<slug>"),
  text: completeLocalizedTextSchema,
  /** Worded so that agreeing means the cause is present. */
  reverse: z.boolean(),
});

export const causeFactorSchema = z.strictObject({
  key: slug,
  gap: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  name: completeLocalizedTextSchema,
  remedy: completeLocalizedTextSchema,
  statements: z.array(causeStatementSchema).min(2).max(3),
});

export const causesFileSchema = z
  .strictObject({
    source: z.string().min(1),
    gaps: z.array(gapSchema),
    factors: z.array(causeFactorSchema).min(1),
  })
  .superRefine((file, ctx) => {
    if (
      !sameKeys(
        file.gaps.map((g) => String(g.gap)),
        gapNumbers.map(String),
      )
    ) {
      ctx.addIssue({ code: "custom", path: ["gaps"], message: "gaps must be 1, 2, 3, 4, 5 in this order" });
    }
    for (const [index, gap] of file.gaps.entries()) {
      if ((gap.gap === 5) !== (gap.consequences !== undefined)) {
        ctx.addIssue({ code: "custom", path: ["gaps", index], message: "exactly gap 5 lists consequences" });
      }
    }
    const keys = new Set<string>();
    for (const [index, factor] of file.factors.entries()) {
      if (keys.has(factor.key)) ctx.addIssue({ code: "custom", path: ["factors", index, "key"], message: "duplicate key" });
      keys.add(factor.key);
      const ids = new Set<string>();
      for (const [s, statement] of factor.statements.entries()) {
        const path = ["factors", index, "statements", s, "id"];
        if (!statement.id.startsWith(`${factor.key}.`)) {
          ctx.addIssue({ code: "custom", path, message: `id must start with "${factor.key}."` });
        }
        if (ids.has(statement.id)) ctx.addIssue({ code: "custom", path, message: "duplicate id" });
        ids.add(statement.id);
      }
    }
  });

export type Gap = z.infer<typeof gapSchema>;
export type CauseStatement = z.infer<typeof causeStatementSchema>;
export type CauseFactor = z.infer<typeof causeFactorSchema>;
export type CausesFile = z.infer<typeof causesFileSchema>;

// ── Loading ─────────────────────────────────────────────────────────────────

/** A bank file that fails its schema names itself, so a translator can find it. */
export class BankFileError extends Error {
  constructor(source: string, detail: string) {
    super(`${source} is invalid:\n${detail}`);
    this.name = "BankFileError";
  }
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, source: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new BankFileError(source, z.prettifyError(result.error));
  return result.data;
}

export function loadFrameworksFile(raw: unknown, source = "frameworks.json"): z.infer<typeof frameworksFileSchema> {
  return parseWith(frameworksFileSchema, raw, source);
}

export function loadBankFile(raw: unknown, source: string): BankFile {
  return parseWith(bankFileSchema, raw, source);
}

export function loadServqualFile(raw: unknown, source = "servqual.json"): ServqualFile {
  return parseWith(servqualFileSchema, raw, source);
}

export function loadCausesFile(raw: unknown, source = "causes.json"): CausesFile {
  return parseWith(causesFileSchema, raw, source);
}
