import { defaultDataDir } from "./db/paths.js";

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw == null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
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
  };
}
export type Config = ReturnType<typeof loadConfig>;
