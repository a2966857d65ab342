import type { BucketConfig } from "./budget.js";

/**
 * The IETF draft's RateLimit fields for an answer that touched the caller's budget: the bucket's size, the
 * points left, and the seconds until it is full again (the formula limits.plugin.ts sets on /graphql answers).
 */
export function rateLimitHeaders(bucket: BucketConfig, remaining: number): [string, string][] {
  return [
    ["ratelimit-limit", String(bucket.capacity)],
    ["ratelimit-remaining", String(Math.max(0, Math.floor(remaining)))],
    ["ratelimit-reset", String(Math.ceil(Math.max(0, bucket.capacity - remaining) / bucket.refillPerSecond))],
  ];
}
