import { randomUUID } from "node:crypto";
import type { Reader } from "@/db/client";
import { findLinkByToken, type LinkRow } from "@/db/queries/links";
import { findStudyById, latestVersion, type StudyRow, type VersionRow } from "@/db/queries/studies";
import { hashToken } from "@/lib/auth/tokens";
import { isLocale, matchAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { perspectives, type Perspective } from "@/lib/scoring/types";

export type InternalLinkState =
  | { status: "unknown" }
  | { status: "unpublished"; languages: Locale[] }
  | {
      status: "open";
      link: LinkRow;
      study: StudyRow;
      version: VersionRow;
      perspective: Perspective;
      languages: Locale[];
    };

export type OpenInternalLink = Extract<InternalLinkState, { status: "open" }>;

/** What an internal link leads to: unknown, not yet published, or open on the latest version. */
export async function resolveInternalLink(db: Reader, token: string): Promise<InternalLinkState> {
  const link = token.length <= 100 ? await findLinkByToken(db, token) : undefined;
  if (!link || link.kind !== "internal" || link.revokedAt || !(perspectives as readonly string[]).includes(link.perspective ?? "")) {
    return { status: "unknown" };
  }
  const study = await findStudyById(db, link.studyId);
  if (!study) return { status: "unknown" };
  const languages = study.languages.filter(isLocale);
  const version = await latestVersion(db, study.id);
  if (!version) return { status: "unpublished", languages };
  return { status: "open", link, study, version, perspective: link.perspective as Perspective, languages };
}

export const resumeCookieName = (linkId: string) => `i_${linkId.replaceAll("-", "")}`;

/** How long a browser can come back to an unfinished internal questionnaire (the resume cookie's life). */
export const internalResumeMaxAgeSeconds = 60 * 24 * 3600;

export function newResume() {
  const token = randomUUID() + randomUUID();
  return { token, hash: hashToken(token) };
}

/** ?lang= first, then the browser's languages, among the study's languages. */
export function chooseLanguage(languages: Locale[], requested: string | undefined, acceptLanguage: string | null): Locale {
  if (requested && isLocale(requested) && languages.includes(requested)) return requested;
  return matchAcceptLanguage(acceptLanguage, languages) ?? languages[0] ?? "en";
}
