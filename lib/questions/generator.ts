import { z } from "zod";
import { findBankItem, gronroosCandidates, industries, industryItems, servqualItems, type BankItem } from "./bank";
import {
  gronroosCriterionKeys,
  industryKeys,
  servqualDimensionKeys,
  frameworkKeys,
  type FrameworkKey,
  type GronroosCriterionKey,
  type IndustryKey,
  type ServqualDimensionKey,
} from "./bank-schema";
import { maxCriteria } from "@/lib/studies/limits";
import { fillProvider, locales, pickLanguages, providerIn, type Locale, type LocalizedText } from "@/lib/i18n/localized-text";
import { fnv1a, mulberry32, shuffled } from "./prng";

export { industries };

/** Grönroos default: 4 items keeps six criteria near SERVQUAL's 22 statements (each rated twice). */
export const defaultItemsPerCriterion = 4;
/** Negatively worded items guard against acquiescence but confuse when frequent. */
export const defaultMaxReversePerCriterion = 1;

// Locked texts come from the editor: a language may be blank while being
// translated, so blanks are tolerated here and dropped from the output.
const lockedTextSchema = z.strictObject({
  en: z.string().optional(),
  "zh-Hant": z.string().optional(),
  "zh-Hans": z.string().optional(),
});

export const lockedItemSchema = z.strictObject({
  bankId: z.string().min(1).nullish(),
  facet: z.string().min(1).nullish(),
  text: lockedTextSchema,
  reverse: z.boolean(),
});

export const generateItemsInputSchema = z.strictObject({
  framework: z.enum(frameworkKeys),
  industry: z.enum(industryKeys),
  provider: z.string().trim().min(1).max(200),
  /** The provider's own name per language (海港飯店), used there instead of `provider`. */
  providerNames: z.partialRecord(z.enum(locales), z.string().trim().max(200)).nullish(),
  languages: z
    .array(z.enum(locales))
    .min(1)
    .refine((list) => new Set(list).size === list.length, "languages must not repeat"),
  seed: z.int(),
  criteria: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        locked: z.array(lockedItemSchema).optional(),
        /** Bank ids on screen now: a regeneration draws them again only when nothing else is left. */
        avoid: z.array(z.string().min(1)).max(10_000).optional(),
        /** Bank ids shown before (earlier regenerations): drawn only after the never-shown ones. */
        seen: z.array(z.string().min(1)).max(10_000).optional(),
      }),
    )
    .min(1)
    .max(maxCriteria)
    .refine((list) => new Set(list.map((c) => c.key)).size === list.length, "criterion keys must not repeat"),
  perCriterion: z.union([z.literal(4), z.literal(5)]).optional(),
  maxReversePerCriterion: z.int().min(0).max(5).optional(),
});

export type LockedItem = z.input<typeof lockedItemSchema>;
export type GenerateItemsInput = z.input<typeof generateItemsInputSchema>;

export type GeneratedItem = {
  /** The bank item it came from; null for a manager's own item. */
  bankId: string | null;
  facet: string | null;
  /** Only the study's languages (locked items keep what they had), provider filled in. */
  text: LocalizedText;
  reverse: boolean;
  /** Passed through from `locked`, not drawn from the bank. */
  locked: boolean;
};

/**
 * - complete: the criterion has its target number of items.
 * - custom-criterion: the preset does not know this key (a manager's own
 *   criterion); only locked items are returned and the manager writes the rest.
 * - bank-exhausted: too few unused candidates remained to reach the target.
 */
export type CriterionStatus = "complete" | "custom-criterion" | "bank-exhausted";

export type GeneratedCriterion = {
  key: string;
  status: CriterionStatus;
  items: GeneratedItem[];
  /**
   * Drawn items that were in `avoid` or `seen`: the bank had too few
   * questions never shown for this criterion. 0 when none were passed.
   */
  repeated: number;
};

/**
 * Proposes 4–5 items per criterion from the bank, deterministically from `seed`.
 *
 * Per criterion: locked items come first, unchanged except for the provider
 * name, and count toward the target; their bank ids are never drawn again and
 * their facets are avoided. New items then come from the industry's own
 * candidates before the generic ones, distinct facets before repeated ones,
 * at most `maxReversePerCriterion` reverse items in all, never a text equal
 * to one already chosen. A regeneration passes the bank ids on screen
 * (`avoid`) and shown before (`seen`): never-shown candidates come first
 * (the industry's, then the generic ones), then the ones shown before, and
 * those on screen last; `repeated` counts how many had to be reused.
 * Each criterion draws from its own stream derived
 * from (seed, key), so regenerating one criterion with the same seed yields
 * what a full generation would have given it.
 *
 * SERVQUAL: the instrument's items, in its order; 4 for tangibles,
 * responsiveness and assurance, 5 for reliability and empathy unless
 * `perCriterion` says otherwise.
 *
 * Throws a ZodError on invalid input; callers facing users should
 * `generateItemsInputSchema.safeParse` first.
 */
export function generateItems(input: GenerateItemsInput): GeneratedCriterion[] {
  const parsed = generateItemsInputSchema.parse(input);
  return parsed.criteria.map((criterion) =>
    generateCriterion({
      framework: parsed.framework,
      industry: parsed.industry,
      provider: parsed.provider,
      providerNames: parsed.providerNames ?? null,
      languages: parsed.languages,
      seed: parsed.seed,
      perCriterion: parsed.perCriterion,
      maxReverse: parsed.maxReversePerCriterion ?? defaultMaxReversePerCriterion,
      key: criterion.key,
      locked: criterion.locked ?? [],
      avoid: new Set(criterion.avoid ?? []),
      seen: new Set(criterion.seen ?? []),
    }),
  );
}

