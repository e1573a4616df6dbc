import { getTranslations } from "next-intl/server";
import type { DraftCriterion } from "@/db/queries/studies";
import type { PublishProblem } from "@/lib/studies/publish-rules";
import { maxCriteria, maxItemsPerCriterion, minItemsPerCriterion } from "@/lib/studies/limits";
import { languageName } from "@/lib/i18n/locales";

export type DescribedProblem = { text: string; href: string | null };

/**
 * Publish problems as sentences in the manager's language, each pointing at
 * the criterion or question to fix (anchors on the design page).
 */
export async function describeProblems(
  problems: PublishProblem[],
  draft: DraftCriterion[],
  /** The criterion's name as the manager's screen shows it. */
  displayName: (criterion: DraftCriterion) => string,
): Promise<DescribedProblem[]> {
  const t = await getTranslations("study.problems");
  const criterionOf = (key: string) => draft.find((c) => c.key === key);
  const nameOf = (key: string) => {
    const criterion = criterionOf(key);
    return criterion ? displayName(criterion) || key : key;
  };
  return problems.map((problem): DescribedProblem => {
    switch (problem.code) {
      case "noCriteria":
        return { text: t("noCriteria"), href: "#questions" };
      case "tooManyCriteria":
        return { text: t("tooManyCriteria", { count: problem.count, max: maxCriteria }), href: "#questions" };
      case "tooFewItems":
        return {
          text: t("tooFewItems", { criterion: nameOf(problem.criterion), count: problem.count, min: minItemsPerCriterion }),
          href: `#criterion-${criterionOf(problem.criterion)?.id}`,
        };
      case "tooManyItems":
        return {
          text: t("tooManyItems", { criterion: nameOf(problem.criterion), count: problem.count, max: maxItemsPerCriterion }),
          href: `#criterion-${criterionOf(problem.criterion)?.id}`,
        };
      case "weightsSum":
        // Not rounded to 2 decimals: a sum of 100.001 must not read "100, not 100".
        return { text: t("weightsSum", { sum: String(Number(problem.sum.toFixed(6))) }), href: "#weights" };
      case "weightInvalid":
        return { text: t("weightInvalid", { criterion: nameOf(problem.criterion) }), href: "#weights" };
      case "criterionNameMissing":
        return {
          text: t("criterionNameMissing", { criterion: nameOf(problem.criterion), language: languageName(problem.language) }),
          href: `#criterion-${criterionOf(problem.criterion)?.id}`,
        };
      case "itemTextMissing": {
        const criterion = criterionOf(problem.criterion);
        const index = criterion?.items.findIndex((i) => i.key === problem.item) ?? -1;
        return {
          text: t("itemTextMissing", {
            criterion: nameOf(problem.criterion),
            number: index + 1,
            language: languageName(problem.language),
          }),
          href: index >= 0 && criterion ? `#item-${criterion.items[index].id}` : null,
        };
      }
    }
  });
}
