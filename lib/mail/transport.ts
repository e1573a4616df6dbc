import nodemailer, { type Transporter } from "nodemailer";

// One pooled SMTP connection set per server URL: a campaign of thousands
// reuses a few connections instead of opening one per mail.

const transports = new Map<string, Transporter>();

/** The transport for `smtpUrl` (smtp:// with STARTTLS when offered, smtps:// for TLS), pooled unless the URL says otherwise. */
export function mailTransport(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
    if (!url.searchParams.has("maxConnections")) url.searchParams.set("maxConnections", "4");
    transport = nodemailer.createTransport(url.toString());
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

export type OutgoingMail = { from: string; to: string; subject: string; text: string; html: string; unsubscribeUrl?: string | null };

export async function deliver(smtpUrl: string, mail: OutgoingMail): Promise<void> {
  await mailTransport(smtpUrl).sendMail({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    ...(mail.unsubscribeUrl
      ? {
          // List-Unsubscribe with the one-click POST of RFC 8058: the mail
          // client unsubscribes with one button, without opening a page.
          list: { unsubscribe: { url: mail.unsubscribeUrl } },
          headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        }
      : {}),
  });
}

/**
 * Whether a send error means this mail will never go (the server refused the
 * recipient or the message: a 5xx reply). Connection trouble, time-outs,
 * 4xx replies and a refused log-in (a setting to fix, after which the mail
 * should still go) are temporary.
 */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown };
  if (e?.code === "EAUTH") return false;
  return typeof e?.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
}

export function describeSendError(error: unknown): string {
  const e = error as { response?: unknown; message?: unknown };
  const text = typeof e?.response === "string" ? e.response : error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}
