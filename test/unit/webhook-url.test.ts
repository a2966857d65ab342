import "reflect-metadata";
import { describe, expect, it } from "vitest";
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

describe("webhook endpoint URLs", () => {
  it("take https to a public host; refuse http, credentials, other schemes and this machine or a private network", () => {
    const cases: [string, string][] = [
      ["https://hooks.example.org/xmu", "OK"],
      ["https://203.0.113.7:8443/in", "OK"],
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
      ["not a url", "BAD_USER_INPUT"],
    ];
    expect(cases.map(([u]) => [u, code(() => checkUrl(u, "input.url", false))])).toEqual(cases);
    // The development switch lets http and local receivers through.
    expect(code(() => checkUrl("http://127.0.0.1:3000/hook", "input.url", true))).toBe("OK");
    expect(code(() => checkUrl("https://user:pw@hooks.example.org/", "input.url", true))).toBe("BAD_USER_INPUT");
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
