import { loadDraft, updateCriterion, updateItem, updateStudy, type DraftCriterion } from "@/db/queries/studies";
import { isLocale } from "@/lib/i18n/locales";
import { fillProvider, providerIn, renameProviderIn, type CompleteLocalizedText, type LocalizedText } from "@/lib/i18n/localized-text";
import { findBankItem } from "@/lib/questions/bank";
import { findCriterion } from "@/lib/questions/frameworks";
import type { StudySettingsForm } from "@/lib/validation/study";
import { editDraft, type DraftResult } from "./draft-context";
import { studyFramework } from "./regenerate";
import { namesIn } from "./create-study";

/** A study's provider: the main name and its own name per language. */
export type ProviderNaming = { provider: string; providerNames?: LocalizedText | null };

/**
 * Replaces, in each language, every occurrence of the provider's old name
 * there with its new name there (a language's own name or the main one);
 * split/join so `$` in a name stays literal.
 */
export function renameProvider(text: LocalizedText, from: ProviderNaming, to: ProviderNaming): LocalizedText {
  const out: LocalizedText = {};
  for (const [language, value] of Object.entries(text))
    if (isLocale(language) && value !== undefined)
      out[language] = renameProviderIn(
        value,
        providerIn(language, from.provider, from.providerNames),
        providerIn(language, to.provider, to.providerNames),
        language,
      );
  return out;
}

/** A preset's text for a new language, but only where the manager has not reworded it. */
function presetFill(current: LocalizedText, preset: CompleteLocalizedText | undefined, languages: readonly string[]): LocalizedText {
  if (!preset) return current;
  const untouched = Object.entries(current).every(([l, v]) => !isLocale(l) || v === preset[l]);
  if (!untouched) return current;
  const out: LocalizedText = { ...current };
  for (const language of languages.filter(isLocale)) if (!out[language]) out[language] = preset[language];
  return out;
}

/**
 * Saves the study's settings. A new provider name (the main one or a
 * language's own; `providerNames` omitted keeps them) is carried into every
 * question of the draft, each language with its own name; a new language is filled in from the bank for
 * generated (unlocked) questions and for criteria still worded as the
 * preset, so only the manager's own texts are left to translate.
 */
export async function updateStudySettings(
  workspaceId: string,
  studyId: string,
  settings: Omit<StudySettingsForm, "providerNames"> & { providerNames?: LocalizedText },
): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx, study) => {
    const draft: DraftCriterion[] = await loadDraft(tx, studyId);
    const framework = studyFramework(study);
    const added = settings.languages.filter((l) => !study.languages.includes(l));
    const naming = { provider: settings.provider, providerNames: namesIn(settings.providerNames ?? study.providerNames, settings.languages) };
    for (const criterion of draft) {
      if (added.length > 0) {
        const preset = findCriterion(framework, criterion.key);
        const name = presetFill(criterion.name, preset?.name, added);
        const description = presetFill(criterion.description, preset?.definition, added);
        if (name !== criterion.name || description !== criterion.description) {
          await updateCriterion(tx, studyId, criterion.id, { name, description });
        }
      }
      for (const item of criterion.items) {
        let text = renameProvider(item.text, study, naming);
        const bank = !item.locked && item.bankId ? findBankItem(item.bankId) : undefined;
        if (bank) {
          const filled: LocalizedText = { ...text };
          for (const language of added) {
            if (!filled[language])
              filled[language] = fillProvider(bank.text[language], providerIn(language, naming.provider, naming.providerNames), language);
          }
          text = filled;
        }
        if (JSON.stringify(text) !== JSON.stringify(item.text)) await updateItem(tx, studyId, item.id, { text });
      }
    }
    await updateStudy(tx, workspaceId, studyId, { ...settings, providerNames: naming.providerNames });
    return { ok: true };
  });
}

export async function setArchived(workspaceId: string, studyId: string, archived: boolean): Promise<DraftResult> {
  return editDraft(workspaceId, studyId, async (tx, study) => {
    if ((study.archivedAt !== null) !== archived) await updateStudy(tx, workspaceId, studyId, { archivedAt: archived ? Date.now() : null });
    return { ok: true };
  });
}
