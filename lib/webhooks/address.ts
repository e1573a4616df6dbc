import dns from "node:dns";
import net from "node:net";

// Server-side request forgery: a webhook URL is typed by a workspace's
// manager, and the server then POSTs to it. Without these checks, a URL
// could make the server reach what only it can reach (the database, a
// cloud's metadata service at 169.254.169.254, an admin port on localhost).
// So an address that is not a public unicast one is refused, when the
// webhook is created and again when each delivery connects (a name that
// resolved to a public address at creation may resolve to 127.0.0.1 later:
// DNS rebinding), unless the installation runs with WEBHOOK_ALLOW_PRIVATE=1.

export type AddressClass = "unspecified" | "loopback" | "private" | "link-local" | "shared" | "multicast" | "documentation" | "reserved" | "invalid";

type Range = [base: bigint, bits: number, kind: AddressClass];

function v4(text: string): bigint {
  return text.split(".").reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

/** IPv4 special-purpose blocks (IANA registry, RFC 6890 and later). */
const v4Ranges: Range[] = [
  [v4("0.0.0.0"), 8, "unspecified"], // "this network"; 0.0.0.0 reaches the host itself on Linux
  [v4("10.0.0.0"), 8, "private"],
  [v4("100.64.0.0"), 10, "shared"], // carrier-grade NAT
  [v4("127.0.0.0"), 8, "loopback"],
  [v4("169.254.0.0"), 16, "link-local"], // cloud metadata services live here
  [v4("172.16.0.0"), 12, "private"],
  [v4("192.0.0.0"), 24, "reserved"], // IETF protocol assignments
  [v4("192.0.2.0"), 24, "documentation"],
  [v4("192.88.99.0"), 24, "reserved"], // 6to4 relay anycast
  [v4("192.168.0.0"), 16, "private"],
  [v4("198.18.0.0"), 15, "reserved"], // benchmarking
  [v4("198.51.100.0"), 24, "documentation"],
  [v4("203.0.113.0"), 24, "documentation"],
  [v4("224.0.0.0"), 4, "multicast"],
  [v4("240.0.0.0"), 4, "reserved"], // includes 255.255.255.255
];

function v6(text: string): bigint {
  // Expands "::" and a trailing dotted IPv4 part, then reads 8 groups of 16 bits.
  let head = text;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (dotted) {
    const n = Number(v4(dotted[1]));
    tail.push(n >>> 16, n & 0xffff);
    head = head.slice(0, -dotted[1].length);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const parse = (part: string | undefined) =>
    part
      ? part
          .split(":")
          .filter((g) => g !== "")
          .map((g) => parseInt(g, 16))
      : [];
  const l = parse(left);
  const r = [...parse(right), ...tail];
  const groups = right === undefined && !head.includes("::") ? [...l, ...tail] : [...l, ...Array(8 - l.length - r.length).fill(0), ...r];
  return groups.reduce((n: bigint, g: number) => (n << 16n) | BigInt(g), 0n);
}

const v6Ranges: Range[] = [
  [v6("::"), 128, "unspecified"],
  [v6("::1"), 128, "loopback"],
  [v6("64:ff9b:1::"), 48, "reserved"], // local-use NAT64
  [v6("100::"), 64, "reserved"], // discard-only
  [v6("2001:db8::"), 32, "documentation"],
  [v6("2001::"), 23, "reserved"], // IETF protocol assignments, Teredo
  [v6("3fff::"), 20, "documentation"],
  [v6("5f00::"), 16, "reserved"], // segment routing
  [v6("fc00::"), 7, "private"], // unique local
  [v6("fe80::"), 10, "link-local"],
  [v6("fec0::"), 10, "private"], // site-local (deprecated)
  [v6("ff00::"), 8, "multicast"],
];

/** IPv6 forms that carry an IPv4 address, which decides: [prefix, prefix length, bit offset of the IPv4 address from the right]. */
const embedsV4: [bigint, number, number][] = [
  [v6("::ffff:0:0"), 96, 0], // IPv4-mapped
  [v6("::"), 96, 0], // IPv4-compatible (deprecated)
  [v6("64:ff9b::"), 96, 0], // NAT64
  [v6("2002::"), 16, 80], // 6to4: 2002:AABB:CCDD::/48
];

const inRange = (value: bigint, base: bigint, bits: number, width: number) => value >> BigInt(width - bits) === base >> BigInt(width - bits);

function classifyV4(value: bigint): AddressClass | null {
  for (const [base, bits, kind] of v4Ranges) if (inRange(value, base, bits, 32)) return kind;
  return null;
}

/**
 * What kind of special address `address` (an IPv4 or IPv6 literal, without
 * brackets; a zone id such as %eth0 counts as link-local) is, or null for a
 * public unicast address a webhook may reach.
 */
export function classifyAddress(address: string): AddressClass | null {
  let text = address.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  if (text.includes("%")) return net.isIPv6(text.split("%")[0]) ? "link-local" : "invalid";
  const family = net.isIP(text);
  if (family === 4) return classifyV4(v4(text));
  if (family !== 6) return "invalid";
  const value = v6(text.toLowerCase());
  if (value === 0n) return "unspecified";
  if (value === 1n) return "loopback";
  for (const [prefix, bits, shift] of embedsV4) {
    if (inRange(value, prefix, bits, 128)) {
      const embedded = (value >> BigInt(shift)) & 0xffffffffn;
      return classifyV4(embedded);
    }
  }
  for (const [base, bits, kind] of v6Ranges) if (inRange(value, base, bits, 128)) return kind;
  return null;
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: UrlRefusal; detail: string };
export type UrlRefusal = "invalid" | "scheme" | "credentials" | "unresolved" | "private";

export type Lookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Whether a webhook may POST to `raw`: an http(s) URL without credentials
 * whose host (a literal address, or every address its name resolves to) is
 * public — unless `allowPrivate`. Network errors while resolving count as
 * "unresolved", not as public.
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean, lookup: Lookup = systemLookup): Promise<UrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalid", detail: "Not a URL." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "scheme", detail: "Use an http:// or https:// URL." };
  if (url.username || url.password) return { ok: false, reason: "credentials", detail: "A user name or password in the URL is not allowed." };
  const host = hostOf(url);
  if (!host) return { ok: false, reason: "invalid", detail: "The URL has no host." };
  if (allowPrivate) return { ok: true, url };
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host)).map((a) => a.address);
    } catch {
      return { ok: false, reason: "unresolved", detail: `The host ${host} does not resolve.` };
    }
    if (addresses.length === 0) return { ok: false, reason: "unresolved", detail: `The host ${host} does not resolve.` };
  }
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind)
      return { ok: false, reason: "private", detail: `The host ${host} is at a ${kind} address (${address}); webhooks go to public addresses only.` };
  }
  return { ok: true, url };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) requests that resolves the name and refuses
 * the connection if any address is not public: the address checked is the
 * address connected to, so a name re-pointed after creation (DNS rebinding)
 * is refused at delivery.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate) {
        const bad = list.find((a) => classifyAddress(a.address) !== null);
        if (bad) {
          const refusal = Object.assign(new Error(`${hostname} resolves to a ${classifyAddress(bad.address)} address (${bad.address})`), {
            code: "EPRIVATE",
          });
          return callback(refusal, "", 0);
        }
      }
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: "ENOTFOUND" }), "", 0);
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
