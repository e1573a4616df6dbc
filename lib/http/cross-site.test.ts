import { describe, expect, it } from "vitest";
import { crossSite } from "./cross-site";

describe("crossSite", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("passes a post from this host, or with no Origin", () => {
    expect(crossSite(h({ host: "app.test:3000", origin: "http://app.test:3000" }))).toBe(false);
    expect(crossSite(h({ host: "internal:3000", "x-forwarded-host": "app.test", origin: "https://app.test" }))).toBe(false);
    expect(crossSite(h({ host: "app.test" }))).toBe(false);
  });
  it("refuses another site, a null Origin and garbage", () => {
    expect(crossSite(h({ host: "app.test", origin: "https://evil.example" }))).toBe(true);
    expect(crossSite(h({ host: "app.test", origin: "http://app.test:8080" }))).toBe(true);
    expect(crossSite(h({ host: "app.test", origin: "null" }))).toBe(true);
    expect(crossSite(h({ host: "app.test", origin: "not a url" }))).toBe(true);
  });
});
