import { afterEach, describe, expect, it, vi } from "vitest";
import { absoluteUrl, configuredOrigin, publicOrigin, requestOrigin } from "./public-origin";

afterEach(() => vi.unstubAllEnvs());

describe("configuredOrigin (PUBLIC_URL)", () => {
  it("is null when unset or blank", () => {
    expect(configuredOrigin(undefined)).toBeNull();
    expect(configuredOrigin("  ")).toBeNull();
  });
  it("takes a bare http(s) origin, with or without the final slash", () => {
    expect(configuredOrigin("https://survey.example.com")).toBe("https://survey.example.com");
    expect(configuredOrigin("https://survey.example.com/")).toBe("https://survey.example.com");
    expect(configuredOrigin(" http://10.0.0.5:8080 ")).toBe("http://10.0.0.5:8080");
    expect(configuredOrigin("HTTPS://Survey.Example.com")).toBe("https://survey.example.com");
  });
  it.each([
    "survey.example.com",
    "ftp://survey.example.com",
    "javascript:alert(1)",
    "https://survey.example.com/gapwise",
    "https://survey.example.com?x=1",
    "https://survey.example.com#x",
    "https://user:pw@survey.example.com",
    "https://",
    "https:///x",
  ])("refuses %s", (value) => {
    expect(() => configuredOrigin(value)).toThrow(/PUBLIC_URL must be an http\(s\) origin/);
  });
});

describe("requestOrigin", () => {
  it("uses the first forwarded host and protocol, else Host", () => {
    expect(requestOrigin(new Headers({ host: "survey.test:3000" }))).toBe("http://survey.test:3000");
    expect(requestOrigin(new Headers({ host: "a", "x-forwarded-host": "b.example, c.example", "x-forwarded-proto": "https, http" }))).toBe(
      "https://b.example",
    );
  });
  it("says https when the site is configured as served over it", () => {
    vi.stubEnv("COOKIE_SECURE", "1");
    expect(requestOrigin(new Headers({ host: "b.example" }))).toBe("https://b.example");
  });
  it("refuses a Host that is no host", () => {
    expect(requestOrigin(new Headers({ host: "evil.example/x?" }))).toBe("http://localhost");
    expect(requestOrigin(new Headers({ host: "a@evil.example" }))).toBe("http://localhost");
    expect(requestOrigin(new Headers({}))).toBe("http://localhost");
  });
});

describe("publicOrigin and absoluteUrl", () => {
  const headers = new Headers({ host: "127.0.0.1:3000", "x-forwarded-proto": "http" });
  it("prefer PUBLIC_URL over the request", () => {
    vi.stubEnv("PUBLIC_URL", "https://survey.example.com/");
    expect(publicOrigin(headers)).toBe("https://survey.example.com");
    expect(absoluteUrl("/s/abc", headers)).toBe("https://survey.example.com/s/abc");
  });
  it("fall back to the request's origin", () => {
    vi.stubEnv("PUBLIC_URL", "");
    expect(absoluteUrl("/i/xyz", headers)).toBe("http://127.0.0.1:3000/i/xyz");
  });
  it("refuse to build links on a malformed PUBLIC_URL", () => {
    vi.stubEnv("PUBLIC_URL", "survey.example.com");
    expect(() => absoluteUrl("/s/abc", headers)).toThrow(/PUBLIC_URL/);
  });
});
