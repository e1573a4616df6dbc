import { z } from "zod";
import type { Reader } from "@/db/client";
import { answersOfResponses, commentsOfResponses, countFollowedUp, largestShortfalls } from "@/db/queries/responses";
import { listVersions, type StudyRow } from "@/db/queries/studies";
import { scoreCustomerResponse } from "@/lib/scoring/response-scores";
import type { VersionDefinition } from "@/lib/scoring/types";
import { versionDefinition } from "@/lib/studies/version-definition";
import type { ResultsFilter } from "@/lib/validation/results-filter";
import { responseFilter } from "./response-filter";
import { idSchema } from "@/lib/validation/ids";

/** Marking a response as followed up (service recovery), or reopening it. */
export const followUpSchema = z.strictObject({
  responseId: idSchema,
  note: z.string().trim().max(1000, "tooLong").optional().default(""),
  intent: z.enum(["done", "reopen"]).default("done"),
  /** The list's query string, to come back to the same view. */
  back: z
    .string()
    .max(2000)
    .regex(/^(\?[^#]*)?$/)
    .optional(),
});

/** How many responses the follow-up list shows: it is a to-do list, not a report. */
export const followUpLimit = 50;

export type FollowUpEntry = {
  id: string;
  submittedAt: number;
  segment: string;
  language: string;
  version: number;
  /**
   * The respondent's weighted gap SQ_r = Σ_c w_c·g_rc (METHOD.md §3 for one
   * respondent), stored at submit; the list is ranked by it.
   */
  gap: number;
  followedUpAt: number | null;
  note: string | null;
  /** The response's criteria with the largest shortfall, largest first (at most three). */
  worst: { criterion: string; gap: number }[];
  comments: { criterion: string; text: string }[];
};

/**
 * The submitted responses with the largest weighted gap (service recovery),
 * with their comments and worst criteria. Reads raw answers, which is fine
 * for a list bounded to `followUpLimit` responses.
 */
export async function loadFollowUp(db: Reader, study: StudyRow, filter: ResultsFilter, includeFollowedUp: boolean) {
  const versions = await listVersions(db, study.id);
  const byId = new Map(versions.map((v) => [v.id, { row: v, definition: versionDefinition(v.snapshot) as VersionDefinition }]));
  const rawFilter = responseFilter(study.id, filter, versions);
  const [rows, followedUp] = await Promise.all([
    largestShortfalls(db, rawFilter, { limit: followUpLimit, includeFollowedUp }),
    countFollowedUp(db, rawFilter),
  ]);
  const ids = rows.map((r) => r.id);
  const [answerRows, commentRows] = await Promise.all([answersOfResponses(db, study.id, ids), commentsOfResponses(db, ids)]);
  const answers = new Map<string, { itemId: string; expected: number | null; perceived: number | null }[]>();
  for (const a of answerRows) answers.set(a.responseId, [...(answers.get(a.responseId) ?? []), a]);
  const comments = new Map<string, { criterionId: string; text: string }[]>();
  for (const c of commentRows) comments.set(c.responseId, [...(comments.get(c.responseId) ?? []), c]);

  const entries: FollowUpEntry[] = rows.map((r) => {
    const version = byId.get(r.versionId);
    const criterionKey = new Map(version?.row.snapshot.criteria.map((c) => [c.id, c.key]));
    const scored = version ? scoreCustomerResponse(version.definition, answers.get(r.id) ?? []) : { criteria: [] };
    const worst = scored.criteria
      .filter((c) => c.gap > 0)
      .sort((a, b) => b.gap - a.gap)
      .slice(0, 3)
      .map((c) => ({ criterion: criterionKey.get(c.criterionId) ?? c.criterionId, gap: c.gap }));
    const order = version?.row.snapshot.criteria.map((c) => c.id) ?? [];
    return {
      id: r.id,
      submittedAt: r.submittedAt,
      segment: r.segment,
      language: r.language,
      version: version?.row.number ?? 0,
      gap: r.gap,
      followedUpAt: r.followedUpAt,
      note: r.followUpNote,
      worst,
      comments: (comments.get(r.id) ?? [])
        .sort((a, b) => order.indexOf(a.criterionId) - order.indexOf(b.criterionId))
        .map((c) => ({ criterion: criterionKey.get(c.criterionId) ?? c.criterionId, text: c.text })),
    };
  });
  return { entries, followedUp, versions };
}
