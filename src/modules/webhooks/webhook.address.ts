import ipaddr from "ipaddr.js";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";

/** The delivery log's lastError when a name resolves to an address that is not a public one (never the port's state). */
export const NOT_PUBLIC = "the endpoint's address is not a public one";
/** The error code of that refusal (the worker maps it to NOT_PUBLIC). */
export const NOT_PUBLIC_CODE = "ERR_WEBHOOK_ADDRESS_NOT_PUBLIC";

/**
 * An IP address (v4 or v6, brackets allowed) that is public: ipaddr.js's range `unicast`, after an IPv4-mapped
 * IPv6 address is taken as its IPv4 one. Everything else is refused: loopback, private, link-local, unique-local,
 * carrier-grade NAT, reserved and documentation ranges, benchmarking, multicast, broadcast, unspecified, NAT64,
 * 6to4, Teredo, the deprecated IPv4-compatible `::/96` and the like. Not an address at all: false.
 */
export function isPublicAddress(raw: string): boolean {
  const host = raw.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(host)) return false;
  if (isIpv4Compatible(host)) return false;
  return ipaddr.process(host).range() === "unicast";
}

/**
 * In `::/96` (RFC 4291's deprecated IPv4-compatible addresses, `::a.b.c.d`): ipaddr.js calls them unicast, and a
 * stack may route `::127.0.0.1` (written `::7f00:1` once a URL is parsed) to the IPv4 address. ipaddr.js reads a
 * dotted tail as IPv4-mapped (`::ffff:…`), so the tail is turned into two hex groups before parsing.
 */
function isIpv4Compatible(host: string): boolean {
  if (!host.includes(":")) return false;
  const hex = host.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) =>
    `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  if (!ipaddr.IPv6.isValid(hex)) return false;
  return ipaddr.IPv6.parse(hex).parts.slice(0, 6).every((p) => p === 0);
}

/** A literal IP host (brackets allowed). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ""));
}

/** `localhost`, a name under `.localhost`, with or without a trailing dot (names that always mean this machine). */
export function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.+$/, "");
  return h === "localhost" || h.endsWith(".localhost");
}

type Base = (hostname: string, options: { all: true; family?: number; hints?: number }, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A DNS lookup for outbound webhook requests (node's `lookup` option of net/http/https) that refuses a name if
 * any address it resolves to is not public: the check is on the addresses the socket connects to, so a name
 * pointing at a private address, or rebinding to one after the endpoint was registered, is refused.
 * `base` resolves (dns.lookup; a test injects its own).
 */
export function publicOnlyLookup(base: Base = dnsLookup as unknown as Base): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number; hints?: number }, callback: (...a: unknown[]) => void) => {
    base(hostname, { family: options?.family, hints: options?.hints, all: true }, (err, addresses) => {
      if (err) return callback(err);
      if (!addresses.length || addresses.some((a) => !isPublicAddress(a.address))) {
        return callback(Object.assign(new Error(NOT_PUBLIC), { code: NOT_PUBLIC_CODE }));
      }
      if (options?.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}
