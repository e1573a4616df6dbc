/**
 * What the questionnaire designer's actions hand back to their forms: codes
 * (translated by the form from the "study" and "errors" namespaces), never
 * texts, plus the values to refill a form after an error.
 */
export type DesignState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** Which button was pressed, so the form can put focus back on it. */
  intent?: string;
  version?: number;
  /** The public survey link of a version just published, absolute. */
  surveyUrl?: string;
  kept?: number;
  /** After a regeneration that ran out of new bank questions: how many drawn were new. */
  fresh?: number;
  /** After regenerating all: how many criteria ran out of new bank questions. */
  count?: number;
  /** A publish refused for the draft's problems: how many. */
  problemCount?: number;
};
