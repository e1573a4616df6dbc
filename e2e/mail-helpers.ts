import fs from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

// Reading what the app mailed: the .eml files e2e/mail-catcher.ts wrote.

export type CaughtMail = ParsedMail & { envelopeTo: string; file: string };

export async function caughtMails(): Promise<CaughtMail[]> {
  const dir = process.env.E2E_MAIL_DIR!;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
  files.sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = fs.readFileSync(path.join(dir, file));
      const envelopeTo = /^X-Envelope-To: (.*)\r\n/.exec(raw.toString("utf8", 0, 2000))?.[1] ?? "";
      return Object.assign(await simpleParser(raw), { envelopeTo, file });
    }),
  );
}

/** The mails to `address` so far, oldest first. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const wanted = address.toLowerCase();
  return (await caughtMails()).filter((mail) => mail.envelopeTo.split(",").includes(wanted));
}

/** Waits until `address` has received at least `count` mails (default 1) and returns them all. */
export async function waitForMail(address: string, options: { count?: number; timeoutMs?: number } = {}): Promise<CaughtMail[]> {
  const count = options.count ?? 1;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`${address} received ${mails.length} mail(s), expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = new RegExp(`${escaped}[^\\s<>"]*`).exec(mail.text ?? "");
  if (!found) throw new Error(`no link starting with ${prefix} in the mail "${mail.subject}"`);
  return found[0];
}
