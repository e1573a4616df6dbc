import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

describe("readEnv", () => {
  it("gives the defaults for an empty environment", () => {
    const env = readEnv({});
    expect(env.SURVEY_MAX_BODY_BYTES).toBe(65536);
    expect(env.API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.PUBLIC_URL).toBeUndefined();
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
  });

  it("reads whole numbers and flags", () => {
    const env = readEnv({ SIGN_IN_RATE_LIMIT: " 25 ", TRUST_PROXY: "1", COOKIE_SECURE: "0", DATABASE_POOL_SIZE: "4" });
    expect(env.SIGN_IN_RATE_LIMIT).toBe(25);
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.DATABASE_POOL_SIZE).toBe(4);
  });

  it("runs the job worker unless WORKER=0", () => {
    expect(readEnv({}).WORKER).toBe(true);
    expect(readEnv({ WORKER: "" }).WORKER).toBe(true);
    expect(readEnv({ WORKER: "1" }).WORKER).toBe(true);
    expect(readEnv({ WORKER: "0" }).WORKER).toBe(false);
    expect(() => readEnv({ WORKER: "no" })).toThrow(/WORKER="no": must be 1 \(on\) or 0 \(off\)/);
    expect(readEnv({}).JOB_LEASE_MS).toBe(60_000);
  });

  it("names each bad variable instead of giving NaN", () => {
    expect(() => readEnv({ SURVEY_MAX_BODY_BYTES: "64k" })).toThrow(/SURVEY_MAX_BODY_BYTES="64k": must be a whole number/);
    const both = () => readEnv({ API_RATE_LIMIT_PER_MINUTE: "0", COOKIE_SECURE: "yes" });
    expect(both).toThrow(/API_RATE_LIMIT_PER_MINUTE="0": must be at least 1/);
    expect(both).toThrow(/COOKIE_SECURE="yes": must be 1 \(on\) or 0 \(off\)/);
  });
});
