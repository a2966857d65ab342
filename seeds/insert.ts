import { getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../src/db/client.js";

// The embedded engine pays per statement, not per row: many rows per INSERT keeps the seed to a few
// dozen statements. 500 rows of ~12 columns stays far below PostgreSQL's 65,535 bind parameters.
const CHUNK = 500;

/** Rows inserted per table, reported by seed(). */
export type Counts = Record<string, number>;

function tally(counts: Counts, table: PgTable, n: number) {
  const name = getTableName(table);
  counts[name] = (counts[name] ?? 0) + n;
}

/** Inserts rows in chunks and returns the inserted rows (with their generated ids). */
export async function insertReturning<T extends PgTable>(
  db: Db,
  counts: Counts,
  table: T,
  rows: T["$inferInsert"][],
): Promise<T["$inferSelect"][]> {
  const out: T["$inferSelect"][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    // drizzle's generic insert types do not narrow over an arbitrary T: the rows are typed by the caller.
    const part = await db
      .insert(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .returning();
    out.push(...(part as T["$inferSelect"][]));
  }
  tally(counts, table, rows.length);
  return out;
}

/** Inserts rows in chunks, returning nothing (link tables). */
export async function insertAll<T extends PgTable>(db: Db, counts: Counts, table: T, rows: T["$inferInsert"][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insert(table).values(rows.slice(i, i + CHUNK) as never);
  }
  tally(counts, table, rows.length);
}

/** Map from a unique key to id: returned rows are matched by key, never by position. */
export function idBy<R extends { id: number }>(rows: R[], key: (r: R) => string): Map<string, number> {
  return new Map(rows.map((r) => [key(r), r.id]));
}

/** Looks a key up and fails loudly: a typo in the seed data must not become a null foreign key. */
export function must<K, V>(map: Map<K, V>, key: K): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`seed: unknown key ${String(key)}`);
  return v;
}
