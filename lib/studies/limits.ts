// The size of a questionnaire (METHOD.md §1): 1–12 criteria, each measured
// by 4–5 items when published. Pure, so the bank's schema, the forms, the
// survey's parser and the publish rules all read the same numbers.

export const maxCriteria = 12;
export const minItemsPerCriterion = 4;
export const maxItemsPerCriterion = 5;
