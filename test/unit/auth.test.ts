import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
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
  afterEach(() => {
    vi.useRealTimers();
  });

  it("remembers a verified token only until it expires, and only that exact token", async () => {
    const auth = createAuthenticator(cfg);
    const token = await mintToken(cfg, { subject: "carol", role: "INSTITUTION_ADMIN", institutionId: 3, expiresIn: "1h" });
    const viewer = { subject: "carol", role: "INSTITUTION_ADMIN", institutionId: 3 };
    expect(await auth(`Bearer ${token}`)).toMatchObject(viewer);
    expect(await auth(`Bearer ${token}`)).toMatchObject(viewer); // from the cache
    // The same claims under another signature are not the remembered token.
    const [head, body] = token.split(".");
    await expect(auth(`Bearer ${head}.${body}.${"A".repeat(43)}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    // Remembered for 5 minutes at most, then verified again: still valid here.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6 * 60_000 });
    expect(await auth(`Bearer ${token}`)).toMatchObject(viewer);
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    await expect(auth(`Bearer ${token}`)).rejects.toMatchObject({ message: "the token has expired", extensions: { code: "UNAUTHENTICATED" } });
    await expect(auth(`Bearer ${token}`)).rejects.toMatchObject({ message: "the token has expired" }); // verified again, refused by jose
  });

  it("accepts a valid token and reads subject, role and institution", async () => {
    const token = await mintToken(cfg, { subject: "alice", role: "PARTNER_REGISTRAR", institutionId: toGlobalId("Institution", 40) });
    expect(await authenticate(`Bearer ${token}`)).toMatchObject({ subject: "alice", role: "PARTNER_REGISTRAR", institutionId: 40 });
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
