import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import { INT4_MAX, isStorableText } from "../../shared/args.js";
import { AppError, ErrorCode } from "../../shared/errors.js";
import { decodeGlobalId } from "../../shared/global-id.js";
import { ROLES, type RoleName, type Viewer } from "./auth.roles.js";

/** How far ahead of this server's clock a token's `iat` may be (clocks drift). */
const CLOCK_SKEW_S = 60;

export interface AuthConfig {
  /** HS256 shared secret (development, tests). */
  secret?: string;
  /** JWKS endpoint of the identity provider (production). */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Longest lifetime a token may have (exp − iat, or exp − now without iat); default one day. */
  maxLifetimeSeconds?: number;
}

function unauthenticated(message: string): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
}

/**
 * The institution claim: a global id ("SW5zdGl0dXRpb246MQ") or a database id, a positive int4 (a signed token
 * is still input: 2^40 would reach the database as a key it cannot compare).
 */
function institutionClaim(value: unknown): number | null {
  if (value == null) return null;
  const n = typeof value === "number" ? value : typeof value === "string" && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : undefined;
  if (n !== undefined) {
    if (Number.isInteger(n) && n > 0 && n <= INT4_MAX) return n;
    throw unauthenticated(`the token's institution claim is not an institution id (a whole number from 1 to ${INT4_MAX})`);
  }
  if (typeof value === "string") {
    try {
      const d = decodeGlobalId(value, "institution");
      if (d.type === "Institution" && typeof d.id === "number") return d.id;
    } catch {
      /* falls through to the error below */
    }
  }
  throw unauthenticated("the token's institution claim is not an institution id");
}

/** Verifies bearer tokens with jose: signature (HS256 secret or JWKS), expiry, issuer and audience. */
export function createAuthenticator(cfg: AuthConfig) {
  if (!cfg.secret && !cfg.jwksUrl) throw new Error("Set JWT_SECRET or JWKS_URL");
  const key = cfg.jwksUrl ? createRemoteJWKSet(new URL(cfg.jwksUrl)) : new TextEncoder().encode(cfg.secret);

  // Tokens already verified, for at most REMEMBER_MS and never past their expiry: a portal sends the same
  // token with every request, and verifying the HMAC through WebCrypto was 3% of the server's CPU under load
  // (BENCHMARKS.md §8). The key is the whole token, signature included, so only that exact token is
  // recognised; after REMEMBER_MS it is verified again (a key the identity provider has since withdrawn from
  // its JWKS stops it then). Bounded: the oldest entries go first.
  const verified = new Map<string, { viewer: Viewer; untilMs: number }>();

  return async function authenticate(authorization: string | undefined): Promise<Viewer | null> {
    if (!authorization) return null;
    const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
    if (!m) throw unauthenticated("the Authorization header must be `Bearer <token>`");
    const hit = verified.get(m[1]);
    if (hit) {
      if (hit.untilMs > Date.now()) return hit.viewer;
      verified.delete(m[1]); // verified again below: jose says why it no longer passes, if it does not
    }
    const viewer = await verify(m[1]);
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value as string);
    verified.set(m[1], { viewer: viewer.viewer, untilMs: Math.min(viewer.expiresAtMs, Date.now() + REMEMBER_MS) });
    return viewer.viewer;
  };

  async function verify(token: string): Promise<{ viewer: Viewer; expiresAtMs: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: cfg.issuer,
        audience: cfg.audience,
        algorithms: cfg.jwksUrl ? undefined : ["HS256"],
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw unauthenticated("the token has expired");
      throw unauthenticated("the token is not valid");
    }
    // A token must expire, and not far away: a stolen token is useful only until then, and a WebSocket is
    // closed when its token expires.
    if (typeof payload.exp !== "number") throw unauthenticated("the token has no expiry (exp)");
    // Measured from now, whatever `iat` says: a token issued "in the future" would otherwise outlive the limit.
    const now = Date.now() / 1000;
    if (typeof payload.iat === "number" && payload.iat > now + CLOCK_SKEW_S) throw unauthenticated("the token is issued in the future (iat)");
    const lifetime = payload.exp - Math.min(now, typeof payload.iat === "number" ? payload.iat : now);
    const maxLifetime = cfg.maxLifetimeSeconds ?? 86_400;
    if (lifetime > maxLifetime) throw unauthenticated(`the token lives longer than the ${maxLifetime} s allowed`);
    const role = payload.role as RoleName;
    if (!ROLES.includes(role)) throw unauthenticated("the token has no known role");
    if (!payload.sub) throw unauthenticated("the token has no subject");
    // The subject is stored (audit rows, idempotency keys): text PostgreSQL can hold, of a sensible length.
    if (typeof payload.sub !== "string" || payload.sub.length > 255 || !isStorableText(payload.sub)) throw unauthenticated("the token's subject is not valid");
    const institutionId = institutionClaim(payload.institution_id);
    if (role !== "PLATFORM_ADMIN" && institutionId == null) throw unauthenticated(`a ${role} token needs an institution_id`);
    // Frozen: one remembered viewer is shared by every request that sends the token.
    const expiresAtMs = payload.exp * 1000;
    return { viewer: Object.freeze({ subject: payload.sub, role, institutionId, expiresAtMs }), expiresAtMs };
  }
}

/** How many verified tokens the authenticator remembers, and for how long at most. */
const VERIFIED_TOKENS = 10_000;
const REMEMBER_MS = 5 * 60_000;
export type Authenticate = ReturnType<typeof createAuthenticator>;

/** Mints an HS256 token (development and tests; production tokens come from the identity provider). */
export function mintToken(
  cfg: Pick<AuthConfig, "issuer" | "audience"> & { secret: string },
  claims: { subject: string; role: RoleName; institutionId?: string | number | null; expiresIn?: string },
): Promise<string> {
  return new SignJWT({ role: claims.role, institution_id: claims.institutionId ?? undefined })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.subject)
    .setIssuer(cfg.issuer)
    .setAudience(cfg.audience)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? "12h")
    .sign(new TextEncoder().encode(cfg.secret));
}
