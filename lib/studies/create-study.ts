import { randomUUID } from "node:crypto";
import { transaction, type Tx } from "@/db/client";
import { insertCriterion, insertItem, insertStudy } from "@/db/queries/studies";
import { frameworks } from "@/lib/questions/frameworks";
import { generateItems } from "@/lib/questions/generator";
import { pickLanguages, type Locale, type LocalizedText } from "@/lib/i18n/localized-text";
import type { StudyCreate } from "@/lib/validation/study";

/** Splits 100 points into `count` shares of two decimals that sum to exactly 100. */
export function equalWeights(count: number): number[] {
  const cents = Math.floor(10000 / count);
  const weights = Array.from({ length: count }, () => cents);
  for (let i = 0; i < 10000 - cents * count; i++) weights[i] += 1;
  return weights.map((w) => w / 100);
}

/** A short item key from the criterion key and a counter, never one already used. */
export function nextItemKey(criterionKey: string, used: Set<string>): string {
  for (let n = 1; ; n++) {
    const key = `${criterionKey}-${n}`;
    if (!used.has(key)) {
      used.add(key);
      return key;
    }
  }
}

export type CreatedStudy = { id: string; criteria: { id: string; key: string; items: { id: string; key: string }[] }[] };

/**
 * Creates a study with its draft questionnaire in one transaction. Without
 * `criteria`, the framework's preset criteria get equal weights and
 * generated questions (repeatable from `seed`).
 */
export async function createStudy(workspaceId: string, input: StudyCreate): Promise<CreatedStudy> {
  return transaction((tx) => createStudyIn(tx, workspaceId, input));
}

/** createStudy inside a caller's transaction (the demo writes its study and responses in one). */
export async function createStudyIn(tx: Tx, workspaceId: string, input: StudyCreate): Promise<CreatedStudy> {
  const id = randomUUID();
  const seed = input.seed ?? Math.floor(Math.random() * 2 ** 31);
  await insertStudy(tx, {
    id,
    workspaceId,
    name: input.name,
    provider: input.provider,
    providerNames: namesIn(input.providerNames, input.languages),
    industry: input.industry,
    languages: input.languages,
    scale: input.scale,
    framework: input.framework,
    seed,
    askImportance: input.askImportance,
    segments: input.segments,
  });
  const usedKeys = new Set<string>();
  const created: CreatedStudy = { id, criteria: [] };
  const plan: PlannedCriterion[] = input.criteria ?? presetCriteria(input, seed);
  for (const [position, criterion] of plan.entries()) {
    const criterionId = randomUUID();
    await insertCriterion(tx, {
      id: criterionId,
      studyId: id,
      key: criterion.key,
      name: criterion.name,
      description: criterion.description ?? {},
      weight: criterion.weight,
      position,
    });
    const createdItems: { id: string; key: string }[] = [];
    for (const [itemPosition, item] of (criterion.items ?? []).entries()) {
      const itemId = randomUUID();
      const key = item.key && !usedKeys.has(item.key) ? (usedKeys.add(item.key), item.key) : nextItemKey(criterion.key, usedKeys);
      await insertItem(tx, {
        id: itemId,
        studyId: id,
        criterionId,
        key,
        text: item.text,
        reverse: item.reverse,
        bankId: item.bankId ?? null,
        facet: item.facet ?? null,
        position: itemPosition,
      });
      createdItems.push({ id: itemId, key });
    }
    created.criteria.push({ id: criterionId, key: criterion.key, items: createdItems });
  }
  return created;
}

/** The provider's own names in the study's languages; null when none. */
export function namesIn(names: LocalizedText | null | undefined, languages: readonly Locale[]): LocalizedText | null {
  const kept = names ? pickLanguages(names, languages) : {};
  return Object.keys(kept).length > 0 ? kept : null;
}

type PlannedCriterion = {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  weight: number;
  items?: { key?: string; text: LocalizedText; reverse: boolean; bankId?: string | null; facet?: string | null }[];
};

function presetCriteria(input: StudyCreate, seed: number): PlannedCriterion[] {
  const framework = frameworks[input.framework];
  const weights = equalWeights(framework.criteria.length);
  const generated = generateItems({
    framework: input.framework,
    industry: input.industry,
    provider: input.provider,
    providerNames: namesIn(input.providerNames, input.languages),
    languages: input.languages,
    seed,
    criteria: framework.criteria.map((c) => ({ key: c.key })),
  });
  return framework.criteria.map((criterion, i) => ({
    key: criterion.key,
    name: pickLanguages(criterion.name, input.languages),
    description: pickLanguages(criterion.definition, input.languages),
    weight: weights[i],
    items: generated[i].items.map((item) => ({
      text: item.text,
      reverse: item.reverse,
      bankId: item.bankId,
      facet: item.facet,
    })),
  }));
}
