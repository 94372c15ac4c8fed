import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, isIPv4, isIPv6, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (like `dns.lookup` with `all: true`). */
export type LookupAllAddresses = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchRemoteImageOptions {
  /** Whole fetch, redirects and body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Host names (not addresses) allowed to resolve to loopback/private addresses. */
  allowHosts: readonly string[];
  lookup?: LookupAllAddresses;
}

export type FetchRemoteImageResult =
  | { ok: true; bytes: Buffer; contentType: string | null; finalUrl: string }
  | { ok: false; reason: string; retryable: boolean };

export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
export const DEFAULT_FETCH_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_FETCH_MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Retry policy (the caller keeps the attempt count and decides when to stop):
// - retryable: network errors, DNS failures, timeouts, 5xx, 408, 425, 429, redirect loops (a
//   misconfigured CDN gets fixed), and 404, because a story often links an image before its CDN
//   has it, and a later attempt then succeeds;
// - not retryable: what another attempt cannot change: a blocked address, a non-http(s) URL, a
//   body over the size limit, 410 Gone and the other 4xx (auth, hotlink protection).
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 404 || status === 408 || status === 425 || status === 429;
}

const defaultLookup: LookupAllAddresses = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export async function fetchRemoteImage(
  url: string,
  options: FetchRemoteImageOptions,
): Promise<FetchRemoteImageResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_FETCH_MAX_REDIRECTS;
  const lookup = options.lookup ?? defaultLookup;
  const allowHosts = new Set(options.allowHosts.map(normalizeHostname));

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { ok: false, reason: `not a valid URL: ${JSON.stringify(url)}`, retryable: false };
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let redirects = 0; ; redirects += 1) {
      if (current.protocol !== "http:" && current.protocol !== "https:") {
        const via = redirects > 0 ? ` (redirected from ${url})` : "";
        return {
          ok: false,
          reason: `only http and https URLs are fetched, not ${current.protocol} (${current.href})${via}`,
          retryable: false,
        };
      }

      const target = await resolveAllowedAddress(current, allowHosts, lookup, controller.signal);
      if (!target.ok) return target;

      const response = await sendGet(current, target.address, controller.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;

      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        response.destroy();
        if (redirects >= maxRedirects) {
          return { ok: false, reason: `too many redirects (${redirects + 1}) starting at ${url}`, retryable: true };
        }
        try {
          current = new URL(location, current);
        } catch {
          return { ok: false, reason: `invalid redirect Location ${JSON.stringify(location)} from ${current.href}`, retryable: false };
        }
        continue;
      }

      if (status < 200 || status > 299) {
        response.destroy();
        return { ok: false, reason: `HTTP ${status} from ${current.href}`, retryable: isRetryableStatus(status) };
      }

      const declaredLength = Number(response.headers["content-length"]);
      if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
        response.destroy();
        return {
          ok: false,
          reason: `larger than ${formatMiB(maxBytes)} (Content-Length ${declaredLength}) at ${current.href}`,
          retryable: false,
        };
      }

      const decoded = decodeBody(response);
      if (decoded === null) {
        response.destroy();
        return {
          ok: false,
          reason: `unsupported Content-Encoding ${String(response.headers["content-encoding"])} from ${current.href}`,
          retryable: false,
        };
      }
      const bytes = await readAtMost(decoded, maxBytes);
      if (bytes === null) {
        response.destroy();
        decoded.destroy();
        return { ok: false, reason: `larger than ${formatMiB(maxBytes)} at ${current.href}`, retryable: false };
      }
      return { ok: true, bytes, contentType: response.headers["content-type"] ?? null, finalUrl: current.href };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      return { ok: false, reason: `timed out after ${timeoutMs} ms fetching ${current.href}`, retryable: true };
    }
    return { ok: false, reason: `could not fetch ${current.href}: ${describeError(error)}`, retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

type AddressCheck = { ok: true; address: ResolvedAddress } | { ok: false; reason: string; retryable: boolean };

async function resolveAllowedAddress(
  url: URL,
  allowHosts: ReadonlySet<string>,
  lookup: LookupAllAddresses,
  signal: AbortSignal,
): Promise<AddressCheck> {
  const hostname = normalizeHostname(url.hostname);
  let addresses: ResolvedAddress[];
  if (isIP(hostname) !== 0) {
    addresses = [{ address: hostname, family: isIPv6(hostname) ? 6 : 4 }];
  } else {
    try {
      addresses = await abortable(lookup(hostname), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      return { ok: false, reason: `could not resolve ${hostname} for ${url.href}: ${describeError(error)}`, retryable: true };
    }
  }
  // Family comes from the address itself, not from what the resolver claims.
  const valid = addresses.filter(({ address }) => isIP(address) !== 0);
  const first = valid[0];
  if (first === undefined) {
    return { ok: false, reason: `could not resolve ${hostname} for ${url.href}: no addresses`, retryable: true };
  }
  if (!allowHosts.has(hostname)) {
    // Any non-public answer blocks the host: a name that mixes public and private records is
    // either misconfigured or probing, and refusing it is easier to explain than picking one.
    for (const { address } of valid) {
      const category = classifyAddress(address);
      if (category !== null) {
        return {
          ok: false,
          reason: `blocked: ${url.href} resolves to ${category} address ${address}`,
          retryable: false,
        };
      }
    }
  }
  return { ok: true, address: { address: first.address, family: isIPv6(first.address) ? 6 : 4 } };
}

// The connection goes to the address that was checked: the request's own lookup is pinned to it,
// so a second DNS answer (rebinding) cannot slip in between the check and the connect.
function sendGet(url: URL, target: ResolvedAddress, signal: AbortSignal): Promise<http.IncomingMessage> {
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, {
      method: "GET",
      // No connection pooling: a pooled socket is keyed by host name, not by the checked address.
      agent: false,
      lookup: pinnedLookup,
      signal,
      headers: {
        accept: "image/avif,image/webp,image/png,image/jpeg,image/*;q=0.8",
        "accept-encoding": "identity",
        "user-agent": "InkstoneImageFetcher/1.0",
      },
    });
    request.once("response", resolve);
    request.once("error", reject);
    request.end();
  });
}

