import { Redis } from "ioredis";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

let cached: Promise<{ available: boolean; url: string; reason?: string }> | undefined;

/** Whether the Redis the budget tests share is reachable (REQUIRE_REDIS=1 makes a miss fail in global setup). */
export function redisStatus() {
  cached ??= (async () => {
    const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
    r.on("error", () => {});
    try {
      await r.connect();
      await r.ping();
      return { available: true, url: REDIS_URL };
    } catch (e) {
      return { available: false, url: REDIS_URL, reason: `no Redis at ${REDIS_URL} (${(e as Error).message})` };
    } finally {
      r.disconnect();
    }
  })();
  return cached;
}
