import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { scalarPair } from "./scalars.js";
import { GraphQLScalarType } from "graphql";

// JSON text written by PostgreSQL. Objects are put together with `||` from each value's JSON text:
// json_build_object looks up every argument's type on every call, which cost 1.6 ms more per 1,000 objects.
//
// `||` copies both operands, so a relation's text (a page of a thousand objects) is copied once for every `||`
// it takes part in, at every level of nesting, and PostgreSQL frees those copies only when the statement's row is
// done: the backend's heap grows by megabytes per execution and is given back after it. So a long value (a
// relation's subselect, registered by `long`) is joined with two copies: the short parts around it are put
// together first, and brackets and cost marks around a value go into the literals beside it (`expand`).

export type Pair = [string, SQL];

const NAME = /^[#_A-Za-z][#:_0-9A-Za-z]*$/;

/** A piece of JSON text: a literal (one SQL string constant once merged with its neighbours) or SQL. */
type Item = string | SQL;

/** Values that may be long: joined last, each with two copies. */
const LONG = new WeakSet<SQL>();
/** Values that are literals and other values in a row (a list's elements between brackets; a marked value). */
const EXPANDED = new WeakMap<SQL, Item[]>();

/** `json`, registered as possibly long (a relation's subselect). */
export function long(json: SQL): SQL {
  LONG.add(json);
  return json;
}

/** The items a value is written as in an object: its own, when it was put together here. */
const expand = (value: SQL): Item[] => EXPANDED.get(value) ?? [value];

/** Items as one SQL expression: literals merged, short parts joined first, each long value with two copies. */
function join(items: Item[]): SQL {
  const merged: Item[] = [];
  for (const item of items)
    if (typeof item === "string" && typeof merged.at(-1) === "string") merged[merged.length - 1] += item;
    else merged.push(item);
  const segments: SQL[] = [];
  let short: SQL[] = [];
  let isLong = false;
  for (const item of merged) {
    if (typeof item !== "string" && LONG.has(item)) {
      if (short.length) segments.push(concat(short));
      segments.push(item);
      short = [];
      isLong = true;
    } else if (item !== "") short.push(typeof item === "string" ? constant(item) : item);
  }
  if (short.length) segments.push(concat(short));
  // Left to right: (short || long) || short copies the long value twice.
  const json = segments.length === 1 ? sql`(${segments[0]})` : segments.length <= 8 ? sql`(${sql.join(segments, sql` || `)})` : concat(segments);
  return isLong ? long(json) : json;
}

/** Items as a value that object() writes item by item. */
function expanded(items: Item[]): SQL {
  const json = join(items);
  EXPANDED.set(json, items);
  return json;
}

/** A SQL string constant; U+0001 (a cost mark) as an escape. Keys are GraphQL names: no quote or backslash. */
const constant = (text: string): SQL => sql.raw(text.includes(COST_MARK) ? `E'${text.replaceAll(COST_MARK, "\\001")}'` : `'${text}'`);

/**
 * A JSON object from (key, JSON text) pairs. Keys are GraphQL names or the engine's own `#` keys. `mark`: a cost
 * mark (see withCostMark) written in front of it, where it costs no copy of the object's text: a constant in the
 * opening literal, a count of rows before it.
 */
export function object(pairs: Pair[], mark?: number | SQL): SQL {
  const items: Item[] = [];
  if (mark) items.push(...markItems(mark));
  if (!pairs.length) return join([...items, "{}"]);
  pairs.forEach(([key, value], i) => {
    if (!NAME.test(key)) throw new Error(`engine: bad key ${key}`);
    items.push(`${i ? "," : "{"}"${key}":`, ...expand(value));
  });
  return join([...items, "}"]);
}

/** A JSON array of the elements' texts joined by commas (`elements`: NULL for none, as string_agg gives). */
export const array = (elements: SQL): SQL => expanded(["[", long(sql`coalesce(${elements}, '')`), "]"]);

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

/**
 * base64url without padding, as Buffer's "base64url" (PostgreSQL's base64 also breaks lines every 76 characters;
 * replace() is cheaper per call than translate(), BENCHMARKS.md, eighth session). `ascii`: the text is known
 * to be ASCII, whose bytes are the same in every server encoding, so textsend() gives them without convert_to()'s
 * lookup of an encoding by name on every call.
 */
const base64url = (text: SQL, ascii = false): SQL =>
  sql`replace(replace(replace(rtrim(encode(${ascii ? sql`textsend(${text})` : sql`convert_to(${text}, 'UTF8')`}, 'base64'), '='), E'\\n', ''), '+', '-'), '/', '_')`;

const INTEGER_TYPES = new Set(["smallint", "integer", "bigint", "serial", "bigserial", "smallserial"]);

/** A Relay global id, as shared/global-id.ts toGlobalId writes it: base64url("Type:key"). Type names are ASCII. */
export const globalIdText = (type: string, key: PgColumn): SQL =>
  base64url(sql`${type + ":"} || (${key})::text`, INTEGER_TYPES.has(key.getSQLType()));

/** A cursor, as shared/pagination.ts reads it: base64url of the JSON array [ordering name, …key values]. */
export function cursorText(name: string, columns: PgColumn[]): SQL {
  const values = columns.map((c) => (isTimestamp(c) ? scalarPair(DATE_TIME).sql(sql`${c}`) : sql`to_json(${c})::text`));
  return base64url(sql`${`[${JSON.stringify(name)},`} || ${sql.join(values, sql` || ',' || `)} || ']'`);
}

const DATE_TIME = new GraphQLScalarType({ name: "DateTime" });
const isTimestamp = (c: PgColumn) => c.getSQLType().startsWith("timestamp");

/** A JSON string from SQL text. */
export const quoted = (text: SQL): SQL => sql`'"' || ${text} || '"'`;

/**
 * The actual cost of a one-statement answer (extensions.cost.actual) is written by PostgreSQL into the text, in
 * front of the values it belongs to, as a mark: U+0001 then decimal digits. No JSON text holds U+0001 (a string
 * escapes it as \u0001), and what follows a mark (the `{` or `[` of its value, or another mark) is never a digit.
 * In front, a mark costs no copy of the value's text (PostgreSQL's || copies its left operand). takeCostMarks
 * removes the marks and adds them up, so the answer need not be parsed to be counted.
 */
const COST_MARK = "\u0001";
/** The mark of a constant, as the text it is (U+0001 then the digits). */
const markText = (points: number) => (points ? `${COST_MARK}${Math.trunc(points)}` : "");

/** A cost mark's items: a constant, or U+0001 then a count of rows. */
const markItems = (points: number | SQL): Item[] => (typeof points === "number" ? [markText(points)] : [COST_MARK, sql`(${points})::text`]);

/** `json` with the cost mark of `points` (a number, or SQL counting rows; 0: no mark) in front of it. */
export const withCostMark = (json: SQL, points: number | SQL): SQL => (points ? expanded([...markItems(points), ...expand(json)]) : json);

/** The text without its cost marks, and what they add up to. */
export function takeCostMarks(text: string): { text: string; cost: number } {
  let at = text.indexOf(COST_MARK);
  if (at < 0) return { text, cost: 0 };
  // Appended, not joined: V8 keeps the pieces as a rope that the response's one copy into its buffer flattens
  // (joining copied 140 KiB into a new large string per answer, as costly as parsing it).
  let out = "";
  let from = 0;
  let cost = 0;
  while (at >= 0) {
    out += text.slice(from, at);
    let j = at + 1;
    let n = 0;
    for (let c = text.charCodeAt(j); c >= 48 && c <= 57; c = text.charCodeAt(++j)) n = n * 10 + (c - 48);
    cost += n;
    from = j;
    at = text.indexOf(COST_MARK, j);
  }
  return { text: out + text.slice(from), cost };
}
