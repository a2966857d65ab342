import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import {
  getNamedType,
  getVariableValues,
  GraphQLEnumType,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLNamedType,
  isNonNullType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { Context } from "../context.js";
import { queryRows } from "../db/rows.js";
import { fromGlobalId } from "./global-id.js";
import type { OperationCache } from "./operation-cache.js";
import { RawJson } from "./raw-json.js";
import { childPageSql, orderSql, parsePageArgs, type ChildListSpec, type Ordering, type PageRequest } from "./pagination.js";
import { argsOf, collectFields, readAsText, selectionSets, type Info } from "./prefetch.plan.js";
import { relationOf, rootOf, sqlTypeOf, type SqlType } from "./prefetch.registry.js";

// A whole query in one statement that returns the response itself. When every field of an operation is
// something PostgreSQL can answer (columns, global ids, registered relations and lists, page info and
// counts), the operation's `data` is written by PostgreSQL as JSON text in the selection's order; no
// resolver runs. The text is put together with `||` from to_json() of each value (which escapes strings):
// json_build_object cost 1.6 ms more per 1,000 objects, as it looks up every argument's type on every call. This is the Hasura / PostGraphile way, kept to what can be shown to give
// the resolvers' answer exactly: anything else (a field with a resolver of its own, personal data, cursors,
// a scalar whose serializer changes values, a bad argument, a mutation) returns null here, and the
// operation runs through the resolvers (and their one-statement prefetch, shared/prefetch.ts) as before.
// test/integration/prefetch.test.ts runs each shape both ways, as five callers, on both engines.

/** Scalars whose serialized value is the column's JSON value. */
const JSON_SCALARS = new Set(["String", "Int", "Float", "Boolean", "NonNegativeInt", "CountryCode"]);

/** Runs a query operation as one statement; null when some part of it is not answerable in SQL. */
/** One query operation of a request, as the executor receives it (variables not yet coerced). */
export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  rawVariables: Record<string, unknown> | undefined;
  ctx: Context;
  /** Where plans are kept with their document; without it, every request is planned. */
  cache?: OperationCache;
}

export async function executeInSql(op: OperationRequest, opts: { raw: boolean }): Promise<{ data: Record<string, unknown> } | null> {
  const { ctx } = op;
  const query = cachedPlan(op);
  if (!query) return null;
  const rows = await queryRows(ctx.db, query);
  const text = rows[0]?.data;
  if (typeof text !== "string") return null; // never expected: the resolvers answer then
  // Over HTTP the text goes out as it is (raw-json.ts); in-process callers get objects.
  return { data: opts.raw ? (new RawJson(text) as unknown as Record<string, unknown>) : (JSON.parse(text) as Record<string, unknown>) };
}

// Plans are kept in the operation cache with their document (Apollo's document store gives every request of
// one query text the same DocumentNode), by what a plan depends on: the operation, the variables and the
// caller's scope. A plan is SQL with its parameters, so a repeated request skips planning, and PostgreSQL's
// runner building its text (db/client.ts keeps the text of a statement object). Operations that cannot be
// answered whole are remembered too (null), so they skip planning as well. A plan counts against the
// cache's bound by its estimated size; none is kept for variables longer than MAX_KEY characters.
const MAX_KEY = 4096;

function cachedPlan(op: OperationRequest): SQL | null {
  const { document, operationName, rawVariables, ctx, cache } = op;
  const plan = () => {
    const data = planOperation(op);
    return data && sql`select ${data} as data`;
  };
  const variables = JSON.stringify(rawVariables ?? {});
  if (!cache || variables.length > MAX_KEY) return plan();
  const v = ctx.viewer;
  const key = `plan\n${operationName ?? ""}\n${v ? `${v.role}:${v.institutionId}` : "-"}\n${variables}`;
  return cache.derive(document, key, plan, sqlBytes);
}

