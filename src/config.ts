import type { ExplorerKind } from "./explorer/explorer.js";
import type { ReadStrategy } from "./context.js";
import { defaultDataDir } from "./db/paths.js";

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw == null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export const DEV_JWT_SECRET = "development-only-secret-do-not-use-in-production";

function authConfig(env: NodeJS.ProcessEnv) {
  const production = env.NODE_ENV === "production";
  if (production && !env.JWT_SECRET && !env.JWKS_URL) throw new Error("NODE_ENV=production needs JWKS_URL (or JWT_SECRET)");
  return {
    // A fixed secret outside production so `npm run token` works out of the box; never used in production.
    secret: env.JWKS_URL ? undefined : env.JWT_SECRET || DEV_JWT_SECRET,
    jwksUrl: env.JWKS_URL || undefined,
    issuer: env.JWT_ISSUER || "xmu-exchange-api",
    audience: env.JWT_AUDIENCE || "xmu-exchange-api",
    /** Longest lifetime (exp − iat) a token may have; tokens without `exp` are refused. */
    maxLifetimeSeconds: int("JWT_MAX_LIFETIME_S", 86_400),
  };
}

function bool(raw: string | undefined, fallback: boolean): boolean {
  if (raw == null || raw === "") return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new Error(`expected true or false, got "${raw}"`);
}

/** Limits of the HTTP surface; every one is documented in the README's "Limits and errors". */
export function httpConfig(env: NodeJS.ProcessEnv = process.env) {
  const n = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw == null || raw === "") return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return v;
  };
  const production = env.NODE_ENV === "production";
  return {
    maxDepth: n("MAX_DEPTH", 12),
    maxAliases: n("MAX_ALIASES", 20),
    maxTokens: n("MAX_TOKENS", 3000),
    maxCost: n("MAX_COST", 25_000),
    maxSelections: n("MAX_SELECTIONS", 2_000),
    /** Estimated bytes kept per query document (documents, compilations, costs, plans), together. */
    operationCacheBytes: n("OPERATION_CACHE_MB", 24) * 2 ** 20,
    /** Query texts kept for automatic persisted queries. */
    apqCacheBytes: n("APQ_CACHE_MB", 4) * 2 ** 20,
    budgetCapacity: n("BUDGET_CAPACITY", 100_000),
    budgetRefillPerSecond: n("BUDGET_REFILL_PER_SECOND", 5_000),
    anonBudgetCapacity: n("ANON_BUDGET_CAPACITY", 20_000),
    anonBudgetRefillPerSecond: n("ANON_BUDGET_REFILL_PER_SECOND", 1_000),
    requestTimeoutMs: n("REQUEST_TIMEOUT_MS", 20_000),
    bodyLimitBytes: n("BODY_LIMIT_BYTES", 2_000_000),
    introspection: bool(env.ALLOW_INTROSPECTION, !production),
    /** The browser page at GET /graphql: GraphiQL from our own dependencies, Apollo Sandbox (a CDN), or none. */
    explorer: explorerKind(env.EXPLORER, production),
    trustProxy: bool(env.TRUST_PROXY, false),
    /** Execute with graphql-jit (compiled per operation) instead of graphql-js's interpreter. */
    jit: bool(env.GRAPHQL_JIT, true),
    /** How the read engine answers (src/engine): whole, inline or batched (context.ts). */
    readStrategy: readStrategy(env.READ_STRATEGY),
  };
}
function explorerKind(value: string | undefined, production: boolean): ExplorerKind {
  const v = value ?? (production ? "off" : "graphiql");
  if (v !== "graphiql" && v !== "sandbox" && v !== "off") throw new Error(`EXPLORER must be graphiql, sandbox or off, got ${v}`);
  return v;
}

function readStrategy(value: string | undefined): ReadStrategy {
  const v = value ?? "whole";
  if (v !== "whole" && v !== "inline" && v !== "batched") throw new Error(`READ_STRATEGY must be whole, inline or batched, got ${v}`);
  return v;
}

export type HttpConfig = ReturnType<typeof httpConfig>;

/** Webhook delivery (src/modules/webhooks); every setting is in the README's configuration table. */
export function webhookConfig(env: NodeJS.ProcessEnv = process.env) {
  const n = (name: string, fallback: number, min = 1) => {
    const raw = env[name];
    if (raw == null || raw === "") return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
    return v;
  };
  return {
    /** Development only: endpoints may be http:// URLs (a receiver on this machine). */
    allowHttp: bool(env.WEBHOOKS_ALLOW_HTTP, false),
    /** Whether this process delivers (every process may; they never send a delivery twice at once). */
    worker: bool(env.WEBHOOKS_WORKER, true),
    /** How often the worker looks for new changes and due deliveries (it is also woken by each change). */
    pollMs: n("WEBHOOKS_POLL_MS", 1_000),
    /** A receiver must answer within this time, else the attempt failed. */
    timeoutMs: n("WEBHOOKS_TIMEOUT_MS", 10_000),
    /** Deliveries sent at once by one process. */
    concurrency: n("WEBHOOKS_CONCURRENCY", 4),
    /** Deliveries to one endpoint sent at once (over every process): a slow receiver holds no more of the slots. */
    endpointConcurrency: n("WEBHOOKS_ENDPOINT_CONCURRENCY", 2),
    /** First retry delay; each further retry doubles it (up to WEBHOOKS_BACKOFF_MAX_MS), with jitter. */
    backoffMs: n("WEBHOOKS_BACKOFF_MS", 30_000),
    backoffMaxMs: n("WEBHOOKS_BACKOFF_MAX_MS", 3_600_000),
    /** How long a delivery is retried before it is parked (replayable by hand). */
    retryForMs: n("WEBHOOKS_RETRY_FOR_S", 259_200) * 1000,
    /** Delivered deliveries older than this are removed from the log (parked ones stay until replayed). */
    keepDeliveredMs: n("WEBHOOKS_KEEP_DAYS", 30) * 86_400_000,
    /** How long a rotated-out secret still signs deliveries, unless the rotation says otherwise. */
    rotationOverlapMs: n("WEBHOOKS_ROTATION_OVERLAP_S", 86_400, 0) * 1000,
  };
}
export type WebhookConfig = ReturnType<typeof webhookConfig>;

/** Configuration from the environment; the README lists every variable. */
export function loadConfig(env = process.env) {
  return {
    port: int("PORT", 4000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || defaultDataDir,
    production: env.NODE_ENV === "production",
    seedOnStart: env.SEED_ON_START !== "false",
    poolSize: int("DB_POOL_SIZE", 10),
    connectTimeoutSeconds: int("DB_CONNECT_TIMEOUT_S", 5),
    statementTimeoutMs: int("DB_STATEMENT_TIMEOUT_MS", 15_000),
    prepare: bool(env.DB_PREPARE, true),
    auth: authConfig(env),
    http: httpConfig(env),
    redisUrl: env.REDIS_URL || undefined,
    webhooks: webhookConfig(env),
  };
}
export type Config = ReturnType<typeof loadConfig>;
