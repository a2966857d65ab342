import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createAuthenticator, mintToken } from "../../src/modules/auth/auth.service.js";
import { toGlobalId } from "../../src/shared/global-id.js";

const cfg = { secret: "unit-test-secret-unit-test-secret", issuer: "xmu-exchange-api", audience: "xmu-exchange-api" };
const authenticate = createAuthenticator(cfg);
const key = new TextEncoder().encode(cfg.secret);

async function codeOf(header: string): Promise<string> {
  try {
    await authenticate(header);
    return "OK";
  } catch (e) {
    return (e as { extensions: { code: string } }).extensions.code;
  }
}

describe("bearer tokens (jose)", () => {
  it("accepts a valid token and reads subject, role and institution", async () => {
    const token = await mintToken(cfg, { subject: "alice", role: "PARTNER_REGISTRAR", institutionId: toGlobalId("Institution", 40) });
    expect(await authenticate(`Bearer ${token}`)).toEqual({ subject: "alice", role: "PARTNER_REGISTRAR", institutionId: 40 });
    expect(await authenticate(undefined)).toBeNull(); // anonymous
  });

  it("refuses expired, wrongly signed, wrong-audience, wrong-issuer and malformed tokens with UNAUTHENTICATED", async () => {
    const base = () => new SignJWT({ role: "PLATFORM_ADMIN" }).setProtectedHeader({ alg: "HS256" }).setSubject("bob").setIssuedAt();
    const expired = await base().setIssuer(cfg.issuer).setAudience(cfg.audience).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key);
    const otherKey = await base().setIssuer(cfg.issuer).setAudience(cfg.audience).setExpirationTime("1h").sign(new TextEncoder().encode("another-secret-another-secret-xx"));
    const otherAudience = await base().setIssuer(cfg.issuer).setAudience("someone-else").setExpirationTime("1h").sign(key);
    const otherIssuer = await base().setIssuer("evil").setAudience(cfg.audience).setExpirationTime("1h").sign(key);
    const noRole = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject("c").setIssuer(cfg.issuer).setAudience(cfg.audience).setExpirationTime("1h").sign(key);
    const scopedWithoutInstitution = await mintToken(cfg, { subject: "d", role: "INSTITUTION_ADMIN" });
    for (const header of [expired, otherKey, otherAudience, otherIssuer, noRole, scopedWithoutInstitution].map((t) => `Bearer ${t}`))
      expect(await codeOf(header)).toBe("UNAUTHENTICATED");
    expect(await codeOf("Basic dXNlcjpwYXNz")).toBe("UNAUTHENTICATED");
    expect(await codeOf("Bearer")).toBe("UNAUTHENTICATED");
    // alg "none" is never accepted
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify({ sub: "x", role: "PLATFORM_ADMIN", iss: cfg.issuer, aud: cfg.audience })).toString("base64url")}.`;
    expect(await codeOf(`Bearer ${none}`)).toBe("UNAUTHENTICATED");
  });
});