/** Estimated heap bytes of a statement object (its chunks, strings and parameters) and of its text, kept with it (db/client.ts). */
function sqlBytes(query: SQL | null): number {
  let bytes = 64;
  const stack: unknown[] = query ? [query] : [];
  while (stack.length) {
    const c = stack.pop() as { queryChunks?: unknown[]; value?: unknown } | string | null;
    bytes += 48;
    if (typeof c === "string") bytes += 2 * c.length;
    else if (c && Array.isArray(c.queryChunks)) stack.push(...c.queryChunks);
    else if (c && Array.isArray(c.value)) stack.push(...c.value);
    else if (c && typeof c.value === "string") bytes += 2 * c.value.length;
  }
  return 2 * bytes;
}

/** The operation's `data` as one SQL expression, or null. Exported for the tests. */
export function planOperation({ schema, document, operationName, rawVariables, ctx }: OperationRequest): SQL | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const queryType = schema.getQueryType();
  if (!operation || operation.operation !== "query" || !queryType) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const planner = new Planner(ctx, { schema, fragments, variableValues: coerced.coerced });
  try {
    return planner.root(queryType, operation.selectionSet);
  } catch {
    return null; // bad arguments: the resolvers report them where they are
  }
}

class Planner {
  constructor(
    private readonly ctx: Context,
    private readonly info: Info,
  ) {}

  root(queryType: GraphQLObjectType, set: SelectionSetNode): SQL | null {
    const pairs: Pair[] = [];
    for (const [key, nodes] of collectFields(this.info, queryType, [set])) {
      const name = nodes[0].name.value;
      if (name === "__typename") {
        pairs.push(pair(key, jsonString(queryType.name)));
        continue;
      }
      const root = rootOf(name);
      const field = queryType.getFields()[name];
      const args = argsOf(field, nodes, this.info);
      const target = field && getNamedType(field.type);
      if (!root || !args || !(target instanceof GraphQLObjectType) || target.name !== root.type) return null;
      const id = fromGlobalId(args[root.arg] as string, root.type, root.arg);
      const type = sqlTypeOf(root.type)!;
      const row = this.object(target, type, selectionSets(nodes));
      if (!row) return null;
      pairs.push(pair(key, sql`coalesce((select ${row} from ${type.table} where ${type.columns.get(type.key)} = ${id}), 'null')`));
    }
    return object(pairs);
  }

  /** One row of `type` as the response object its selection asks for, written against its table's name. */
  private object(gqlType: GraphQLObjectType, type: SqlType, sets: SelectionSetNode[]): SQL | null {
    const pairs: Pair[] = [];
    const fields = gqlType.getFields();
    for (const [key, nodes] of collectFields(this.info, gqlType, sets)) {
      const name = nodes[0].name.value;
      if (nodes.some((n) => n.name.value !== name)) return null;
      let value: SQL | null;
      if (name === "__typename") value = jsonString(gqlType.name);
      else if (name === "id" && gqlType.getInterfaces().some((i) => i.name === "Node")) value = globalId(gqlType.name, type.columns.get(type.key)!);
      else {
        const field = fields[name];
        const relation = relationOf(gqlType.name, name);
        if (!field) return null;
        if (relation) {
          const args = argsOf(field, nodes, this.info);
          const target = getNamedType(field.type);
          if (!args || !(target instanceof GraphQLObjectType)) return null;
          const parent = type.columns.get(relation.parentKey)!;
          if (relation.kind === "one") {
            const targetType = sqlTypeOf(target.name);
            // A non-null relation over a nullable key could be null here where the resolvers raise an error.
            if (!targetType || (isNonNullType(field.type) && !parent.notNull)) return null;
            const row = this.object(target, targetType, selectionSets(nodes));
            value = row && sql`coalesce((select ${row} from ${relation.target.table} where ${relation.target} = ${parent}), 'null')`;
          } else value = this.connection(target, relation.list(this.ctx, args) as ChildListSpec<unknown>, parent, selectionSets(nodes));
        } else value = this.leaf(field, type);
      }
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    return object(pairs);
  }

