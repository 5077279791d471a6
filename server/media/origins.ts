// Where media may be downloaded from: the allowlist in VIGIL_MEDIA_ORIGINS, and the address ranges a download must
// never reach (private networks, loopback, link-local), so a post's media URL cannot be used to probe the network
// Vigil runs in.

import net from "node:net";

/** One allowed origin, e.g. `https://cdn.example.com`, `https://*.example.com` or `http://127.0.0.1:4010`. */
export interface MediaOrigin {
  /** the entry as normalised, e.g. "https://*.example.com" */
  origin: string;
  protocol: "https:" | "http:";
  /** lower case, without a trailing dot; for a wildcard the domain under it ("example.com"); IPv6 without brackets */
  hostname: string;
  port: number;
  /** true for `https://*.example.com`: any subdomain of hostname, at any depth, but not hostname itself */
  wildcard: boolean;
}

const DEFAULT_PORT = { "https:": 443, "http:": 80 } as const;

function refuse(entry: string, reason: string): never {
  throw new Error(`VIGIL_MEDIA_ORIGINS has an entry "${entry}" that is not an allowed origin: ${reason}`);
}

function stripHost(hostname: string): string {
  let host = hostname.toLowerCase();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host;
}

function parseEntry(entry: string): MediaOrigin {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(entry);
  if (!match) refuse(entry, "it is not a URL of the form https://host[:port]");
  const scheme = match[1]!.toLowerCase();
  let authority = match[2]!;
  const rest = match[3]!;
  if (scheme !== "https" && scheme !== "http") refuse(entry, "only http and https origins are allowed");
  if (rest.includes("?") || rest.includes("#")) refuse(entry, "an origin has no query or fragment");
  if (rest !== "" && rest !== "/") refuse(entry, "an origin has no path");
  if (authority.includes("@")) refuse(entry, "an origin has no user name or password");

  let wildcard = false;
  if (authority.startsWith("*.")) {
    if (scheme !== "https") refuse(entry, "wildcard origins (*.) are allowed only with https");
    wildcard = true;
    authority = authority.slice(2);
  }
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}/`);
  } catch {
    refuse(entry, "it is not a URL of the form https://host[:port]");
  }
  const hostname = stripHost(url.hostname);
  if (hostname === "" || hostname.includes("*"))
    refuse(entry, "a wildcard may only be the first label, as in https://*.example.com");
  if (wildcard) {
    if (net.isIP(hostname) !== 0) refuse(entry, "a wildcard needs a domain name, not an address");
    if (!hostname.includes(".")) refuse(entry, "a wildcard needs a domain of at least two labels, as in *.example.com");
  }
  const protocol = url.protocol as MediaOrigin["protocol"];
  const port = url.port === "" ? DEFAULT_PORT[protocol] : Number(url.port);
  const shownHost = net.isIP(hostname) === 6 ? `[${hostname}]` : hostname;
  const shownPort = port === DEFAULT_PORT[protocol] ? "" : `:${port}`;
  return {
    origin: `${protocol}//${wildcard ? "*." : ""}${shownHost}${shownPort}`,
    protocol,
    hostname,
    port,
    wildcard,
  };
}

/** Reads VIGIL_MEDIA_ORIGINS (comma-separated origins); empty or unset means no origin is allowed. */
export function parseMediaOrigins(value: string | undefined): MediaOrigin[] {
  if (value === undefined) return [];
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map(parseEntry);
}

/** The origin that allows this URL, or null. Exact entries win over wildcards (they decide private addresses). */
export function originAllowed(url: URL, origins: MediaOrigin[]): MediaOrigin | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const protocol = url.protocol;
  const port = url.port === "" ? DEFAULT_PORT[protocol] : Number(url.port);
  const hostname = stripHost(url.hostname);
  const candidates = origins.filter((o) => o.protocol === protocol && o.port === port);
  const exact = candidates.find((o) => !o.wildcard && sameHost(o.hostname, hostname));
  if (exact) return exact;
  return candidates.find((o) => o.wildcard && hostname.endsWith(`.${o.hostname}`)) ?? null;
}

function sameHost(a: string, b: string): boolean {
  if (a === b) return true;
  const ba = addressBytes(a);
  const bb = addressBytes(b);
  return ba !== null && bb !== null && ba.length === bb.length && ba.every((x, i) => x === bb[i]);
}

