import type { DraftCriterion, StudyRow } from "@/db/queries/studies";
import { isLocale } from "@/lib/i18n/locales";
import { findCriterion } from "@/lib/questions/frameworks";
import { studyFramework } from "@/lib/studies/regenerate";
import { textIn, type CompleteLocalizedText, type LocalizedText } from "@/lib/i18n/localized-text";

const untouched = (text: LocalizedText, preset: CompleteLocalizedText) => Object.entries(text).every(([l, v]) => isLocale(l) && v === preset[l]);

/**
 * A criterion's name and definition for the manager's screen. A preset
 * criterion the manager has not reworded is shown in the manager's own
 * language even when the study is not in it; a reworded or own criterion
 * in the study's words.
 */
export function criterionLabels(study: StudyRow, criterion: Pick<DraftCriterion, "key" | "name" | "description">, locale: string) {
  const preset = findCriterion(studyFramework(study), criterion.key);
  const name =
    preset && isLocale(locale) && untouched(criterion.name, preset.name) ? preset.name[locale] : textIn(criterion.name, locale, study.languages);
  const definition =
    preset && isLocale(locale) && untouched(criterion.description, preset.definition)
      ? preset.definition[locale]
      : textIn(criterion.description, locale, study.languages);
  return { name: name || criterion.key, definition };
}
