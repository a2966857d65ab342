import { Redis } from "ioredis";
import { LRUCache } from "lru-cache";

export interface BucketConfig {
  /** Points a caller may spend in a burst. */
  capacity: number;
  /** Points that leak out (become available again) per second. */
  refillPerSecond: number;
}

export interface BudgetConfig extends BucketConfig {
  /** Anonymous callers (budget keys "ip:…"): public facts only, so a smaller bucket; default: the same. */
  anonymous?: BucketConfig;
}

export interface BudgetResult {
  allowed: boolean;
  /** Points left after this request (or now, when refused). */
  remaining: number;
  /** When refused: how long until the request's cost fits. */
  retryAfterMs: number;
}

/**
 * A per-caller leaky bucket (Shopify's model): each request pours its cost in; the bucket drains steadily.
 * A caller refused is remembered in this process until its wait is over, so its next requests are refused
 * before they are even parsed (`blockedFor`), at the cost of a map lookup.
 */
export abstract class Budget {
  /** Refused callers: until when, and the points they had left then (for the RateLimit headers of a refusal). */
  private readonly blocked = new LRUCache<string, { until: number; remaining: number; at: number }>({ max: 10_000 });
  constructor(
    readonly config: BudgetConfig,
    protected readonly now: () => number = Date.now,
  ) {}

  /** The bucket of this caller: anonymous callers have their own settings. */
  configFor(caller: string): BucketConfig {
    return caller.startsWith("ip:") && this.config.anonymous ? this.config.anonymous : this.config;
  }

  /** Pours `cost` into the caller's bucket if it fits; says how long to wait if it does not. */
  async take(caller: string, cost: number): Promise<BudgetResult> {
    const result = await this.pour(caller, cost, this.configFor(caller));
    if (!result.allowed) this.blocked.set(caller, { until: this.now() + result.retryAfterMs, remaining: result.remaining, at: this.now() });
    return result;
  }

  /** Milliseconds this caller must still wait after its last refusal in this process (0: none). */
  blockedFor(caller: string): number {
    const b = this.blocked.get(caller);
    if (b === undefined) return 0;
    const left = b.until - this.now();
    if (left <= 0) this.blocked.delete(caller);
    return Math.max(0, left);
  }

  /** The points a blocked caller has now: what it had when refused, plus what drained since (no store call). */
  remainingWhileBlocked(caller: string): number {
    const b = this.blocked.get(caller);
    const bucket = this.configFor(caller);
    if (b === undefined) return bucket.capacity;
    return Math.min(bucket.capacity, b.remaining + ((this.now() - b.at) / 1000) * bucket.refillPerSecond);
  }

  protected abstract pour(caller: string, cost: number, bucket: BucketConfig): Promise<BudgetResult>;
  abstract close(): Promise<void>;
}

/** One process: a map of buckets, swept of full-drained ones now and then. */
export class MemoryBudget extends Budget {
  private readonly buckets = new Map<string, { level: number; at: number; rate: number }>();

  protected async pour(caller: string, cost: number, { capacity, refillPerSecond }: BucketConfig): Promise<BudgetResult> {
    const t = this.now();
    const b = this.buckets.get(caller) ?? { level: 0, at: t, rate: refillPerSecond };
    const level = Math.max(0, b.level - ((t - b.at) * refillPerSecond) / 1000);
    if (this.buckets.size > 100_000) this.sweep(t);
    if (level + cost > capacity) {
      this.buckets.set(caller, { level, at: t, rate: refillPerSecond });
      return { allowed: false, remaining: Math.floor(capacity - level), retryAfterMs: Math.ceil(((level + cost - capacity) * 1000) / refillPerSecond) };
    }
    this.buckets.set(caller, { level: level + cost, at: t, rate: refillPerSecond });
    return { allowed: true, remaining: Math.floor(capacity - level - cost), retryAfterMs: 0 };
  }

  private sweep(t: number) {
    for (const [k, b] of this.buckets) if (b.level - ((t - b.at) * b.rate) / 1000 <= 0) this.buckets.delete(k);
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
export class RedisBudget extends Budget {
  private readonly redis: Redis;
  constructor(config: BudgetConfig, url: string, private readonly prefix = "xmu:budget:") {
    super(config);
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 1_000, commandTimeout: 1_000 });
    this.redis.on("error", () => {}); // reported per request below; avoid unhandled error events
  }

  protected async pour(caller: string, cost: number, { capacity, refillPerSecond }: BucketConfig): Promise<BudgetResult> {
    const [ok, remaining, retry] = (await this.redis.eval(LEAKY_BUCKET, 1, this.prefix + caller, capacity, refillPerSecond, cost)) as [number, string, string];
    return { allowed: ok === 1, remaining: Number(remaining), retryAfterMs: Number(retry) };
  }

  async close() {
    this.redis.disconnect();
  }
}

/** The budget the settings describe (README "Configuration"): signed-in callers, and anonymous ones apart. */
export function budgetFromSettings(
  cfg: { budgetCapacity: number; budgetRefillPerSecond: number; anonBudgetCapacity: number; anonBudgetRefillPerSecond: number },
  redisUrl?: string,
): Budget {
  return createBudget(
    { capacity: cfg.budgetCapacity, refillPerSecond: cfg.budgetRefillPerSecond, anonymous: { capacity: cfg.anonBudgetCapacity, refillPerSecond: cfg.anonBudgetRefillPerSecond } },
    redisUrl,
  );
}

export function createBudget(config: BudgetConfig, redisUrl?: string): Budget {
  return redisUrl ? new RedisBudget(config, redisUrl) : new MemoryBudget(config);
}
