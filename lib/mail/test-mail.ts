import type { Locale } from "@/lib/i18n/locales";
import { composeMail } from "./compose";
import { mailTranslator } from "./mail-text";
import { mailReadiness, smtpServerLabel } from "./settings";
import { deliver, describeSendError } from "./transport";

// Settings' "Send test mail": one mail to the owner, sent now rather than
// queued, so the owner sees the server's answer on the page.

/** An SMTP server that never answers would keep the owner waiting for nodemailer's two-minute timeouts. */
export const testMailTimeoutMs = 20_000;

export type TestMailOutcome =
  | { kind: "sent" }
  /** The server refused or could not be reached: its answer (or the connection error). */
  | { kind: "failed"; error: string }
  | { kind: "mailOff" };

export async function sendTestMail(input: { to: string; name: string; locale: Locale }): Promise<TestMailOutcome> {
  const readiness = mailReadiness();
  if (!readiness.ready) return { kind: "mailOff" };
  const t = mailTranslator(input.locale);
  const server = smtpServerLabel(readiness.smtpUrl) ?? "SMTP";
  const mail = composeMail({
    subject: t("test.subject"),
    language: input.locale,
    heading: t("test.heading"),
    paragraphs: [t("test.intro", { name: input.name, server })],
    footer: [t("test.why")],
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer from ${server} within ${testMailTimeoutMs / 1000} seconds.`)), testMailTimeoutMs);
  });
  try {
    await Promise.race([deliver(readiness.smtpUrl, { from: readiness.from, to: input.to, ...mail }), timeout]);
    return { kind: "sent" };
  } catch (error) {
    return { kind: "failed", error: describeSendError(error) };
  } finally {
    clearTimeout(timer);
  }
}
