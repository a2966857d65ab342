import postgres from "postgres";
import { postgresTemplate, type Contents } from "./templates.js";

/** The server tests create their own databases on; never the database itself. */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface PostgresStatus {
  available: boolean;
  adminUrl: string;
  reason?: string;
}

let cached: Promise<PostgresStatus> | undefined;

export function postgresStatus(): Promise<PostgresStatus> {
  cached ??= (async () => {
    const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return { available: true, adminUrl: ADMIN_URL };
    } catch (e) {
      return { available: false, adminUrl: ADMIN_URL, reason: `no PostgreSQL at ${ADMIN_URL} (${(e as Error).message})` };
    } finally {
      await sql.end({ timeout: 1 }).catch(() => {});
    }
  })();
  return cached;
}

export function urlFor(dbName: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/**
 * Creates a database of the caller's own (xmu_test_<pid>_<random>) and returns its URL and a function that drops
 * it. Empty, or with `from` a copy of this run's migrated (or migrated and seeded) template (helpers/templates.ts).
 */
export async function createTestDatabase(prefix = "xmu_test", from?: Contents): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"${from ? ` template "${postgresTemplate(from)}"` : ""}`);
    // A commit need not wait for its WAL flush: no test here outlives a crash of this server (pg-restart.test.ts runs a
    // cluster of its own), and on a busy disk the flush was most of a write's time.
    await admin.unsafe(`alter database "${name}" set synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  return {
    url: urlFor(name),
    async drop() {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
