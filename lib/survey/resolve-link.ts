import type { Reader } from "@/db/client";
import { findLinkByToken } from "@/db/queries/links";
import { countSubmitted } from "@/db/queries/responses";
import { findStudyById, latestVersion } from "@/db/queries/studies";
import { linkStateOf, plausibleToken, type LinkState } from "./link-state";

/** Looks up a customer link and says what it leads to now. */
export async function resolveLink(db: Reader, token: string, now: number): Promise<LinkState> {
  if (!plausibleToken(token)) return { kind: "unknown" };
  const link = await findLinkByToken(db, token);
  const study = link ? await findStudyById(db, link.studyId) : undefined;
  const [version, submitted] = study
    ? await Promise.all([
        latestVersion(db, study.id),
        // Counting is only needed when there is a limit to compare with.
        study.responseLimit !== null ? countSubmitted(db, study.id) : 0,
      ])
    : [undefined, 0];
  return linkStateOf({ link, study, version, submitted, now });
}

/** The state of a link already loaded, as of now (the distribution page). */
export function linkStateNow(input: Omit<Parameters<typeof linkStateOf>[0], "now">): LinkState {
  return linkStateOf({ ...input, now: Date.now() });
}
