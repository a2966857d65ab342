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
  };
}

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
    auth: authConfig(env),
  };
}
export type Config = ReturnType<typeof loadConfig>;
