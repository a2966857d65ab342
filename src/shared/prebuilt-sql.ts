import { Param, Placeholder, SQL, StringChunk, is, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { countingLogger } from "../db/request-store.js";
import { queryRows } from "../db/rows.js";
import type { Tx } from "./mutation.js";

/** Where a parameter goes, rendered as a character no statement text holds (so literals may contain `$1`). */
const MARK = "\u0000";
// The project's drizzle casing (db/client.ts): the text built here is the text drizzle would build.
class MarkingDialect extends PgDialect {
  override escapeParam(): string {
    return MARK;
  }
}
const dialect = new MarkingDialect({ casing: "snake_case" });

type Slot = { name: string } | { value: unknown };

/**
 * A hot statement built once: `build` writes it with a named placeholder (`p.name`) for each value that
 * changes per call; its text (tables, columns, nested subqueries) is rendered by drizzle once, and each call
 * gets a flat statement of the rendered text's pieces and the call's values. drizzle renders a statement on
 * every execution, walking each table, column and fragment with prototype checks; for a single write's few
 * statements that was 13–15% of the server's CPU (BENCHMARKS.md, "Single writes, third round"). The result
 * runs like any drizzle statement (tx.execute, queryRows), on both engines, and can be nested in another.
 */
export function prebuilt<K extends string>(build: (p: Record<K, SQL>) => SQL): Prebuilt<K> {
  const p = new Proxy({} as Record<K, SQL>, { get: (_, name) => sql.placeholder(String(name)) as unknown as SQL });
  const query = dialect.sqlToQuery(build(p));
  const text = query.sql.split(MARK).map((piece) => new StringChunk(piece));
  if (text.length !== query.params.length + 1) throw new Error(`prebuilt: the text of ${query.sql} holds its own parameter mark`);
  const slots: Slot[] = query.params.map((v) => (is(v, Placeholder) ? { name: (v as Placeholder).name } : { value: v }));
  const valueOf = (s: Slot, i: number, values: Record<K, unknown>) => {
    const v = "name" in s ? values[s.name as K] : s.value;
    if (v === undefined) throw new Error(`prebuilt: no value for ${"name" in s ? s.name : `$${i + 1}`}`);
    return v;
  };
  const run = (values: Record<K, unknown>) => {
    const chunks: unknown[] = [text[0]];
    for (let i = 0; i < slots.length; i++) {
      const v = valueOf(slots[i], i, values);
      // A primitive as itself: drizzle renders a non-object after a few cheap tests, an object (a Param) only after a
      // prototype walk per kind of chunk. An object stays a Param (as itself, an array would be rendered as a list).
      chunks.push(v !== null && typeof v === "object" ? new Param(v) : v, text[i + 1]);
    }
    return new SQL(chunks as SQL["queryChunks"]);
  };
  // The text as the driver gets it ($1, $2, … as drizzle numbers them), and the values in their order: for execPrebuilt.
  const driverText = query.sql.split(MARK).reduce((t, piece, i) => `${t}$${i}${piece}`);
  const params = (values: Record<K, unknown>) => slots.map((s, i) => valueOf(s, i, values));
  return Object.assign(run, { bytes: 64 + 4 * query.sql.length + 48 * slots.length, text: driverText, params });
}

/**
 * A prebuilt statement: called with its values, a drizzle statement; `text` and `params`, what the driver is sent;
 * `bytes`, its estimated heap size (for a cache's bound).
 */
export type Prebuilt<K extends string> = ((values: Record<K, unknown>) => SQL) & { bytes: number; text: string; params: (values: Record<K, unknown>) => unknown[] };

/**
 * Runs a prebuilt statement on a database or in a transaction; resolves to its rows as objects (column names as
 * the statement aliases them, values as the driver decodes them, as `execute` gives them). On postgres.js the text
 * and values go to the transaction's (or the pool's) client as they are, counted and prepared as drizzle's own
 * statements are (db/client.ts): drizzle's `execute` walks the statement's chunks again on every call, 5–8% of the
 * server's CPU under single writes (BENCHMARKS.md, "Single writes, fifth round"). Elsewhere (PGlite) through
 * drizzle. Like a postgres.js query, the statement is sent once something waits for it (`then`).
 */
export function execPrebuilt<K extends string>(db: Db | Tx, statement: Prebuilt<K>, values: Record<K, unknown>): PromiseLike<Record<string, unknown>[]> {
  const client = (db as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client;
  if (typeof client?.unsafe === "function") {
    const params = statement.params(values);
    countingLogger.logQuery(statement.text, params);
    return (client.unsafe as (text: string, params: unknown[]) => PromiseLike<Record<string, unknown>[]>)(statement.text, params);
  }
  return queryRows(db as Db, statement(values));
}
