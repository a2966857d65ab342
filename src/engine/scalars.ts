import { sql, type SQL } from "drizzle-orm";
import { GraphQLEnumType, GraphQLScalarType, type GraphQLNamedType } from "graphql";

// Each scalar once, as a pair: how PostgreSQL writes a value as the JSON the API sends (sql), and how a value
// read into JavaScript is serialized to the same JSON (js). The planner writes every column through `sql`;
// `js` is what a value computed in JavaScript goes out as. test/unit/scalars.test.ts checks on random values,
// on both engines, that the two agree.

export interface ScalarPair {
  /** JSON text of a non-null value. */
  sql: (value: SQL) => SQL;
  /** The JSON value of a non-null value as the driver decodes it. */
  js: (value: unknown) => unknown;
  /**
   * false: the GraphQL scalar rewrites the stored value as it serializes it (URL: `new URL(v).toString()`, so
   * "https://a.example" goes out as "https://a.example/"), which SQL cannot do; a response written whole by
   * PostgreSQL leaves such a field to the resolvers (plan.ts).
   */
  exact?: false;
}

const text: ScalarPair = { sql: (v) => sql`to_json(${v})::text`, js: (v) => String(v) };
const int: ScalarPair = { sql: (v) => sql`(${v})::int::text`, js: (v) => Number(v) };
const float: ScalarPair = { sql: (v) => sql`to_json(${v})::text`, js: (v) => Number(v) };
const bool: ScalarPair = { sql: (v) => sql`(${v})::text`, js: (v) => Boolean(v) };
// Both drivers decode json and jsonb themselves: a decoded string is the JSON string value, not JSON text.
const json: ScalarPair = { sql: (v) => sql`(${v})::text`, js: (v) => v };
// DateTime: toISOString(): UTC, milliseconds, "Z".
const dateTime: ScalarPair = {
  sql: (v) => sql`'"' || to_char((${v}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`,
  js: (v) => (v instanceof Date ? v : new Date(String(v))).toISOString(),
};
const localDate: ScalarPair = { sql: (v) => sql`'"' || to_char(${v}, 'YYYY-MM-DD') || '"'`, js: (v) => String(v) };
// Enum values are GraphQL names (shared/enum.ts): no escaping needed.
const enumName: ScalarPair = { sql: (v) => sql`'"' || (${v})::text || '"'`, js: (v) => String(v) };

const BY_NAME: Record<string, ScalarPair> = {
  String: text,
  ID: text,
  CountryCode: text,
  URL: { sql: text.sql, js: (v) => new URL(String(v)).toString(), exact: false },
  EmailAddress: text,
  Int: int,
  NonNegativeInt: int,
  Float: float,
  Boolean: bool,
  JSON: json,
  JSONObject: json,
  DateTime: dateTime,
  LocalDate: localDate,
};

/** The pair for a GraphQL leaf type; throws for one the engine does not know (found at startup). */
export function scalarPair(type: GraphQLNamedType): ScalarPair {
  if (type instanceof GraphQLEnumType) {
    if (!type.getValues().every((v) => v.value === v.name)) throw new Error(`engine: enum ${type.name} has internal values`);
    return enumName;
  }
  const pair = type instanceof GraphQLScalarType ? BY_NAME[type.name] : undefined;
  if (!pair) throw new Error(`engine: no SQL formatter for the scalar ${type.name}`);
  return pair;
}

export const scalarNames = () => Object.keys(BY_NAME);
