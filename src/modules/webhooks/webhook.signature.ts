import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The signature scheme of Stripe and GitHub: HMAC-SHA256, keyed with the endpoint's secret, over
// "<unix seconds>.<raw body>", sent as `Webhook-Signature: t=<unix seconds>,v1=<hex>`. While a rotated-out
// secret is still valid, a second v1 is sent (signed with it), so a receiver holding either secret verifies.

export const SIGNATURE_HEADER = "webhook-signature";

/** A new secret: 32 random bytes, base64url, with a prefix that says what it is. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The header value for a body: one v1 per secret, the current secret's first. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${sign(s, timestamp, body)}`)].join(",");
}

/**
 * What a receiver does (the README shows the same steps): parse the header, refuse a timestamp further than
 * `toleranceS` from now (a replayed request), and compare each v1 with the expected signature in constant time.
 */
export function verifySignature(secret: string, header: string, body: string, toleranceS = 300, nowS = Math.floor(Date.now() / 1000)): boolean {
  const parts = header.split(",").map((p) => p.split("=", 2) as [string, string]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS) return false;
  const expected = Buffer.from(sign(secret, t, body), "hex");
  return parts.some(([k, v]) => k === "v1" && v.length === expected.length * 2 && timingSafeEqual(Buffer.from(v, "hex"), expected));
}
