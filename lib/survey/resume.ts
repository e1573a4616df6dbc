import { hashToken, newToken } from "@/lib/auth/tokens";

// The same browser continues where it stopped: an httpOnly cookie scoped to
// the survey's path holds `<response id>.<secret>`; the response row keeps
// only the secret's hash, so a copied database cannot resume anyone's survey.

export const resumeCookie = "gm_resume";
export const languageCookie = "gm_lang";
export const resumeMaxAgeSeconds = 30 * 24 * 60 * 60;

export type Resume = { responseId: string; secret: string };

export function newResume(responseId: string): { value: string; hash: string } {
  const secret = newToken(24);
  return { value: `${responseId}.${secret}`, hash: hashToken(secret) };
}

export function parseResume(value: string | undefined | null): Resume | null {
  if (!value) return null;
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{16,64})$/.exec(value);
  return match ? { responseId: match[1], secret: match[2] } : null;
}

export function resumeMatches(resume: Resume | null, response: { id: string; resumeHash: string | null }): boolean {
  return !!resume && resume.responseId === response.id && response.resumeHash === hashToken(resume.secret);
}