function decodeBody(response: http.IncomingMessage): Readable | null {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  switch (encoding) {
    case "":
    case "identity":
      return response;
    // Some servers compress anyway despite Accept-Encoding: identity. The size limit below applies
    // to the decoded bytes, so a compression bomb is stopped like any other large body.
    case "gzip":
    case "x-gzip":
      return response.pipe(zlib.createGunzip());
    case "deflate":
      return response.pipe(zlib.createInflate());
    case "br":
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return null;
  }
}

/** The whole stream, or null as soon as it passes maxBytes (without reading the rest). */
async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.byteLength;
    if (total > maxBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error("aborted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function normalizeHostname(hostname: string): string {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host;
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== undefined && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}

// Addresses a server-side fetch must not reach: everything that is not globally routable unicast
// (IANA special-purpose registries). [first address, prefix length, category].
const IPV4_BLOCKED: ReadonlyArray<readonly [string, number, string]> = [
  ["0.0.0.0", 8, "this-network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (CGNAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"], // includes 169.254.169.254, the cloud metadata service
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // includes 255.255.255.255 broadcast
];

const IPV4_BLOCKED_RANGES = IPV4_BLOCKED.map(([first, prefix, category]) => ({
  network: ipv4ToNumber(first),
  mask: prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0,
  category,
}));

/**
 * Null when the address is public (safe to fetch from a server), otherwise the kind of address
 * it is: "loopback", "private", "link-local", ... IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
export function classifyAddress(address: string): string | null {
  if (isIPv4(address)) return classifyIpv4(ipv4ToNumber(address));
  const groups = parseIpv6(address);
  if (groups === null) return "invalid";
  return classifyIpv6(groups);
}

function classifyIpv4(value: number): string | null {
  for (const range of IPV4_BLOCKED_RANGES) {
    if (((value & range.mask) >>> 0) === range.network) return range.category;
  }
  return null;
}

function classifyIpv6(g: readonly number[]): string | null {
  const at = (index: number): number => g[index] ?? 0;
  const zeroUpTo = (end: number): boolean => g.slice(0, end).every((group) => group === 0);
  const embeddedIpv4 = (high: number, low: number): number => ((high << 16) | low) >>> 0;

  if (zeroUpTo(8)) return "unspecified";
  if (zeroUpTo(7) && at(7) === 1) return "loopback";
  // ::ffff:a.b.c.d (IPv4-mapped): a dual-stack socket connects to the IPv4 address itself.
  if (zeroUpTo(5) && at(5) === 0xffff) return classifyIpv4(embeddedIpv4(at(6), at(7)));
  // ::a.b.c.d (IPv4-compatible, deprecated) and ::ffff:0:a.b.c.d (IPv4-translated).
  if (zeroUpTo(6) || (zeroUpTo(4) && at(4) === 0xffff && at(5) === 0)) return "reserved";
  // 64:ff9b::/96 NAT64: the gateway forwards to the embedded IPv4 address.
  if (at(0) === 0x64 && at(1) === 0xff9b && g.slice(2, 6).every((group) => group === 0)) {
    return classifyIpv4(embeddedIpv4(at(6), at(7)));
  }
  if (at(0) === 0x64 && at(1) === 0xff9b && at(2) === 1) return "private (NAT64 local-use)";
  // 2002::/16 6to4: the IPv4 address is in the next 32 bits.
  if (at(0) === 0x2002) return classifyIpv4(embeddedIpv4(at(1), at(2)));
  if (at(0) === 0x2001 && at(1) === 0) return "Teredo";
  if (at(0) === 0x2001 && at(1) === 0x0db8) return "documentation";
  if (at(0) === 0x2001 && at(1) === 0x0002 && at(2) === 0) return "benchmarking";
  if (at(0) === 0x2001 && (at(1) & 0xfe00) === 0) return "reserved"; // 2001::/23, IETF protocol assignments
  if (at(0) === 0x3fff && (at(1) & 0xf000) === 0) return "documentation";
  if ((at(0) & 0xfe00) === 0xfc00) return "private";
  if ((at(0) & 0xffc0) === 0xfe80) return "link-local";
  if ((at(0) & 0xffc0) === 0xfec0) return "site-local";
  if ((at(0) & 0xff00) === 0xff00) return "multicast";
  // Only 2000::/3 is global unicast; everything else (100::/64 discard, ::/8 ...) is not routable.
  if ((at(0) & 0xe000) !== 0x2000) return "reserved";
  return null;
}

function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((value, octet) => ((value << 8) | Number(octet)) >>> 0, 0);
}

/** Eight 16-bit groups, or null. Accepts "::" compression, a trailing dotted quad and a zone id. */
function parseIpv6(input: string): number[] | null {
  const zoneStart = input.indexOf("%");
  let text = zoneStart === -1 ? input : input.slice(0, zoneStart);
  if (!isIPv6(text)) return null;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!isIPv4(tail)) return null;
    const value = ipv4ToNumber(tail);
    text = `${text.slice(0, lastColon + 1)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  const parseGroups = (part: string | undefined): number[] =>
    part === undefined || part === "" ? [] : part.split(":").map((group) => parseInt(group, 16));
  const head = parseGroups(halves[0]);
  const rest = parseGroups(halves[1]);
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - rest.length;
  if (missing < 0) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...rest];
}
