import { z } from "zod";
import { emailSchema } from "@/lib/validation/auth";

// A study's alert rule (issue 17): a submitted response whose own weighted
// gap (METHOD.md §3, SQ of one respondent) is at least `threshold`, or whose
// gap on the criterion `criterion` is at least `criterionThreshold`, opens a
// follow-up case and mails the members in `notify`. Either part may be off.

/** The largest gap any criterion can have (7-point scale: 7 − 1). */
export const maxGap = 6;
/** How many members one rule can notify. */
export const maxNotify = 50;

const thresholdSchema = z.number("invalidNumber").finite("invalidNumber").gt(0, "thresholdTooSmall").max(maxGap, "thresholdTooLarge");

/** The rule as the API and the form give it; `notify` holds member emails. */
export const alertRuleInputSchema = z
  .strictObject({
    threshold: thresholdSchema.nullable().default(null),
    notify: z
      .array(emailSchema.transform((email) => email.toLowerCase()))
      .max(maxNotify, "tooManyNotify")
      .default([]),
    criterion: z.string().trim().min(1, "required").max(40, "tooLong").nullable().optional(),
    criterionThreshold: thresholdSchema.nullable().optional(),
  })
  .superRefine((rule, ctx) => {
    const hasCriterion = rule.criterion != null;
    const hasCriterionThreshold = rule.criterionThreshold != null;
    if (hasCriterion && !hasCriterionThreshold) ctx.addIssue({ code: "custom", path: ["criterionThreshold"], message: "required" });
    if (!hasCriterion && hasCriterionThreshold) ctx.addIssue({ code: "custom", path: ["criterion"], message: "required" });
  })
  .transform((rule) => ({
    threshold: rule.threshold,
    notify: [...new Set(rule.notify)],
    criterion: rule.criterion ?? null,
    criterionThreshold: rule.criterion != null ? (rule.criterionThreshold ?? null) : null,
  }));

export type AlertRuleInput = z.output<typeof alertRuleInputSchema>;

export type AlertRule = {
  threshold: number | null;
  criterionKey: string | null;
  criterionThreshold: number | null;
};

// The gap is a weighted mean of differences of means: 1.5 may come out as 1.4999999999999998.
const epsilon = 1e-9;

export type AlertHit = { kind: "gap"; gap: number; threshold: number } | { kind: "criterion"; key: string; gap: number; threshold: number };

/**
 * What in this response crossed the rule (the weighted gap first, then the
 * criterion), or an empty list: no alert. A gap that is null (a criterion
 * with weight had no counted item) crosses nothing.
 */
export function alertHits(rule: AlertRule, gap: number | null, criterionGap: (key: string) => number | null): AlertHit[] {
  const hits: AlertHit[] = [];
  if (rule.threshold !== null && gap !== null && gap >= rule.threshold - epsilon) hits.push({ kind: "gap", gap, threshold: rule.threshold });
  if (rule.criterionKey !== null && rule.criterionThreshold !== null) {
    const g = criterionGap(rule.criterionKey);
    if (g !== null && g >= rule.criterionThreshold - epsilon)
      hits.push({ kind: "criterion", key: rule.criterionKey, gap: g, threshold: rule.criterionThreshold });
  }
  return hits;
}

/** Whether the rule can ever fire. */
export function ruleIsOn(rule: AlertRule): boolean {
  return rule.threshold !== null || (rule.criterionKey !== null && rule.criterionThreshold !== null);
}

/** A number field of the form: empty is "off" (null); "1,5" reads as 1.5. */
const optionalNumberField = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const value = (raw ?? "").trim();
    if (value === "") return null;
    const n = value.length <= 20 ? Number(value.replace(",", ".")) : NaN;
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: "invalidNumber" });
      return z.NEVER;
    }
    return n;
  });

/**
 * The Distribute page's "Follow-up and alerts" form: the rule as the API
 * takes it, with the form's own spelling (empty fields, checkboxes).
 */
export const alertRuleFormSchema = z
  .object({
    studyId: z.string(),
    consentStep: z.literal("on").optional(),
    threshold: optionalNumberField,
    criterion: z.string().trim().max(40, "tooLong").default(""),
    criterionThreshold: optionalNumberField,
    notify: z.array(z.string()).max(maxNotify, "tooManyNotify").default([]),
  })
  .transform(({ studyId, consentStep, threshold, criterion, criterionThreshold, notify }) => ({
    studyId,
    consentStep: consentStep === "on",
    rule: { threshold, criterion: criterion === "" ? null : criterion, criterionThreshold, notify },
  }));
