import { env } from "@/lib/env";
import { configuredOrigin } from "@/lib/http/public-origin";

// Whether this installation can send mail. Mail goes out from a background
// job, which has no request to take an origin from, so links in mails need
// PUBLIC_URL as well as the SMTP server and the sender.

export type MailSetting = "SMTP_URL" | "MAIL_FROM" | "PUBLIC_URL";

export type MailReadiness = { ready: true; smtpUrl: string; from: string; origin: string } | { ready: false; missing: MailSetting[] };

export function mailReadiness(source: { SMTP_URL?: string; MAIL_FROM?: string; PUBLIC_URL?: string } = env): MailReadiness {
  const origin = configuredOrigin(source.PUBLIC_URL);
  const missing: MailSetting[] = [];
  if (!source.SMTP_URL) missing.push("SMTP_URL");
  if (!source.MAIL_FROM) missing.push("MAIL_FROM");
  if (!origin) missing.push("PUBLIC_URL");
  if (missing.length > 0 || !source.SMTP_URL || !source.MAIL_FROM || !origin) return { ready: false, missing };
  return { ready: true, smtpUrl: source.SMTP_URL, from: source.MAIL_FROM, origin };
}

/** The sentence the API and the pages show when mail cannot be sent. */
export function notReadyDetail(missing: MailSetting[]): string {
  return `Sending mail needs ${missing.join(", ")} set on the server (see the README, "Email").`;
}

/** The SMTP server's host and port for display, never its password. */
export function smtpServerLabel(smtpUrl: string | undefined = env.SMTP_URL): string | null {
  if (!smtpUrl) return null;
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ""}`;
  } catch {
    return null;
  }
}
