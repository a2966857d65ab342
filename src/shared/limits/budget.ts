import { Redis } from "ioredis";

export interface BudgetConfig {
  /** Points a caller may spend in a burst. */
  capacity: number;
  /** Points that leak out (become available again) per second. */
  refillPerSecond: number;
}

export interface BudgetResult {
  allowed: boolean;
  /** Points left after this request (or now, when refused). */
  remaining: number;
  /** When refused: how long until the request's cost fits. */
  retryAfterMs: number;
}

/** A per-caller leaky bucket (Shopify's model): each request pours its cost in; the bucket drains steadily. */
export interface Budget {
  readonly config: BudgetConfig;
  take(caller: string, cost: number): Promise<BudgetResult>;
  close(): Promise<void>;
}

/** One process: a map of buckets, swept of full-drained ones now and then. */
export class MemoryBudget implements Budget {
  private readonly buckets = new Map<string, { level: number; at: number }>();
  constructor(readonly config: BudgetConfig, private readonly now: () => number = Date.now) {}

  async take(caller: string, cost: number): Promise<BudgetResult> {
    const t = this.now();
    const b = this.buckets.get(caller) ?? { level: 0, at: t };
    const level = Math.max(0, b.level - ((t - b.at) * this.config.refillPerSecond) / 1000);
    if (this.buckets.size > 100_000) this.sweep(t);
    if (level + cost > this.config.capacity) {
      this.buckets.set(caller, { level, at: t });
      return { allowed: false, remaining: Math.floor(this.config.capacity - level), retryAfterMs: Math.ceil(((level + cost - this.config.capacity) * 1000) / this.config.refillPerSecond) };
    }
    this.buckets.set(caller, { level: level + cost, at: t });
    return { allowed: true, remaining: Math.floor(this.config.capacity - level - cost), retryAfterMs: 0 };
  }

  private sweep(t: number) {
    for (const [k, b] of this.buckets) if (b.level - ((t - b.at) * this.config.refillPerSecond) / 1000 <= 0) this.buckets.delete(k);
  }

  async close() {}
}

// Atomic in Redis: read, drain by elapsed time (Redis's own clock, the same for every server process), pour.
const LEAKY_BUCKET = `
local cap = tonumber(ARGV[1]); local rate = tonumber(ARGV[2]); local cost = tonumber(ARGV[3])
local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(v[1]) or 0; local at = tonumber(v[2]) or now
level = math.max(0, level - (now - at) * rate / 1000)
local ttl = math.ceil(cap / rate * 1000) + 1000
if level + cost > cap then
  redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now)); redis.call('PEXPIRE', KEYS[1], ttl)
  return {0, tostring(math.floor(cap - level)), tostring(math.ceil((level + cost - cap) * 1000 / rate))}
end
level = level + cost
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now)); redis.call('PEXPIRE', KEYS[1], ttl)
return {1, tostring(math.floor(cap - level)), '0'}
`;

/** Shared by every server process using the same Redis (REDIS_URL). */
export class RedisBudget implements Budget {
  private readonly redis: Redis;
  constructor(readonly config: BudgetConfig, url: string, private readonly prefix = "xmu:budget:") {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1_000, commandTimeout: 1_000 });
    this.redis.on("error", () => {}); // reported per request below; avoid unhandled error events
  }

  async take(caller: string, cost: number): Promise<BudgetResult> {
    const [ok, remaining, retry] = (await this.redis.eval(LEAKY_BUCKET, 1, this.prefix + caller, this.config.capacity, this.config.refillPerSecond, cost)) as [number, string, string];
    return { allowed: ok === 1, remaining: Number(remaining), retryAfterMs: Number(retry) };
  }

  async close() {
    this.redis.disconnect();
  }
}

export function createBudget(config: BudgetConfig, redisUrl?: string): Budget {
  return redisUrl ? new RedisBudget(config, redisUrl) : new MemoryBudget(config);
}
