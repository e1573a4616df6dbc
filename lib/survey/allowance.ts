import { transaction } from "@/db/client";
import { hitRateLimit } from "@/db/queries/rate-limits";

// The allowances of a survey link (customer /s/… and internal /i/…), beside
// the per-address limit that a forged X-Forwarded-For can dodge. Only a post
// that parsed and passed every check against the link's version is counted
// (the flows call this just before their write), so junk never uses up an
// allowance. A post continuing a draft counts against that draft's own
// allowance: a customer half-way through is never turned away because of
// others. A post that would start a draft counts against the link's
// allowance for new drafts, which forged addresses cannot multiply.

/** Posts a minute one draft may send: a person needs seconds per step; a double click or a retry still fits. */
export const draftPostsPerMinute = 30;

export type Admission = { allowed: true } | { allowed: false; scope: "link" | "draft"; retryAfterSeconds: number };

export async function admitStepPost(input: {
  surface: "survey" | "internal";
  linkId: string;
  /** The draft this post continues; undefined when it would start one. */
  draftId: string | undefined;
  newDraftsPerMinute: number;
  now: number;
}): Promise<Admission> {
  const { surface, draftId, now } = input;
  const hit = await transaction((tx) =>
    draftId
      ? hitRateLimit(tx, `${surface}-draft:${draftId}`, draftPostsPerMinute, 60_000, now)
      : hitRateLimit(tx, `${surface}-link:${input.linkId}`, input.newDraftsPerMinute, 60_000, now),
  );
  return hit.allowed ? { allowed: true } : { allowed: false, scope: draftId ? "draft" : "link", retryAfterSeconds: hit.retryAfterSeconds };
}