type CriterionJob = {
  framework: FrameworkKey;
  industry: IndustryKey;
  provider: string;
  providerNames: LocalizedText | null;
  languages: readonly Locale[];
  seed: number;
  perCriterion: 4 | 5 | undefined;
  maxReverse: number;
  key: string;
  locked: readonly z.output<typeof lockedItemSchema>[];
  avoid: ReadonlySet<string>;
  seen: ReadonlySet<string>;
};

function isGronroosKey(key: string): key is GronroosCriterionKey {
  return (gronroosCriterionKeys as readonly string[]).includes(key);
}

function isServqualKey(key: string): key is ServqualDimensionKey {
  return (servqualDimensionKeys as readonly string[]).includes(key);
}

/** Normalised for duplicate detection: case, width, spacing, final full stop. */
function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[.。!！]+$/u, "")
    .trim();
}

function textKeys(text: LocalizedText, provider: string, providerNames: LocalizedText | null): string[] {
  return locales.flatMap((locale) => {
    const value = text[locale];
    return value && /\S/.test(value) ? [`${locale}|${normalise(fillProvider(value, providerIn(locale, provider, providerNames), locale))}`] : [];
  });
}

function lockedOutput(item: z.output<typeof lockedItemSchema>, provider: string, providerNames: LocalizedText | null): GeneratedItem {
  const text: LocalizedText = {};
  for (const locale of locales) {
    const value = item.text[locale];
    if (value !== undefined && /\S/.test(value)) text[locale] = fillProvider(value, providerIn(locale, provider, providerNames), locale);
  }
  const bankId = item.bankId ?? null;
  const facet = item.facet ?? (bankId ? (findBankItem(bankId)?.facet ?? null) : null);
  return { bankId, facet, text, reverse: item.reverse, locked: true };
}

function generateCriterion(job: CriterionJob): GeneratedCriterion {
  const locked = job.locked.map((item) => lockedOutput(item, job.provider, job.providerNames));
  const random = mulberry32(fnv1a(`${job.seed}\u0000${job.key}`));

  let ordered: BankItem[];
  let target: number;
  // SERVQUAL keeps the instrument's order: it is part of the published scale.
  let instrumentOrder: string[] | null = null;
  if (job.framework === "gronroos" && isGronroosKey(job.key)) {
    const own = job.industry === "generic" ? [] : industryItems(job.industry, job.key);
    const fill = gronroosCandidates(job.industry, job.key).slice(own.length);
    ordered = [...shuffled(own, random), ...shuffled(fill, random)];
    target = job.perCriterion ?? defaultItemsPerCriterion;
  } else if (job.framework === "servqual" && isServqualKey(job.key)) {
    const instrument = servqualItems(job.key);
    instrumentOrder = instrument.map((item) => item.id);
    ordered = shuffled(instrument, random);
    target = job.perCriterion ?? Math.min(5, Math.max(4, instrument.length));
  } else {
    // Templates like "{provider} performs well on <criterion>" would be
    // vague items that measure nothing concrete; the manager writes them.
    return { key: job.key, status: "custom-criterion", items: locked, repeated: 0 };
  }

  const need = target - locked.length;
  if (need <= 0) return { key: job.key, status: "complete", items: locked, repeated: 0 };

  const usedIds = new Set(locked.flatMap((item) => (item.bankId ? [item.bankId] : [])));
  const usedFacets = new Set(locked.flatMap((item) => (item.facet ? [item.facet] : [])));
  const usedTexts = new Set(locked.flatMap((item) => textKeys(item.text, job.provider, job.providerNames)));
  let reverseCount = locked.filter((item) => item.reverse).length;
  const picked: BankItem[] = [];

  // Tiers, each exhausted before the next: never shown, shown before, on screen.
  const tierOf = (id: string) => (job.avoid.has(id) ? 2 : job.seen.has(id) ? 1 : 0);
  let repeated = 0;
  for (const tier of [0, 1, 2]) {
    for (const distinctFacets of [true, false]) {
      for (const candidate of ordered) {
        if (picked.length === need) break;
        if (tierOf(candidate.id) !== tier) continue;
        if (usedIds.has(candidate.id)) continue;
        if (distinctFacets && usedFacets.has(candidate.facet)) continue;
        if (candidate.reverse && reverseCount >= job.maxReverse) continue;
        const keys = textKeys(candidate.text, job.provider, job.providerNames);
        if (keys.some((key) => usedTexts.has(key))) continue;
        picked.push(candidate);
        usedIds.add(candidate.id);
        usedFacets.add(candidate.facet);
        for (const key of keys) usedTexts.add(key);
        if (candidate.reverse) reverseCount++;
        if (tier > 0) repeated++;
      }
    }
  }

  if (instrumentOrder) {
    const order = instrumentOrder;
    picked.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  }

  const drawn: GeneratedItem[] = picked.map((item) => ({
    bankId: item.id,
    facet: item.facet,
    text: pickLanguages(item.text, job.languages, job.provider, job.providerNames),
    reverse: item.reverse,
    locked: false,
  }));
  return {
    key: job.key,
    status: picked.length === need ? "complete" : "bank-exhausted",
    items: [...locked, ...drawn],
    repeated,
  };
}
