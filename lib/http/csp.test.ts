import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, scriptHash } from "./csp";

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe("the Content-Security-Policy", () => {
  it("lets pages run only scripts with this request's nonce", () => {
    const nonce = newNonce();
    const policy = contentSecurityPolicy({ nonce }, false);
    expect(directive(policy, "script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toContain("unsafe-eval");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "form-action")).toBe("form-action 'self'");
  });

  it("lets the survey run only its hashed inline script", () => {
    const policy = contentSecurityPolicy({ hashes: [scriptHash("alert(1)")] }, false);
    const expected = createHash("sha256").update("alert(1)").digest("base64");
    expect(directive(policy, "script-src")).toBe(`script-src 'sha256-${expected}'`);
  });

  it("allows eval only in development", () => {
    expect(directive(contentSecurityPolicy({ nonce: "n" }, true), "script-src")).toContain("'unsafe-eval'");
  });

  it("draws a fresh, unguessable nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