  /** A plain column field, serialized as its scalar would serialize it. */
  private leaf(field: GraphQLField<unknown, unknown>, type: SqlType): SQL | null {
    if (field.args.length) return null;
    const property = field.resolve ? type.columnFields[field.name] : type.columns.has(field.name) ? field.name : undefined;
    const column = property !== undefined ? type.columns.get(property) : undefined;
    if (!column || (isNonNullType(field.type) && !column.notNull)) return null;
    const value = this.scalar(getNamedType(field.type), column);
    return value && (column.notNull ? value : sql`coalesce(${value}, 'null')`);
  }

  /** A column's value as the JSON its GraphQL type serializes it to (null for SQL NULL: see leaf()). */
  private scalar(type: GraphQLNamedType, column: PgColumn): SQL | null {
    // Enum values are GraphQL names: no escaping needed.
    if (type instanceof GraphQLEnumType) return type.getValues().every((v) => v.value === v.name) ? sql`'"' || ${column}::text || '"'` : null;
    if (!(type instanceof GraphQLScalarType)) return null;
    if (JSON_SCALARS.has(type.name) && !readAsText(column)) return sql`to_json(${column})::text`;
    // DateTime serializes a Date as toISOString(): milliseconds, UTC, "Z".
    if (type.name === "DateTime" && column.columnType === "PgTimestamp" && (column as PgColumn & { withTimezone?: boolean }).withTimezone) return sql`'"' || to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`;
    if (type.name === "LocalDate" && column.columnType === "PgDateString") return sql`'"' || to_char(${column}, 'YYYY-MM-DD') || '"'`;
    return null;
  }

