import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql, type Query, type SQL } from "drizzle-orm";
import { lockDataDir } from "./lock.js";
import { defaultDataDir, migrationsFolder } from "./paths.js";
import { countingLogger } from "./request-store.js";
import { setRowsRunner } from "./rows.js";

/** Both engines' drizzle databases share this interface: one code path for queries. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /** Applies the committed SQL migrations in drizzle/. */
  migrate(): Promise<void>;
  /** Cheap liveness probe of the database. */
  ping(): Promise<void>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Reachable within the timeout, and every migration in drizzle/ applied. */
  readiness(timeoutMs: number): Promise<{ ready: boolean; database: "up" | "down"; migrations?: { applied: number; expected: number } }>;
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
  /** Run the list and loader reads as named prepared statements (postgres.js); off behind a transaction-mode pooler. */
  prepare?: boolean;
}

// No \`schema\`: the relational query API (db.query.*) is not used, and with a schema drizzle builds a query
// builder per table for every transaction and savepoint it opens.
const drizzleConfig = { casing: "snake_case" as const, logger: countingLogger };
// Any fixed 64-bit key: serialises migrations across server processes sharing one database.
const MIGRATION_LOCK_KEY = 734_215_0091;

export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  const d = opts.url ? await openPostgres(opts) : await openPglite(opts);
  return Object.assign(d, { readiness: (timeoutMs: number) => readiness(d.db, timeoutMs) });
}

