import { Column, getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

// The read path of the shared list and loader helpers. Drizzle's select() maps every cell of every row
// through mapResultRow, with an `is()` prototype walk per cell; under the benchmark's dashboard (about
// 25,000 cells a request) that was a fifth of the server's CPU (BENCHMARKS.md §5). Here the columns are
// aliased to their property names in SQL, so the driver's row objects already have the row's shape, and
// only the few columns whose driver value differs from their JS value (timestamps → Date) are decoded.

export interface RowShape {
  /** `"table"."column" as "propertyName", …` for a select list. */
  select: SQL;
  /** Decodes the driver's values in place (no copy per row). */
  decode<Row>(rows: Record<string, unknown>[]): Row[];
}

const shapes = new WeakMap<PgTable, RowShape>();

/** The select list and decoder of a table's whole row: computed once per table. */
export function rowShape(table: PgTable): RowShape {
  let shape = shapes.get(table);
  if (shape) return shape;
  // Stored generated columns (students.search_text: every name form, for the trigram index) exist for
  // the database's own use; no API field reads them, and they were the widest values of a student row.
  const columns = (Object.entries(getTableColumns(table)) as [string, PgColumn][]).filter(([, c]) => !c.generated);
  // Column's own mapFromDriverValue is the identity: skip those; keep timestamps, jsonb given as text, etc.
  const identity = Column.prototype.mapFromDriverValue;
  const decoded = columns.filter(([, c]) => c.mapFromDriverValue !== identity);
  shape = {
    select: sql.join(
      columns.map(([key, c]) => sql`${c} as ${sql.identifier(key)}`),
      sql`, `,
    ),
    decode<Row>(rows: Record<string, unknown>[]): Row[] {
      if (decoded.length)
        for (const row of rows)
          for (const [key, c] of decoded) {
            const v = row[key];
            if (v != null) row[key] = c.mapFromDriverValue(v);
          }
      return rows as Row[];
    },
  };
  shapes.set(table, shape);
  return shape;
}

type RowsRunner = (query: SQL) => Promise<Record<string, unknown>[]>;
const runners = new WeakMap<Db, RowsRunner>();

/**
 * How a database runs these reads when it can do better than drizzle's db.execute: on PostgreSQL, as named
 * prepared statements (db/client.ts). drizzle runs every unprepared statement as an unnamed one, which
 * postgres.js sends as Parse/Describe, waits for the parameter types, then Bind/Execute: two round trips
 * and a fresh parse and plan each time. A transaction's db is not registered and keeps db.execute.
 */
export function setRowsRunner(db: Db, run: RowsRunner): void {
  runners.set(db, run);
}

/** Runs a statement and returns its rows as objects (postgres.js gives an array, PGlite a result). */
export async function queryRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const run = runners.get(db);
  if (run) return run(query);
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : (result as { rows: Record<string, unknown>[] }).rows;
}

/** Whole rows of a table: `select <row> from <table> <rest>`, decoded. */
export async function selectRows<Row>(db: Db, table: PgTable, rest: SQL): Promise<Row[]> {
  const shape = rowShape(table);
  return shape.decode<Row>(await queryRows(db, sql`select ${shape.select} from ${table} ${rest}`));
}

/**
 * `column = any($1::int[])`: one parameter however many keys. drizzle's inArray makes one parameter per key,
 * so the statement text (and PostgreSQL's planning of it) changed with every batch size, and building it
 * cost a drizzle Param object per key.
 */
export function anyOf(column: PgColumn, keys: readonly number[]): SQL {
  for (const k of keys) if (!Number.isSafeInteger(k)) throw new TypeError(`anyOf: ${String(k)} is not an integer key`);
  const type = /big/.test(column.getSQLType()) ? "bigint" : "integer";
  return sql`${column} = any(${`{${keys.join(",")}}`}::${sql.raw(type)}[])`;
}
