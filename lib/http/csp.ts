import { createHash } from "node:crypto";

// The Content-Security-Policy of every HTML page. Scripts run only when the
// server vouched for them on this response: Next's own inline and bundled
// scripts by a fresh nonce per request (proxy.ts sets it; Next reads it from
// the request's policy and stamps it on every script it renders), the
// survey's one hand-written inline script by its hash. An escaping slip that
// lets someone's text into the page then cannot run as script.

/** 128 random bits, base64: a fresh one for every page request. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** The CSP source that allows exactly this inline script text: 'sha256-…'. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

type ScriptSources = { nonce: string } | { hashes: string[] };

export function contentSecurityPolicy(scripts: ScriptSources, dev = process.env.NODE_ENV === "development"): string {
  const script =
    "nonce" in scripts
      ? // 'strict-dynamic': chunks that Next's nonced runtime loads are trusted too.
        `'self' 'nonce-${scripts.nonce}' 'strict-dynamic'`
      : scripts.hashes.join(" ");
  return [
    "default-src 'self'",
    // React's dev build uses eval for its error overlays; production never does.
    `script-src ${script}${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (chart colours, widths): styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}
