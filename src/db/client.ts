import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { lockDataDir } from "./lock.js";
import { defaultDataDir, migrationsFolder } from "./paths.js";
import * as schema from "./schema.js";
import { countingLogger } from "./request-store.js";

export type Schema = typeof schema;
/** Both engines' drizzle databases share this interface: one code path for queries. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /** Applies the committed SQL migrations in drizzle/. */
  migrate(): Promise<void>;
  /** Cheap liveness probe of the database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; without one the embedded engine is used. */
  url?: string;
  /** Folder of the embedded engine; "memory://" for a throwaway one. */
  dataDir?: string;
  /** An already-open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
  connectTimeoutSeconds?: number;
  statementTimeoutMs?: number;
}

const drizzleConfig = { schema, casing: "snake_case" as const, logger: countingLogger };
// Any fixed 64-bit key: serialises migrations across server processes sharing one database.
const MIGRATION_LOCK_KEY = 734_215_0091;

export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  return opts.url ? openPostgres(opts) : openPglite(opts);
}

async function openPostgres(opts: DatabaseOptions): Promise<Database> {
  const client = postgres(opts.url!, {
    max: opts.poolSize ?? 10,
    connect_timeout: opts.connectTimeoutSeconds ?? 5,
    onnotice: () => {},
    connection: { statement_timeout: opts.statementTimeoutMs ?? 15_000, application_name: "xmu-exchange-api" },
  });
  const db = drizzlePostgres(client, drizzleConfig) as unknown as Db;
  return {
    db,
    engine: "postgres",
    async migrate() {
      // Advisory locks belong to a session: a one-connection client holds the lock and runs the migration,
      // so server processes starting together migrate one after another.
      const conn = postgres(opts.url!, { max: 1, onnotice: () => {}, connect_timeout: opts.connectTimeoutSeconds ?? 5 });
      try {
        await conn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(conn, drizzleConfig), { migrationsFolder });
      } finally {
        await conn.end({ timeout: 5 });
      }
    },
    async ping() {
      await client`select 1`;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(opts: DatabaseOptions): Promise<Database> {
  const dir = opts.dataDir ?? defaultDataDir;
  const inMemory = !!opts.pglite || dir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDataDir(dir);
  let pg: PGlite;
  try {
    pg = opts.pglite ?? (await PGlite.create(inMemory ? "memory://" : dir));
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzlePglite(pg, drizzleConfig) as unknown as Db;
  return {
    db,
    engine: "pglite",
    async migrate() {
      await migratePglite(drizzlePglite(pg, drizzleConfig), { migrationsFolder });
    },
    async ping() {
      await pg.query("select 1");
    },
    async close() {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}
