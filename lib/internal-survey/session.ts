import { randomUUID } from "node:crypto";
import { findLinkByToken } from "@/db/queries/links";
import { findStudyById, latestVersion } from "@/db/queries/studies";
import { hashToken } from "@/lib/auth/tokens";
import { isLocale, matchAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { perspectives, type Perspective } from "@/lib/scoring/types";

export type InternalLinkState =
  | { status: "unknown" }
  | { status: "unpublished"; languages: Locale[] }
  | {
      status: "open";
      link: NonNullable<ReturnType<typeof findLinkByToken>>;
      study: NonNullable<ReturnType<typeof findStudyById>>;
      version: NonNullable<ReturnType<typeof latestVersion>>;
      perspective: Perspective;
      languages: Locale[];
    };

/** What an internal link leads to: unknown, not yet published, or open on the latest version. */
export function resolveInternalLink(token: string): InternalLinkState {
  const link = token.length <= 100 ? findLinkByToken(token) : undefined;
  if (!link || link.kind !== "internal" || link.revokedAt || !(perspectives as readonly string[]).includes(link.perspective ?? "")) {
    return { status: "unknown" };
  }
  const study = findStudyById(link.studyId);
  if (!study) return { status: "unknown" };
  const languages = study.languages.filter(isLocale);
  const version = latestVersion(study.id);
  if (!version) return { status: "unpublished", languages };
  return { status: "open", link, study, version, perspective: link.perspective as Perspective, languages };
}

export const resumeCookieName = (linkId: string) => `i_${linkId.replaceAll("-", "")}`;

export function newResume() {
  const token = randomUUID() + randomUUID();
  return { token, hash: hashToken(token) };
}

/** ?lang= first, then the browser's languages, among the study's languages. */
export function chooseLanguage(languages: Locale[], requested: string | undefined, acceptLanguage: string | null): Locale {
  if (requested && isLocale(requested) && languages.includes(requested)) return requested;
  return matchAcceptLanguage(acceptLanguage, languages) ?? languages[0] ?? "en";
}
