import { describe, expect, it } from "vitest";
import type { GraphQLError } from "graphql";
import { MemoryBudget, RedisBudget } from "../../src/shared/limits/budget.js";
import { chargeBudget, refuseIfBlocked } from "../../src/shared/limits/operation-limits.js";
import { redisStatus } from "../helpers/redis.js";

describe("leaky-bucket budget", () => {
  it("pours each cost in, drains at the refill rate, and says how long to wait", async () => {
    let now = 0;
    const b = new MemoryBudget({ capacity: 100, refillPerSecond: 10 }, () => now);
    expect(await b.take("a", 60)).toEqual({ allowed: true, remaining: 40, retryAfterMs: 0 });
    expect(await b.take("a", 50)).toEqual({ allowed: false, remaining: 40, retryAfterMs: 1000 });
    expect((await b.take("b", 50)).allowed).toBe(true); // callers have their own buckets
    now = 1000; // 10 points drained
    expect(await b.take("a", 50)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    now = 100_000;
    expect((await b.take("a", 100)).allowed).toBe(true);
  });

  it("a refusal (THROTTLED, 429) carries the RateLimit fields as every answer that touched the budget, also once the caller is blocked", async () => {
    let now = 0;
    const b = new MemoryBudget({ capacity: 100, refillPerSecond: 10 }, () => now);
    const logger = { warn() {} } as never;
    await chargeBudget(b, "a", 60, logger);
    const headersOf = (e: unknown) => Object.fromEntries(((e as GraphQLError).extensions.http as { headers: Map<string, string> }).headers);
    const refused = await chargeBudget(b, "a", 50, logger).catch((e: unknown) => e);
    expect(headersOf(refused)).toEqual({ "retry-after": "1", "ratelimit-limit": "100", "ratelimit-remaining": "40", "ratelimit-reset": "6" });
    now = 500; // blocked: refused before parsing, with what has drained since (5 points)
    const blocked = (() => {
      try {
        refuseIfBlocked(b, "a");
      } catch (e) {
        return e;
      }
    })();
    expect(headersOf(blocked)).toEqual({ "retry-after": "1", "ratelimit-limit": "100", "ratelimit-remaining": "45", "ratelimit-reset": "6" });
  });

  it("gives anonymous callers their own bucket, and remembers a refused caller until its wait is over", async () => {
    let now = 0;
    const b = new MemoryBudget({ capacity: 1_000, refillPerSecond: 100, anonymous: { capacity: 100, refillPerSecond: 10 } }, () => now);
    expect((await b.take("sub:portal", 500)).allowed).toBe(true);
    expect((await b.take("ip:10.0.0.1", 500)).allowed).toBe(false);
    expect(b.blockedFor("ip:10.0.0.1")).toBe(40_000); // (500 - 100) points at 10 a second
    expect(b.blockedFor("sub:portal")).toBe(0);
    now = 39_000;
    expect(b.blockedFor("ip:10.0.0.1")).toBe(1_000);
    now = 40_000;
    expect(b.blockedFor("ip:10.0.0.1")).toBe(0);
    expect((await b.take("ip:10.0.0.1", 50)).allowed).toBe(true);
  });
});

const redis = await redisStatus();
(redis.available ? describe : describe.skip)("leaky-bucket budget in Redis [redis]", () => {
  it("is shared by every server process using the same Redis", async () => {
    const prefix = `xmu:test:${process.pid}:${Date.now()}:`;
    const cfg = { capacity: 100, refillPerSecond: 1 };
    // Two instances stand for two server processes.
    const one = new RedisBudget(cfg, redis.url, prefix);
    const two = new RedisBudget(cfg, redis.url, prefix);
    try {
      expect((await one.take("caller", 70)).allowed).toBe(true);
      const refused = await two.take("caller", 70);
      expect(refused.allowed).toBe(false);
      expect(refused.remaining).toBe(30);
      expect(refused.retryAfterMs).toBeGreaterThan(39_000);
      expect((await two.take("caller", 25)).allowed).toBe(true);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
if (!redis.available) console.warn(`[tests] Redis budget test skipped: ${redis.reason}`);