const expectedMigrations = (JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

async function readiness(db: Db, timeoutMs: number): Promise<Awaited<ReturnType<Database["readiness"]>>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), timeoutMs)));
  try {
    const rows = (await Promise.race([db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`), timeout])) as unknown;
    const list = Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows;
    const applied = Number((list[0] as { n: number }).n);
    return { ready: applied >= expectedMigrations, database: "up", migrations: { applied, expected: expectedMigrations } };
  } catch {
    return { ready: false, database: "down" };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The postgres.js client drizzle is given, with every statement's `prepare` decided by `shouldPrepare`, in
 * transactions and savepoints too. drizzle runs its query builders' statements with `prepare: false` (unnamed:
 * Parse/Describe, a round trip for the parameter types, then Bind/Execute, parsed and planned every time: a
 * single write's statements each paid that) and raw `execute` with postgres.js's default (named, unbounded).
 */
function boundedPrepare(client: postgres.Sql, shouldPrepare: (text: string) => boolean): postgres.Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return (text: string, params?: unknown[], o?: Record<string, unknown>) => target.unsafe(text, params as never, { ...o, prepare: shouldPrepare(text) });
      if (prop === "begin" || prop === "savepoint")
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: postgres.Sql) => unknown;
          const run = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop];
          return run.call(target, ...args, (tx: postgres.Sql) => body(boundedPrepare(tx, shouldPrepare)));
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const pipelinedCommits = new WeakSet<Db>();

/**
 * Whether this database's transactions may send their last statement together with COMMIT (postgres.js
 * pipelines statements on a transaction's connection, and its patched COMMIT reports a statement's failure
 * that turned the COMMIT into a rollback). PGlite runs one statement at a time and does not report it.
 */
export const pipelinesCommit = (db: Db): boolean => pipelinedCommits.has(db);

/**
 * Run once on every new connection (an option our postgres.js patch adds): the backend allocates and frees one
 * 16 MiB block. glibc then raises that backend's mmap and trim thresholds (to 16 and 32 MiB), so the megabytes a
 * read's JSON statement takes from the heap stay there for the next one instead of being given back to the
 * kernel and faulted in again on every execution (BENCHMARKS.md, "The dashboard's statement" and "Seventh
 * session"). Much of what the server setting GLIBC_TUNABLES does (README, Decisions), without access to the server.
 */
export const CONNECT_STATEMENT = "select length(repeat(' ', 16777216))";

/** How many distinct statement texts a process prepares, and their characters together (see openPostgres). */
const MAX_PREPARED_TEXTS = 500;
const MAX_PREPARED_CHARS = 512 * 1024;

async function openPostgres(opts: DatabaseOptions): Promise<Omit<Database, "readiness">> {
  const client = postgres(opts.url!, {
    max: opts.poolSize ?? 10,
    connect_timeout: opts.connectTimeoutSeconds ?? 5,
    onnotice: () => {},
    // postgres.js waits up to 20 s between reconnects after repeated failures; after an outage we want the
    // API back within a second of the database, so the wait is capped.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    // jit off: PostgreSQL's LLVM compilation is for long analytic scans. The planner's cost of a statement with
    // nested correlated lists (shared/prefetch.sql.ts) is far above jit_above_cost while it runs in ~20 ms,
    // and compiling it took 260 ms on every call (BENCHMARKS.md §8).
    // random_page_cost 1.1: the data is read from memory or SSD, where a random page costs little more than a
    // sequential one; at PostgreSQL's default (4, for spinning disks) the planner read a cohort's enrollments by
    // a bitmap scan of the whole cohort and a sort rather than in index order up to the page's end, because the
    // caller's scope filter made the ordered scan look dearer (BENCHMARKS.md, "Seventh session").
    connection: { statement_timeout: opts.statementTimeoutMs ?? 15_000, application_name: "xmu-exchange-api", jit: "off", random_page_cost: "1.1" },
    connect_statement: CONNECT_STATEMENT,
  });
  // Which statement texts run as named prepared statements: the first MAX_PREPARED_TEXTS texts of the process
  // (at most MAX_PREPARED_CHARS characters together), on every path — reads through the rows runner below and
  // drizzle's own statements (a transaction's). postgres.js keeps every prepared statement on every connection
  // it was used on, with no limit, hence the bound; later texts run unnamed (parsed and planned each time).
  const prepared = new Set<string>();
  let preparedChars = 0;
  const shouldPrepare = (text: string): boolean => {
    if (!(opts.prepare ?? true)) return false;
    if (prepared.has(text)) return true;
    if (prepared.size >= MAX_PREPARED_TEXTS || preparedChars + text.length > MAX_PREPARED_CHARS) return false;
    prepared.add(text);
    preparedChars += text.length;
    return true;
  };
  const db = drizzlePostgres(boundedPrepare(client, shouldPrepare), drizzleConfig) as unknown as Db;
  pipelinedCommits.add(db);
  if (opts.prepare ?? true) {
    const dialect = new PgDialect({ casing: drizzleConfig.casing });
    // The text and parameters of a statement object, built once: the one-statement executor reuses its
    // plans (shared/sql-executor.ts), and building a large statement's text cost 0.3 ms each time.
    const built = new WeakMap<SQL, Query>();
    // The one-statement executor makes a text per query shape; each connection keeps its own copy of a
    // prepared one, so the bound (shouldPrepare) is per connection of the pool.
    setRowsRunner(db, async (query) => {
      let q = built.get(query);
      if (!q) built.set(query, (q = dialect.sqlToQuery(query)));
      countingLogger.logQuery(q.sql, q.params);
      return (await client.unsafe(q.sql, q.params as postgres.ParameterOrJSON<never>[], { prepare: shouldPrepare(q.sql) })) as unknown as Record<string, unknown>[];
    });
  }
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
    async listen(channel, onNotify) {
      // postgres.js keeps one dedicated connection for LISTEN and re-listens after a reconnect.
      const req = await client.listen(channel, () => onNotify());
      return () => req.unlisten();
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(opts: DatabaseOptions): Promise<Omit<Database, "readiness">> {
  const dir = opts.dataDir ?? defaultDataDir;
  const inMemory = !!opts.pglite || dir.startsWith("memory://");
  const release = inMemory ? async () => {} : await lockDataDir(dir);
  let pg: PGlite;
  try {
    // pg_trgm: the trigram indexes of the name searches (migration 0006), as on a PostgreSQL server.
    pg = opts.pglite ?? (await PGlite.create(inMemory ? "memory://" : dir, { extensions: { pg_trgm } }));
  } catch (e) {
    await release();
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
    async listen(channel, onNotify) {
      const stop = await pg.listen(channel, () => onNotify());
      return () => stop();
    },
    async close() {
      try {
        await pg.close();
      } finally {
        await release();
      }
    },
  };
}
