import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

// Playwright's globalSetup: a real SMTP server on 127.0.0.1 for the app under
// test (playwright.config.ts points SMTP_URL at it). Every message it accepts
// is written as an .eml file into E2E_MAIL_DIR, where the tests read them
// (e2e/mail-helpers.ts). Recipients named reject-…@ are refused for good
// (550), so a test can watch one permanent failure among good mails.

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = process.env.E2E_MAIL_DIR!;
  const port = Number(process.env.E2E_SMTP_PORT);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().startsWith("reject-")) {
        const error = Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(",");
        const name = `${Date.now()}-${randomBytes(4).toString("hex")}.eml`;
        // Written whole, then renamed: a reader never sees half a mail.
        const file = path.join(dir, name);
        fs.writeFileSync(`${file}.part`, Buffer.concat([Buffer.from(`X-Envelope-To: ${to}\r\n`), ...chunks]));
        fs.renameSync(`${file}.part`, file);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
