import type { InviteBatch } from "@/db/queries/links";
import type { LinkState } from "@/lib/survey/link-state";

// What the distribution page reports about a study's survey: whether its
// public link takes answers now, how many came in by which channel, and how
// many invites were used. Pure, so the page only renders what this returns.

/** The public link's state as the manager sees it (invite-only states and a missing link read as "no link"). */
export type SurveyStatus = { kind: "open" | "closed" | "full" | "noVersion" | "noLink" } | { kind: "notYetOpen"; opensAt: number };

export function surveyStatus(state: LinkState): SurveyStatus {
  switch (state.kind) {
    case "open":
    case "closed":
    case "full":
    case "noVersion":
      return { kind: state.kind };
    case "notYetOpen":
      // linkStateOf only says "not yet open" when the study has an opening time.
      return { kind: "notYetOpen", opensAt: state.study.opensAt ?? 0 };
    default:
      return { kind: "noLink" };
  }
}

/** Invites handed out and used, over every batch. */
export function inviteTotals(batches: readonly Pick<InviteBatch, "total" | "used">[]): { total: number; used: number } {
  return batches.reduce((sum, b) => ({ total: sum.total + b.total, used: sum.used + b.used }), { total: 0, used: 0 });
}

/** Invites of a batch that are neither used nor revoked: the ones "revoke unused" would revoke. */
export function unusedInvites(batch: Pick<InviteBatch, "total" | "used" | "revoked">): number {
  return batch.total - batch.used - batch.revoked;
}

export type ChannelCounts = { public: number; invite: number; other: number };

/**
 * Submitted responses by channel: the public link, invites, and the rest
 * (the REST API and imports), so the three always add up to `submitted`.
 */
export function channelCounts(submitted: number, byChannel: Readonly<Record<string, number>>): ChannelCounts {
  const viaPublic = byChannel.public ?? 0;
  const viaInvite = byChannel.invite ?? 0;
  return { public: viaPublic, invite: viaInvite, other: submitted - viaPublic - viaInvite };
}
