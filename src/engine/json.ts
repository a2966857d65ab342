import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { scalarPair } from "./scalars.js";
import { GraphQLScalarType } from "graphql";

// JSON text written by PostgreSQL. Objects are put together with `||` from each value's JSON text:
// json_build_object looks up every argument's type on every call, which cost 1.6 ms more per 1,000 objects.

export type Pair = [string, SQL];

const NAME = /^[#_A-Za-z][#:_0-9A-Za-z]*$/;

/** A JSON object from (key, JSON text) pairs. Keys are GraphQL names or the engine's own `#` keys. */
export function object(pairs: Pair[]): SQL {
  if (!pairs.length) return sql`'{}'`;
  const parts: SQL[] = [];
  pairs.forEach(([key, value], i) => {
    if (!NAME.test(key)) throw new Error(`engine: bad key ${key}`);
    parts.push(sql.raw(`'${i ? "," : "{"}"${key}":'`), value);
  });
  return sql`(${concat([...parts, sql`'}'`])})`;
}

/**
 * `a || b || …` as a balanced tree: an object of a thousand keys (aliases of `__typename`) is ten levels
 * deep instead of two thousand, which PostgreSQL's parser and planner walk recursively (the embedded
 * engine's stack did not hold the chain).
 */
function concat(parts: SQL[]): SQL {
  if (parts.length <= 8) return sql.join(parts, sql` || `);
  const half = parts.length >> 1;
  return sql`(${concat(parts.slice(0, half))}) || (${concat(parts.slice(half))})`;
}

/** A string known at planning time (a type name), as JSON text. */
export const literal = (value: unknown): SQL => sql.raw(`'${JSON.stringify(value).replace(/'/g, "''")}'`);

/** base64url without padding, as Buffer's "base64url" (PostgreSQL's base64 also breaks lines every 76 characters). */
const base64url = (text: SQL): SQL => sql`translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;

/** A Relay global id, as shared/global-id.ts toGlobalId writes it: base64url("Type:key"). */
export const globalIdText = (type: string, key: SQL): SQL => base64url(sql`${type + ":"} || (${key})::text`);

/** A cursor, as shared/pagination.ts reads it: base64url of the JSON array [ordering name, …key values]. */
export function cursorText(name: string, columns: PgColumn[]): SQL {
  const values = columns.map((c) => (isTimestamp(c) ? scalarPair(DATE_TIME).sql(sql`${c}`) : sql`to_json(${c})::text`));
  return base64url(sql`${`[${JSON.stringify(name)},`} || ${sql.join(values, sql` || ',' || `)} || ']'`);
}

const DATE_TIME = new GraphQLScalarType({ name: "DateTime" });
const isTimestamp = (c: PgColumn) => c.getSQLType().startsWith("timestamp");

/** A JSON string from SQL text. */
export const quoted = (text: SQL): SQL => sql`'"' || ${text} || '"'`;
