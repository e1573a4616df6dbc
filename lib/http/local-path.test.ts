import { describe, expect, it } from "vitest";
import { localPath } from "./local-path";

describe("localPath (where a redirect after a form may go)", () => {
  it("keeps a path on this site with its query, without the fragment", () => {
    expect(localPath("/studies")).toBe("/studies");
    expect(localPath("/studies/abc/results?version=2&from=2026-01-01")).toBe("/studies/abc/results?version=2&from=2026-01-01");
    expect(localPath("/studies#top")).toBe("/studies");
    expect(localPath("/")).toBe("/");
  });

  it.each([
    ["a backslash a browser reads as a slash", "/\\evil.example/x"],
    ["two backslashes", "\\\\evil.example"],
    ["a tab a browser drops", "/\t/evil.example/x"],
    ["a newline a browser drops", "/\n/evil.example/x"],
    ["a carriage return", "/\r/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["DEL", "/\u007f/evil.example"],
    ["a space", "/ /evil.example"],
    ["protocol-relative", "//evil"],
    ["protocol-relative with a path", "//evil.example/studies"],
    ["absolute", "https://evil"],
    ["absolute http", "http://evil.example/studies"],
    ["a scheme", "javascript:alert(1)"],
    ["a relative path", "studies"],
    ["empty", ""],
    ["a dot segment that resolves to //", "/.//evil.example"],
    ["a parent segment that resolves to //", "/a/..//evil.example"],
  ])("refuses %s", (_name, target) => {
    expect(localPath(target)).toBeNull();
  });

  it("keeps percent-encoded look-alikes as harmless local paths", () => {
    // The browser does not decode these in a Location's authority: they stay
    // one path segment on this site.
    expect(localPath("/%5Cevil.example/x")).toBe("/%5Cevil.example/x");
    expect(localPath("/%09/evil.example/x")).toBe("/%09/evil.example/x");
    expect(localPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(localPath("/%2fevil.example")?.startsWith("//")).toBe(false);
  });

  it("refuses what is not a string", () => {
    expect(localPath(null)).toBeNull();
    expect(localPath(undefined)).toBeNull();
    expect(localPath(["/studies"])).toBeNull();
  });
});