  /**
   * A connection under a parent row. Its page is read as the loaders read it (same conditions, order and
   * limit); limit + 1 rows and a row number only when page info asks whether more follow.
   */
  private connection(connType: GraphQLObjectType, spec: ChildListSpec<unknown>, parent: PgColumn, sets: SelectionSetNode[]): SQL | null {
    const req = parsePageArgs(spec.args, spec.ordering as Ordering<unknown>, spec.path);
    const nodeType = getNamedType(connType.getFields().nodes?.type);
    const type = nodeType instanceof GraphQLObjectType ? sqlTypeOf(nodeType.name) : undefined;
    if (!type || !(nodeType instanceof GraphQLObjectType)) return null;
    const fields = collectFields(this.info, connType, sets);
    const needMore = [...fields.values()].some((nodes) => nodes[0].name.value === "pageInfo");
    const limit = sql.raw(String(req.limit));
    // In list order (a backward page is read from its end, as the loaders do).
    const listOrder = orderSql(spec.ordering.columns, false);
    // Whether any member reads the page's rows (an aggregate over them). Without one, the object is built
    // with no FROM: a select over the page would give one row per page row, or none for an empty page.
    let readsRows = false;
    const inPage = (json: SQL) => {
      readsRows = true;
      return sql`coalesce('[' || string_agg(${json}, ',' order by ${listOrder})${needMore ? sql` filter (where page_n <= ${limit})` : sql``} || ']', '[]')`;
    };
    const { page, count } = childPageSql(spec, req, sql`${parent}`, needMore);
    const pairs: Pair[] = [];
    for (const [key, nodes] of fields) {
      const name = nodes[0].name.value;
      let value: SQL | null = null;
      if (name === "__typename") value = jsonString(connType.name);
      else if (name === "totalCount") value = sql`${count}::text`;
      else if (name === "nodes") value = mapNull(this.object(nodeType, type, selectionSets(nodes)), inPage);
      else if (name === "pageInfo") {
        const info = this.pageInfo(connType, req, selectionSets(nodes));
        value = info && info.value;
        readsRows ||= info?.readsRows ?? false;
      }
      else if (name === "edges") value = mapNull(this.edge(connType, nodeType, type, selectionSets(nodes)), inPage);
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    return readsRows ? sql`(select ${object(pairs)} from ${page})` : sql`(select ${object(pairs)})`;
  }

  private edge(connType: GraphQLObjectType, nodeType: GraphQLObjectType, type: SqlType, sets: SelectionSetNode[]): SQL | null {
    const edgeType = getNamedType(connType.getFields().edges.type) as GraphQLObjectType;
    const pairs: Pair[] = [];
    for (const [key, nodes] of collectFields(this.info, edgeType, sets)) {
      const name = nodes[0].name.value;
      // Cursors are the server's own encoding (pagination.ts): those pages go through the resolvers.
      const value = name === "__typename" ? jsonString(edgeType.name) : name === "node" ? this.object(nodeType, type, selectionSets(nodes)) : null;
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    return object(pairs);
  }

  /** hasNextPage / hasPreviousPage as toPage() gives them: exact in the direction of travel. */
  private pageInfo(connType: GraphQLObjectType, req: PageRequest, sets: SelectionSetNode[]): { value: SQL; readsRows: boolean } | null {
    const pageInfoType = getNamedType(connType.getFields().pageInfo.type) as GraphQLObjectType;
    let readsRows = false;
    const more = () => {
      readsRows = true;
      return sql`(count(*) > ${sql.raw(String(req.limit))})::text`;
    };
    const pairs: Pair[] = [];
    for (const [key, nodes] of collectFields(this.info, pageInfoType, sets)) {
      const name = nodes[0].name.value;
      let value: SQL | null = null;
      if (name === "__typename") value = jsonString(pageInfoType.name);
      else if (name === "hasNextPage") value = req.backward ? jsonLiteral(String(req.before != null)) : more();
      else if (name === "hasPreviousPage") value = req.backward ? more() : jsonLiteral(String(req.after != null));
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    return { value: object(pairs), readsRows };
  }
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A constant piece of JSON text. Only GraphQL names and punctuation go here: they hold no quote or backslash. */
function jsonLiteral(text: string): SQL {
  if (!/^[_0-9A-Za-z"{}:,[\]]*$/.test(text)) throw new Error(`not a safe JSON piece: ${text}`);
  return sql.raw(`'${text}'`);
}

/** A GraphQL name (type name, enum value) as a JSON string. */
function jsonString(name: string): SQL {
  if (!GRAPHQL_NAME.test(name)) throw new Error(`not a GraphQL name: ${name}`);
  return jsonLiteral(`"${name}"`);
}

/** A member of a JSON object under construction: `"key":` and its value's JSON text. */
interface Pair {
  key: string;
  value: SQL;
}
const pair = (key: string, value: SQL): Pair => {
  if (!GRAPHQL_NAME.test(key)) throw new Error(`not a GraphQL name: ${key}`);
  return { key, value };
};

/** `{"a":…,"b":…}` as one concatenation. */
function object(pairs: Pair[]): SQL {
  const parts: SQL[] = [];
  pairs.forEach(({ key, value }, i) => parts.push(jsonLiteral(`${i ? "," : "{"}"${key}":`), value));
  parts.push(jsonLiteral("}"));
  return sql`(${sql.join(parts, sql` || `)})`;
}

const mapNull = <T>(value: T | null, f: (v: T) => SQL): SQL | null => (value === null ? null : f(value));

/**
 * toGlobalId in SQL: base64url of "Type:id", unpadded. encode() breaks lines after 57 bytes of input, which
 * "Type:" and an integer key stay under. replace() twice: translate() cost 1 ms per 1,000 ids.
 */
function globalId(typeName: string, key: PgColumn): SQL {
  if (!GRAPHQL_NAME.test(typeName) || typeName.length > 40) throw new Error(`global ids of ${typeName} are not made in SQL`);
  return sql`'"' || rtrim(replace(replace(encode(textsend(${sql.raw(`'${typeName}:'`)} || ${key}), 'base64'), '+', '-'), '/', '_'), '=') || '"'`;
}
