import type { LinkRow } from "@/db/queries/links";
import type { StudyRow, VersionRow } from "@/db/queries/studies";

// What a customer link leads to right now. Pure: the page, the step posts
// and the manager's distribution page all ask the same question.

export type ClosedState = "revoked" | "noVersion" | "used" | "notYetOpen" | "closed" | "full";

export type LinkState =
  { kind: "unknown" } | { kind: ClosedState; link: LinkRow; study: StudyRow } | { kind: "open"; link: LinkRow; study: StudyRow; version: VersionRow };

export function linkStateOf(input: {
  link: LinkRow | undefined;
  study: StudyRow | undefined;
  version: VersionRow | undefined;
  /** Submitted customer responses of the study (only needed when it has a limit). */
  submitted: number;
  now: number;
}): LinkState {
  const { link, study, version, submitted, now } = input;
  // Internal perspective links live under /i/, never here.
  if (!link || !study || link.kind === "internal") return { kind: "unknown" };
  if (link.revokedAt !== null) return { kind: "revoked", link, study };
  if (!version) return { kind: "noVersion", link, study };
  if (link.kind === "invite" && link.usedAt !== null) return { kind: "used", link, study };
  if (study.opensAt !== null && now < study.opensAt) return { kind: "notYetOpen", link, study };
  if (studyClosed(study, now)) return { kind: "closed", link, study };
  if (study.responseLimit !== null && submitted >= study.responseLimit) return { kind: "full", link, study };
  return { kind: "open", link, study, version };
}

/** Whether a study takes no more answers (nor invitations, nor reminders): archived, or past its closing time. */
export function studyClosed(study: { archivedAt: number | null; closesAt: number | null }, now: number): boolean {
  return study.archivedAt !== null || (study.closesAt !== null && now >= study.closesAt);
}

/** Tokens are URL-safe base64 of at least 128 bits; anything else is not looked up. */
export function plausibleToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,100}$/.test(token);
}
