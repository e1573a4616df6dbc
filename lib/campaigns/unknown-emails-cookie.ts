import { z } from "zod";

// The addresses of a new campaign that are no contact of the workspace,
// carried from the invitation form's action to the campaign page it
// redirects to: personal data, so in a short-lived cookie of that page's
// path rather than in its URL (history, server logs). A cookie holds about
// 4 KB: the first addresses are named, the rest counted.

export const unknownEmailsCookie = "campaign_unknown_emails";
export const unknownEmailsCookieSeconds = 10 * 60;
const maxChars = 3000;

export type UnknownEmails = { campaignId: string; emails: string[]; count: number };

const schema = z.object({
  campaignId: z.string().max(100),
  emails: z.array(z.string().max(254)).max(100),
  count: z.int().min(0),
});

export function encodeUnknownEmails(value: UnknownEmails): string {
  const emails = value.emails.slice(0, 100);
  for (;;) {
    const encoded = Buffer.from(JSON.stringify({ ...value, emails }), "utf8").toString("base64url");
    if (encoded.length <= maxChars || emails.length === 0) return encoded;
    emails.pop();
  }
}

/** The cookie's content for this campaign, or null (absent, malformed, another campaign's). */
export function decodeUnknownEmails(cookie: string | undefined, campaignId: string): UnknownEmails | null {
  if (!cookie) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cookie, "base64url").toString("utf8")));
    return parsed.success && parsed.data.campaignId === campaignId ? parsed.data : null;
  } catch {
    return null;
  }
}
