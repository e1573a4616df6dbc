import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, classifyAddress, guardedLookup, type Lookup } from "./address";

describe("classifyAddress", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["192.0.0.8", "reserved"],
    ["192.0.2.1", "documentation"],
    ["198.18.0.1", "reserved"],
    ["198.19.255.255", "reserved"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["[::1]", "loopback"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["2001:0:4136:e378::1", "reserved"], // Teredo
    ["100::1", "reserved"],
    // IPv4 inside IPv6: the IPv4 address decides.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::FFFF:10.1.2.3", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["0:0:0:0:0:ffff:192.168.0.1", "private"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b:1::1", "reserved"],
    ["2002:7f00:1::", "loopback"], // 6to4 of 127.0.0.1
    ["2002:c0a8:101::1", "private"], // 6to4 of 192.168.1.1
    ["not an address", "invalid"],
    ["localhost", "invalid"],
    ["1.2.3", "invalid"],
    ["", "invalid"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "9.255.255.255", // just below 10/8
    "11.0.0.0", // just above
    "172.15.255.255",
    "172.32.0.0",
    "192.167.255.255",
    "192.169.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "169.253.255.255",
    "126.255.255.255",
    "128.0.0.0",
    "223.255.255.255",
    "198.17.255.255",
    "198.20.0.0",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808", // NAT64 of 8.8.8.8
    "2002:808:808::1", // 6to4 of 8.8.8.8
    "fbff:ffff::1", // just below fc00::/7
    "fe00::1", // between fc00::/7 and fe80::/10
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toBeNull();
  });
});

const fakeLookup =
  (table: Record<string, string[]>): Lookup =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("checkWebhookUrl", () => {
  const lookup = fakeLookup({
    "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "sneaky.example.com": ["93.184.216.34", "10.0.0.5"],
    "metadata.example.com": ["169.254.169.254"],
    localhost: ["127.0.0.1", "::1"],
  });

  it("accepts http(s) URLs whose every address is public", async () => {
    for (const url of [
      "https://hooks.example.com/gapwise",
      "http://hooks.example.com:8080/x?y=1",
      "https://93.184.216.34/",
      "https://[2606:4700::1]/",
    ]) {
      expect(await checkWebhookUrl(url, false, lookup), url).toMatchObject({ ok: true });
    }
  });

  it.each([
    ["ftp://hooks.example.com/", "scheme"],
    ["file:///etc/passwd", "scheme"],
    ["javascript:alert(1)", "scheme"],
    ["hooks.example.com/x", "invalid"],
    ["https://user:pw@hooks.example.com/", "credentials"],
    ["https://nowhere.example.com/", "unresolved"],
    ["http://localhost:3000/", "private"],
    ["http://127.0.0.1/", "private"],
    ["http://2130706433/", "private"], // 127.0.0.1 as one number: URL normalises it
    ["http://0x7f.1/", "private"],
    ["http://[::1]/", "private"],
    ["http://[::ffff:127.0.0.1]/", "private"],
    ["http://[fe80::1]/", "private"],
    ["http://0.0.0.0:8080/", "private"],
    ["http://169.254.169.254/latest/meta-data", "private"],
    ["https://metadata.example.com/", "private"],
    ["https://sneaky.example.com/", "private"], // one private address among public ones
    ["http://100.100.100.200/", "private"],
  ])("refuses %s (%s)", async (url, reason) => {
    expect(await checkWebhookUrl(url, false, lookup)).toMatchObject({ ok: false, reason });
  });

  it("lets private addresses through with WEBHOOK_ALLOW_PRIVATE, but never other schemes", async () => {
    expect(await checkWebhookUrl("http://127.0.0.1:4000/hook", true, lookup)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl("http://localhost/hook", true, lookup)).toMatchObject({ ok: true });
    expect(await checkWebhookUrl("gopher://127.0.0.1/", true, lookup)).toMatchObject({ ok: false, reason: "scheme" });
  });
});

describe("guardedLookup (the check at connect time)", () => {
  it("refuses to connect to a name that resolves to loopback, and connects when private addresses are allowed", async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const get = (allowPrivate: boolean) =>
      new Promise<string>((resolve) => {
        const req = http.get({ host: "localhost", port, family: 4, lookup: guardedLookup(allowPrivate) as never }, (res) => {
          res.resume();
          resolve(`status ${res.statusCode}`);
        });
        req.on("error", (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
      });
    try {
      expect(await get(false)).toBe("error EPRIVATE");
      expect(await get(true)).toBe("status 200");
    } finally {
      server.close();
    }
  });
});
