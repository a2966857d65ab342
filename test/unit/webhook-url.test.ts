import "reflect-metadata";
import { describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { isPublicAddress, NOT_PUBLIC, NOT_PUBLIC_CODE, publicOnlyLookup } from "../../src/modules/webhooks/webhook.address.js";
import { checkUrl } from "../../src/modules/webhooks/webhook.mutation.service.js";
import { signatureHeader, verifySignature } from "../../src/modules/webhooks/webhook.signature.js";

const code = (f: () => unknown) => {
  try {
    f();
    return "OK";
  } catch (e) {
    return (e as { extensions?: { code?: string; field?: string } }).extensions?.code ?? String(e);
  }
};

const field = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { extensions?: { field?: string } }).extensions?.field ?? null;
  }
};

describe("webhook endpoint URLs", () => {
  it("take https to a public host; refuse http, credentials, other schemes and this machine or a private network", () => {
    const cases: [string, string][] = [
      ["https://hooks.example.org/xmu", "OK"],
      ["https://93.184.215.14:8443/in", "OK"],
      ["https://[2606:4700:4700::1111]/in", "OK"],
      ["https://hooks.example.org./xmu", "OK"],
      ["http://hooks.example.org/xmu", "BAD_USER_INPUT"],
      ["ftp://hooks.example.org/xmu", "BAD_USER_INPUT"],
      ["https://user:pw@hooks.example.org/", "BAD_USER_INPUT"],
      ["https://localhost/in", "BAD_USER_INPUT"],
      ["https://api.localhost/in", "BAD_USER_INPUT"],
      ["https://127.0.0.1/in", "BAD_USER_INPUT"],
      ["https://[::1]/in", "BAD_USER_INPUT"],
      ["https://10.0.0.5/in", "BAD_USER_INPUT"],
      ["https://172.16.0.1/in", "BAD_USER_INPUT"],
      ["https://172.32.0.1/in", "OK"],
      ["https://192.168.1.1/in", "BAD_USER_INPUT"],
      ["https://169.254.169.254/latest/meta-data", "BAD_USER_INPUT"],
      ["https://[fd00::1]/in", "BAD_USER_INPUT"],
      // What an outside test found accepted: IPv4-mapped IPv6, a trailing dot, CGNAT, benchmarking, multicast.
      ["https://[::ffff:127.0.0.1]:4199/x", "BAD_USER_INPUT"],
      ["https://[::ffff:7f00:1]:4199/x", "BAD_USER_INPUT"],
      ["https://[::ffff:10.0.0.1]/x", "BAD_USER_INPUT"],
      ["https://[::ffff:192.168.1.1]/x", "BAD_USER_INPUT"],
      ["https://[::ffff:169.254.169.254]/x", "BAD_USER_INPUT"],
      ["https://localhost./h", "BAD_USER_INPUT"],
      ["https://LOCALHOST../h", "BAD_USER_INPUT"],
      ["https://api.localhost./h", "BAD_USER_INPUT"],
      ["https://127.0.0.1./h", "BAD_USER_INPUT"],
      ["https://0x7f.1/h", "BAD_USER_INPUT"],
      ["https://100.64.0.1/h", "BAD_USER_INPUT"],
      ["https://[::ffff:100.64.0.1]/h", "BAD_USER_INPUT"],
      ["https://198.18.0.1/h", "BAD_USER_INPUT"],
      ["https://198.19.255.1/h", "BAD_USER_INPUT"],
      ["https://[::ffff:198.18.0.1]/h", "BAD_USER_INPUT"],
      ["https://224.0.0.1/h", "BAD_USER_INPUT"],
      ["https://[::ffff:224.0.0.1]/h", "BAD_USER_INPUT"],
      ["https://[ff02::1]/h", "BAD_USER_INPUT"],
      ["https://255.255.255.255/h", "BAD_USER_INPUT"],
      ["https://0.0.0.0/h", "BAD_USER_INPUT"],
      ["https://[::]/h", "BAD_USER_INPUT"],
      ["https://203.0.113.7/h", "BAD_USER_INPUT"],
      ["https://240.0.0.1/h", "BAD_USER_INPUT"],
      ["https://[fe80::1]/h", "BAD_USER_INPUT"],
      ["https://[2002:7f00:1::]/h", "BAD_USER_INPUT"],
      ["https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/h", "BAD_USER_INPUT"],
      ["https://[64:ff9b::7f00:1]/h", "BAD_USER_INPUT"],
      ["https://[2001:db8::1]/h", "BAD_USER_INPUT"],
      // ::/96, deprecated IPv4-compatible (the URL parser writes [::127.0.0.1] as [::7f00:1])
      ["https://[::127.0.0.1]/h", "BAD_USER_INPUT"],
      ["https://[::7f00:1]/h", "BAD_USER_INPUT"],
      ["https://[::a00:1]/h", "BAD_USER_INPUT"],
      ["https://[::8.8.8.8]/h", "BAD_USER_INPUT"],
      ["https://[0:0:0:0:0:0:a9fe:a9fe]/h", "BAD_USER_INPUT"],
      ["not a url", "BAD_USER_INPUT"],
    ];
    expect(cases.map(([u]) => [u, code(() => checkUrl(u, "input.url", false))])).toEqual(cases);
    // The field named is the one given.
    expect(field(() => checkUrl("https://[::ffff:127.0.0.1]:4199/x", "input.url", false))).toBe("input.url");
    // The development switch lets http and local receivers through.
    expect(code(() => checkUrl("http://127.0.0.1:3000/hook", "input.url", true))).toBe("OK");
    expect(code(() => checkUrl("https://user:pw@hooks.example.org/", "input.url", true))).toBe("BAD_USER_INPUT");
  });
});

