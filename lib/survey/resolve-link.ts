import { findLinkByToken } from "@/db/queries/links";
import { countSubmitted } from "@/db/queries/responses";
import { findStudyById, latestVersion } from "@/db/queries/studies";
import { linkStateOf, plausibleToken, type LinkState } from "./link-state";

/** Looks up a customer link and says what it leads to now. */
export function resolveLink(token: string, now: number): LinkState {
  if (!plausibleToken(token)) return { kind: "unknown" };
  const link = findLinkByToken(token);
  const study = link ? findStudyById(link.studyId) : undefined;
  const version = study ? latestVersion(study.id) : undefined;
  // Counting is only needed when there is a limit to compare with.
  const submitted = study && study.responseLimit !== null ? countSubmitted(study.id) : 0;
  return linkStateOf({ link, study, version, submitted, now });
}

/** The state of a link already loaded, as of now (the distribution page). */
export function linkStateNow(input: Omit<Parameters<typeof linkStateOf>[0], "now">): LinkState {
  return linkStateOf({ ...input, now: Date.now() });
}