/**
 * May a download on this origin connect to this private address? Only when the entry names the host itself:
 * an address literal equal to it (`http://127.0.0.1:4010`), or `localhost` resolving to a loopback address.
 */
export function privateAddressAllowed(origin: MediaOrigin, address: string): boolean {
  if (origin.wildcard) return false;
  if (net.isIP(origin.hostname) !== 0) return sameHost(origin.hostname, address);
  return origin.hostname === "localhost" && isLoopbackAddress(address);
}

// Address ranges as [first bytes, prefix length in bits]. IPv4-mapped and similar IPv6 forms are checked against
// the IPv4 table through the address they embed.
const PRIVATE_V4: [number[], number][] = [
  [[0], 8], // "this network"
  [[10], 8],
  [[100, 64], 10], // carrier-grade NAT
  [[127], 8],
  [[169, 254], 16], // link-local, including cloud metadata endpoints
  [[172, 16], 12],
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2], 24], // documentation
  [[192, 88, 99], 24], // 6to4 relay anycast
  [[192, 168], 16],
  [[198, 18], 15], // benchmarking
  [[198, 51, 100], 24], // documentation
  [[203, 0, 113], 24], // documentation
  [[224], 4], // multicast
  [[240], 4], // reserved, and the broadcast address
];

const PRIVATE_V6: [number[], number][] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 128], // unspecified
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128], // loopback
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // discard-only
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0xfc], 7], // unique local
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // old site-local
  [[0xff], 8], // multicast
];

function inPrefix(bytes: number[], [prefix, bits]: [number[], number]): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

/** The address as 4 or 16 bytes, or null when it is not a plain IPv4 or IPv6 address. */
function addressBytes(ip: string): number[] | null {
  let text = ip.trim();
  if (text.startsWith("[") && text.endsWith("]")) text = text.slice(1, -1);
  const zone = text.indexOf("%");
  if (zone !== -1) text = text.slice(0, zone);
  const kind = net.isIP(text);
  if (kind === 4) return text.split(".").map(Number);
  if (kind !== 6) return null;

  let tail: number[] = [];
  let head = text;
  // a dotted IPv4 address in the last 32 bits, as in ::ffff:127.0.0.1
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    const v4 = text
      .slice(lastColon + 1)
      .split(".")
      .map(Number);
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const parseGroups = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  let groups: number[];
  const gap = head.indexOf("::");
  if (gap === -1) {
    groups = [...parseGroups(head), ...tail];
  } else {
    const left = parseGroups(head.slice(0, gap));
    const right = [...parseGroups(head.slice(gap + 2)), ...tail];
    groups = [...left, ...Array.from({ length: Math.max(0, 8 - left.length - right.length) }, () => 0), ...right];
  }
  if (groups.length !== 8) return null;
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if it carries one. */
function embeddedV4(b: number[]): number[] | null {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12); // ::ffff:a.b.c.d
  if (zeros(0, 12)) return b.slice(12); // ::a.b.c.d (deprecated "compatible"); ::, ::1 are in the table first
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return b.slice(12); // 64:ff9b::/96
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6); // 6to4
  return null;
}

/**
 * True for any address a media download must not reach: private, loopback, link-local, carrier-grade NAT,
 * "this network", documentation, multicast and reserved ranges, in IPv4 and IPv6 (including IPv6 forms that
 * embed an IPv4 address). Also true for anything that is not an address at all, so a mistake fails closed.
 */
export function isPrivateAddress(ip: string): boolean {
  const bytes = addressBytes(ip);
  if (bytes === null) return true;
  if (bytes.length === 4) return PRIVATE_V4.some((range) => inPrefix(bytes, range));
  if (PRIVATE_V6.some((range) => inPrefix(bytes, range))) return true;
  const v4 = embeddedV4(bytes);
  return v4 !== null && PRIVATE_V4.some((range) => inPrefix(v4, range));
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(ip: string): boolean {
  const bytes = addressBytes(ip);
  if (bytes === null) return false;
  if (bytes.length === 4) return bytes[0] === 127;
  if (bytes.slice(0, 15).every((x) => x === 0) && bytes[15] === 1) return true;
  const v4 = embeddedV4(bytes);
  return v4 !== null && v4[0] === 127 && bytes[10] === 0xff;
}
