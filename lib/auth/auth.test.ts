import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { can, isRole } from "./roles";
import { hashToken, isExpired, newApiKey, newToken, sessionExpiry, sessionLifetimeMs } from "./tokens";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored.startsWith("scrypt$")).toBe(true);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("rejects malformed stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
  });
});

describe("sessions and tokens", () => {
  it("expires exactly at the end of the lifetime", () => {
    const now = 1_700_000_000_000;
    const expiresAt = sessionExpiry(now);
    expect(expiresAt - now).toBe(sessionLifetimeMs);
    expect(isExpired(expiresAt, expiresAt - 1)).toBe(false);
    expect(isExpired(expiresAt, expiresAt)).toBe(true);
  });

  it("makes unguessable tokens and stores only their hash", () => {
    const token = newToken();
    expect(Buffer.from(token, "base64url").length).toBe(24);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(newApiKey()).toMatch(/^gm_[\w-]{40}$/);
  });
});

describe("roles", () => {
  it("grants read to every role, write to managers and owners, admin to owners", () => {
    expect([can("analyst", "read"), can("analyst", "write"), can("analyst", "admin")]).toEqual([true, false, false]);
    expect([can("manager", "read"), can("manager", "write"), can("manager", "admin")]).toEqual([true, true, false]);
    expect([can("owner", "read"), can("owner", "write"), can("owner", "admin")]).toEqual([true, true, true]);
    expect(can(null, "read")).toBe(false);
    expect(can(undefined, "read")).toBe(false);
  });

  it("recognises only the three roles", () => {
    expect(isRole("owner")).toBe(true);
    expect(isRole("admin")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
