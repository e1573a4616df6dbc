import { z } from "zod";

// Every environment variable the app reads, parsed once with its default.
// A typo (SURVEY_MAX_BODY_BYTES=64k) stops the process at start with the
// variable's name, instead of becoming NaN and refusing every request.
// No "server-only": the CLI, scripts and unit tests import this too.
// (Build and test tooling — PORT, E2E_*, NEXT_DIST_DIR, CHROMIUM_PATH — is
// read by the scripts that own it.)

const count = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.int().min(1, "must be at least 1"))
    .optional()
    .transform((value) => value ?? fallback);

const flag = z
  .enum(["", "0", "1"], "must be 1 (on) or 0 (off)")
  .optional()
  .transform((value) => value === "1");

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

export const envSchema = z.object({
  /** The database (read by db/client.ts, which owns the engine choice). */
  DATABASE_URL: z.string().default("file:./data/app.db"),
  /** Mark cookies Secure and build https links even without X-Forwarded-Proto. */
  COOKIE_SECURE: flag,
  /** Take the client address from the first X-Forwarded-For hop (a proxy that replaces it). */
  TRUST_PROXY: flag,
  /** The origin of survey links and QR codes; else the request's. Checked by lib/http/public-origin. */
  PUBLIC_URL: optionalText,
  /** Sign-in attempts per account per 15 minutes (3× that per address). */
  SIGN_IN_RATE_LIMIT: count(10),
  /** Requests per API key per minute. */
  API_RATE_LIMIT_PER_MINUTE: count(600),
  /** The largest JSON body the API reads, in bytes. */
  API_MAX_BODY_BYTES: count(10 * 1024 * 1024),
  /** Survey and internal-survey posts per client address per minute. */
  SURVEY_RATE_LIMIT_PER_MINUTE: count(120),
  /** Survey posts per link per minute. */
  SURVEY_LINK_RATE_LIMIT_PER_MINUTE: count(1200),
  /** The largest survey step post, in bytes. */
  SURVEY_MAX_BODY_BYTES: count(64 * 1024),
  /** The largest CSV import, in bytes and in rows. */
  IMPORT_MAX_BYTES: count(50 * 1024 * 1024),
  IMPORT_MAX_ROWS: count(200_000),
  /** PostgreSQL connections per instance (db/client.ts reads it when it opens the pool). */
  DATABASE_POOL_SIZE: count(10),
  /** Run background jobs (imports) in this process: `npm start` does unless WORKER=0 (a web-only instance). */
  WORKER: z
    .enum(["", "0", "1"], "must be 1 (on) or 0 (off)")
    .optional()
    .transform((value) => value !== "0"),
  /** How long a worker's claim on a job lasts without news (ms); a job whose worker died is taken again after it. */
  JOB_LEASE_MS: count(60_000),
  /** The mail server (smtp://user:pass@host:587 upgrades with STARTTLS when offered; smtps:// is TLS from the start). Unset: nothing is mailed. */
  SMTP_URL: optionalText,
  /** The sender of every mail, e.g. "Harbour Hotel <survey@harbour.example>". */
  MAIL_FROM: optionalText,
  /** Mails sent per minute across all instances (the mail server's or provider's limit). */
  MAIL_RATE_PER_MINUTE: count(600),
  /** Let webhooks reach loopback, private and link-local addresses (a self-hosted receiver on the same network; the tests). Off: refused. */
  WEBHOOK_ALLOW_PRIVATE: flag,
  /** The UI messages' folder; else ./messages. */
  MESSAGES_DIR: optionalText,
});

export type Env = z.output<typeof envSchema>;

/** Parses `source` (process.env by default); throws naming every bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}=${JSON.stringify(source[String(issue.path[0])])}: ${issue.message}`);
  throw new Error(`Invalid environment: ${problems.join("; ")}`);
}

export const env: Env = readEnv();