describe("the delivery-time address check", () => {
  const resolveTo = (address: string, family = 4) => (_h: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => cb(null, [{ address, family }]);
  const look = (lookup: LookupFunction, all: boolean) =>
    new Promise<{ err: string | null; result: unknown }>((res) =>
      lookup("public.example", { all } as never, (err: NodeJS.ErrnoException | null, result: unknown) => res({ err: err ? `${err.code}: ${err.message}` : null, result })),
    );

  it("refuses a name resolving to an address that is not public, whatever the form; passes public ones", async () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "100.64.0.1", "198.18.0.1", "224.0.0.1", "169.254.169.254", "0.0.0.0"]) {
      expect(await look(publicOnlyLookup(resolveTo(a)), false)).toEqual({ err: `${NOT_PUBLIC_CODE}: ${NOT_PUBLIC}`, result: undefined });
    }
    for (const a of ["::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "fd00::1", "fe80::1", "64:ff9b::a00:1", "::7f00:1", "::a00:1", "::127.0.0.1", "::808:808"]) {
      expect((await look(publicOnlyLookup(resolveTo(a, 6)), true)).err).toBe(`${NOT_PUBLIC_CODE}: ${NOT_PUBLIC}`);
    }
    // One private address among public ones is enough to refuse.
    const mixed = (_h: string, _o: unknown, cb: (e: null, a: LookupAddress[]) => void) => cb(null, [{ address: "93.184.215.14", family: 4 }, { address: "127.0.0.1", family: 4 }]);
    expect((await look(publicOnlyLookup(mixed), true)).err).toBe(`${NOT_PUBLIC_CODE}: ${NOT_PUBLIC}`);
    expect(await look(publicOnlyLookup(resolveTo("93.184.215.14")), false)).toEqual({ err: null, result: "93.184.215.14" });
    expect(await look(publicOnlyLookup(resolveTo("2606:4700:4700::1111", 6)), true)).toEqual({ err: null, result: [{ address: "2606:4700:4700::1111", family: 6 }] });
    expect(isPublicAddress("[::ffff:8.8.8.8]")).toBe(true);
    expect(isPublicAddress("not-an-address")).toBe(false);
    // ::/96 is refused; the neighbouring ::1:0:0:0/… and IPv4-mapped public addresses are not.
    for (const a of ["::7f00:1", "[::a00:1]", "::8.8.8.8", "::127.0.0.1"]) expect(isPublicAddress(a)).toBe(false);
    expect(isPublicAddress("::ffff:8.8.8.8")).toBe(true);
  });
});

describe("webhook signatures", () => {
  it("verify with either secret during a rotation, and refuse a changed body or a stale timestamp", () => {
    const body = JSON.stringify({ id: "d1", change: { action: "enrollment.transition" } });
    const now = 1_800_000_000;
    const header = signatureHeader(["whsec_new", "whsec_old"], now, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(verifySignature("whsec_new", header, body, 300, now)).toBe(true);
    expect(verifySignature("whsec_old", header, body, 300, now)).toBe(true);
    expect(verifySignature("whsec_other", header, body, 300, now)).toBe(false);
    expect(verifySignature("whsec_new", header, body + " ", 300, now)).toBe(false);
    expect(verifySignature("whsec_new", header, body, 300, now + 301)).toBe(false);
    expect(verifySignature("whsec_new", "garbage", body, 300, now)).toBe(false);
  });
});
