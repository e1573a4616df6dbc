import { z } from "zod";
import { transaction } from "@/db/client";
import { findStudyLink, insertLink, listBranchLinks, revokeLink } from "@/db/queries/links";
import { findStudy, latestVersion, lockStudy, updateStudy } from "@/db/queries/studies";
import { newToken } from "@/lib/auth/tokens";
import { idSchema } from "@/lib/validation/ids";

// Branch links: public links that carry a fixed segment (a table card at the
// Airport branch), so the respondent is not asked for one. A study has at
// most one live branch link per segment, beside its main public link (no
// segment), which stays findPublicLink's.

/** How many segments a study may list (the settings form's limit). */
export const maxSegments = 100;

/** A segment name as typed: spaces trimmed and runs of them made one, at most 100 characters, no control characters. */
export const segmentNameSchema = z
  .string()
  .transform((text) => text.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "chooseBranch")
      .max(100, "segmentTooLong")
      .regex(/^[^\u0000-\u001f\u007f]*$/, "invalid"),
  );

/**
 * The manager's form: a segment picked from the study's list, or a new one
 * typed (which wins when both are given, so a browser without JavaScript
 * needs no switch between the two).
 */
export const branchLinkFormSchema = z
  .object({
    studyId: idSchema,
    segment: z.string().max(1000).default(""),
    newSegment: z.string().max(1000, "segmentTooLong").default(""),
  })
  .transform(({ studyId, segment, newSegment }, ctx) => {
    const typed = newSegment.trim() !== "";
    const parsed = segmentNameSchema.safeParse(typed ? newSegment : segment);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [typed ? "newSegment" : "segment"], message: issue.message });
      return z.NEVER;
    }
    return { studyId, segment: parsed.data };
  });

export const retireBranchLinkSchema = z.object({ studyId: idSchema, linkId: idSchema });

/** The study's own spelling of `name` when it lists it in any letter case, else null. */
export function listedSegment(segments: readonly string[], name: string): string | null {
  const key = name.toLocaleLowerCase();
  return segments.find((s) => s === name) ?? segments.find((s) => s.toLocaleLowerCase() === key) ?? null;
}

export type AddBranchLinkResult =
  /** Made; `addedToStudy` when the segment was new and joined the study's segment list. */
  | { ok: true; linkId: string; token: string; segment: string; addedToStudy: boolean }
  /** No such study in this workspace. */
  | { ok: false; code: "notFound" }
  /** Not published yet: there is no questionnaire to answer. */
  | { ok: false; code: "publishFirst" }
  /** The segment already has a live branch link (retire it first for a new one). */
  | { ok: false; code: "branchTaken"; segment: string }
  /** A new segment, but the study lists the most it may. */
  | { ok: false; code: "tooManySegments" };

/**
 * Adds a branch link for `segmentName`. A segment the study does not list
 * yet is added to its segment list in the same transaction: a branch with
 * its own link is a branch of the study, so the dashboard filter, the
 * invitations and the main link's segment question all offer it. A name
 * that differs from a listed one only in letter case is that segment.
 */
export async function addBranchLink(workspaceId: string, studyId: string, segmentName: string): Promise<AddBranchLinkResult> {
  return transaction(async (tx): Promise<AddBranchLinkResult> => {
    // lockStudy: the segment list and the live branch links are read, then
    // written; a second add (of the same segment or another), a settings
    // save and a publish wait, so a segment never gets two live links and
    // no segment added here or there is lost.
    await lockStudy(tx, studyId);
    const study = await findStudy(tx, workspaceId, studyId);
    if (!study) return { ok: false, code: "notFound" };
    if (!(await latestVersion(tx, studyId))) return { ok: false, code: "publishFirst" };
    const listed = listedSegment(study.segments, segmentName);
    const segment = listed ?? segmentName;
    const taken = (await listBranchLinks(tx, studyId)).find((l) => l.segment.toLocaleLowerCase() === segment.toLocaleLowerCase());
    if (taken) return { ok: false, code: "branchTaken", segment: taken.segment };
    if (listed === null) {
      if (study.segments.length >= maxSegments) return { ok: false, code: "tooManySegments" };
      await updateStudy(tx, workspaceId, studyId, { segments: [...study.segments, segment] });
    }
    const token = newToken();
    const linkId = await insertLink(tx, { studyId, kind: "public", token, segment });
    return { ok: true, linkId, token, segment, addedToStudy: listed === null };
  });
}

/**
 * Retires (revokes) a live branch link: it stops taking answers at once,
 * printed QR codes included. Only branch links: the main public link is
 * replaced, never retired, here. False when there is no such live link.
 */
export async function retireBranchLink(workspaceId: string, studyId: string, linkId: string): Promise<boolean> {
  return transaction(async (tx) => {
    const study = await findStudy(tx, workspaceId, studyId);
    const link = study ? await findStudyLink(tx, studyId, linkId) : undefined;
    if (!link || link.kind !== "public" || link.segment === null || link.revokedAt !== null) return false;
    // The conditional UPDATE (revoked_at IS NULL) makes two retirements of one link change it once.
    return (await revokeLink(tx, studyId, linkId, Date.now())) === 1;
  });
}
