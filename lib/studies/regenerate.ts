import { randomUUID } from "node:crypto";
import type { Reader } from "@/db/client";
import {
  allItemKeys,
  findItemsByBankId,
  insertItem,
  loadDraft,
  removedBankItems,
  updateItem,
  updateStudy,
  type StudyRow,
} from "@/db/queries/studies";
import { isLocale } from "@/lib/i18n/locales";
import { isIndustryKey } from "@/lib/questions/bank";
import { frameworkKeys, type FrameworkKey } from "@/lib/questions/bank-schema";
import { generateItems } from "@/lib/questions/generator";
import { nextItemKey } from "./create-study";
import { editDraft, refuse, type DraftResult } from "./draft-context";

/** The next seed: regenerating must propose something new, and the seed stays a 31-bit integer. */
export function nextSeed(seed: number): number {
  return seed >= 2 ** 31 - 1 ? 0 : seed + 1;
}

export function studyFramework(study: Pick<StudyRow, "framework">): FrameworkKey {
  return (frameworkKeys as readonly string[]).includes(study.framework) ? (study.framework as FrameworkKey) : "gronroos";
}

export type RegenerateOutcome = {
  seed: number;
  /** Locked (or edited) items kept as they were. */
  kept: number;
  /** Criteria the bank knows nothing about: the manager writes their items. */
  custom: string[];
  /** Criteria where the bank ran out before the target count. */
  exhausted: string[];
  /**
   * Criteria with too few bank questions never shown: the proposal reuses
   * ones shown before (or still on screen), `fresh` of its drawn ones are new.
   */
  noNew: { criterionId: string; fresh: number }[];
};

/**
 * Replaces the unlocked items of one criterion (or of all) with a new
 * proposal from the bank, drawn with the next seed. Locked items stay, with
 * their ids, first and in their order. A proposal that draws a bank item the
 * study used before gets that item's row back, so its stable id (and the
 * comparability of results across versions) survives a regeneration.
 */
export async function regenerateItems(workspaceId: string, studyId: string, criterionId: string | null): Promise<DraftResult<RegenerateOutcome>> {
  return editDraft(workspaceId, studyId, async (tx, study) => {
    const draft = await loadDraft(tx, studyId);
    const targets = criterionId === null ? draft : draft.filter((c) => c.id === criterionId);
    if (targets.length === 0) return refuse("criterionNotFound");
    const seed = nextSeed(study.seed);
    const languages = study.languages.filter(isLocale);
    // What the manager has seen: a regeneration offers other questions first.
    const removed = await removedBankItems(tx, studyId);
    const generated = generateItems({
      framework: studyFramework(study),
      industry: isIndustryKey(study.industry) ? study.industry : "generic",
      provider: study.provider,
      providerNames: study.providerNames,
      languages: languages.length > 0 ? languages : ["en"],
      seed,
      criteria: targets.map((c) => ({
        key: c.key,
        locked: c.items.filter((i) => i.locked).map((i) => ({ bankId: i.bankId, facet: i.facet, text: i.text, reverse: i.reverse })),
        avoid: c.items.flatMap((i) => (!i.locked && i.bankId ? [i.bankId] : [])),
        seen: [...new Set(removed.filter((r) => r.criterionId === c.id).map((r) => r.bankId))],
      })),
    });

    const usedKeys = new Set(await allItemKeys(tx, studyId));
    const reused = new Set<string>();
    const now = Date.now();
    const outcome: RegenerateOutcome = { seed, kept: 0, custom: [], exhausted: [], noNew: [] };

    for (const [index, criterion] of targets.entries()) {
      const proposal = generated[index];
      if (proposal.status === "custom-criterion") outcome.custom.push(criterion.id);
      if (proposal.status === "bank-exhausted") outcome.exhausted.push(criterion.id);
      if (proposal.repeated > 0) {
        const drawnCount = proposal.items.filter((item) => !item.locked).length;
        outcome.noNew.push({ criterionId: criterion.id, fresh: drawnCount - proposal.repeated });
      }
      const locked = criterion.items.filter((i) => i.locked);
      outcome.kept += locked.length;
      for (const [position, item] of locked.entries()) {
        if (item.position !== position) await updateItem(tx, studyId, item.id, { position });
      }

      const drawn = proposal.items.filter((item) => !item.locked);
      for (const [offset, item] of drawn.entries()) {
        const position = locked.length + offset;
        const patch = {
          criterionId: criterion.id,
          text: item.text,
          reverse: item.reverse,
          facet: item.facet,
          bankId: item.bankId,
          locked: false,
          removedAt: null,
          position,
        };
        const previous = item.bankId ? await reusableRow(tx, studyId, item.bankId, criterion.id, reused) : undefined;
        if (previous) {
          reused.add(previous);
          await updateItem(tx, studyId, previous, patch);
        } else {
          await insertItem(tx, { id: randomUUID(), studyId, key: nextItemKey(criterion.key, usedKeys), ...patch });
        }
      }

      for (const item of criterion.items) {
        if (!item.locked && !reused.has(item.id)) await updateItem(tx, studyId, item.id, { removedAt: now });
      }
    }

    await updateStudy(tx, workspaceId, studyId, { seed });
    return { ok: true, ...outcome };
  });
}

/** A row of the same bank item that is free to take back: removed, or an unlocked one of this criterion. */
async function reusableRow(db: Reader, studyId: string, bankId: string, criterionId: string, taken: Set<string>): Promise<string | undefined> {
  const rows = (await findItemsByBankId(db, studyId, bankId)).filter((row) => !taken.has(row.id));
  const live = rows.find((row) => row.removedAt === null && row.criterionId === criterionId && !row.locked);
  if (live) return live.id;
  return rows.find((row) => row.removedAt !== null)?.id;
}
