import { validateWeights } from "@/lib/scoring/quality";
import { isLocale } from "@/lib/i18n/locales";
import { maxCriteria, maxItemsPerCriterion, minItemsPerCriterion } from "./limits";
import type { LocalizedText } from "@/lib/i18n/localized-text";

// Why a draft cannot be published yet (PRODUCT.md step 3, METHOD.md §1–2).
// Pure, so the editor, the publish action and the API give the same reasons.

export type DraftForPublish = {
  languages: string[];
  criteria: {
    key: string;
    name: LocalizedText;
    weight: number;
    items: { key: string; text: LocalizedText }[];
  }[];
};

export type PublishProblem =
  | { code: "noCriteria" }
  | { code: "tooManyCriteria"; count: number }
  | { code: "tooFewItems"; criterion: string; count: number }
  | { code: "tooManyItems"; criterion: string; count: number }
  | { code: "weightsSum"; sum: number }
  | { code: "weightInvalid"; criterion: string }
  | { code: "criterionNameMissing"; criterion: string; language: string }
  | { code: "itemTextMissing"; criterion: string; item: string; language: string };

export function publishProblems(draft: DraftForPublish): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (draft.criteria.length === 0) problems.push({ code: "noCriteria" });
  if (draft.criteria.length > maxCriteria) problems.push({ code: "tooManyCriteria", count: draft.criteria.length });
  for (const criterion of draft.criteria) {
    const count = criterion.items.length;
    if (count < minItemsPerCriterion) problems.push({ code: "tooFewItems", criterion: criterion.key, count });
    if (count > maxItemsPerCriterion) problems.push({ code: "tooManyItems", criterion: criterion.key, count });
    if (!Number.isFinite(criterion.weight) || criterion.weight < 0) {
      problems.push({ code: "weightInvalid", criterion: criterion.key });
    }
  }
  const weights = draft.criteria.map((c) => c.weight);
  if (draft.criteria.length > 0 && validateWeights(weights).length > 0 && weights.every((w) => Number.isFinite(w) && w >= 0)) {
    problems.push({ code: "weightsSum", sum: weights.reduce((a, b) => a + b, 0) });
  }
  for (const language of draft.languages) {
    for (const criterion of draft.criteria) {
      if (!isLocale(language) || !criterion.name[language]?.trim()) {
        problems.push({ code: "criterionNameMissing", criterion: criterion.key, language });
      }
      for (const item of criterion.items) {
        if (!isLocale(language) || !item.text[language]?.trim()) {
          problems.push({ code: "itemTextMissing", criterion: criterion.key, item: item.key, language });
        }
      }
    }
  }
  return problems;
}

/** A plain-English sentence per problem, for the API and the CLI. */
export function describeProblem(problem: PublishProblem): string {
  switch (problem.code) {
    case "noCriteria":
      return "The questionnaire has no criteria.";
    case "tooManyCriteria":
      return `There are ${problem.count} criteria; at most ${maxCriteria} are allowed.`;
    case "tooFewItems":
      return `Criterion "${problem.criterion}" has ${problem.count} items; it needs at least ${minItemsPerCriterion}.`;
    case "tooManyItems":
      return `Criterion "${problem.criterion}" has ${problem.count} items; at most ${maxItemsPerCriterion} are allowed.`;
    case "weightsSum":
      return `The weights sum to ${problem.sum}; they must sum to exactly 100.`;
    case "weightInvalid":
      return `Criterion "${problem.criterion}" has an invalid weight.`;
    case "criterionNameMissing":
      return `Criterion "${problem.criterion}" has no name in ${problem.language}.`;
    case "itemTextMissing":
      return `Item "${problem.item}" of criterion "${problem.criterion}" has no text in ${problem.language}.`;
  }
}
