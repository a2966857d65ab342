import { and, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import {
  getNamedType,
  getVariableValues,
  GraphQLEnumType,
  GraphQLObjectType,
  GraphQLScalarType,
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
import { orderSql, pageConditions, parsePageArgs, type ChildListSpec, type Ordering, type PageRequest } from "./pagination.js";
import { argsOf, collectFields, readAsText, selectionSets, type Info } from "./prefetch.plan.js";
import { relationOf, rootOf, sqlTypeOf, type SqlType } from "./prefetch.registry.js";

// A whole query in one statement that returns the response itself. When every field of an operation is
// something PostgreSQL can answer (columns, global ids, registered relations and lists, page info and
// counts), the operation's `data` is built by json_build_object in the selection's order and sent on as
// it comes; no resolver runs. This is the Hasura / PostGraphile way, kept to what can be shown to give
// the resolvers' answer exactly: anything else (a field with a resolver of its own, personal data, cursors,
// a scalar whose serializer changes values, a bad argument, a mutation) returns null here, and the
// operation runs through the resolvers (and their one-statement prefetch, shared/prefetch.ts) as before.
// test/integration/sql-executor.test.ts runs every shape both ways, as every role, on both engines.

/** Scalars whose serialized value is the column's JSON value. */
const JSON_SCALARS = new Set(["String", "Int", "Float", "Boolean", "NonNegativeInt", "CountryCode"]);

/** Runs a query operation as one statement; null when some part of it is not answerable in SQL. */
export async function executeInSql(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | undefined,
  ctx: Context,
): Promise<{ data: Record<string, unknown> } | null> {
  const query = planOperation(schema, document, operationName, rawVariables, ctx);
  if (!query) return null;
  const rows = await queryRows(ctx.db, sql`select ${query} as data`);
  return { data: rows[0].data as Record<string, unknown> };
}

/** The operation's `data` as one SQL expression, or null. Exported for the tests. */
export function planOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | undefined,
  ctx: Context,
): SQL | null {
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
    const pairs: SQL[] = [];
    for (const [key, nodes] of collectFields(this.info, queryType, [set])) {
      const name = nodes[0].name.value;
      if (name === "__typename") {
        pairs.push(pair(key, literal(queryType.name)));
        continue;
      }
      const root = rootOf(name);
      const field = queryType.getFields()[name];
      const args = argsOf(field, nodes, this.info);
      const target = field && getNamedType(field.type);
      if (!root || !args || !(target instanceof GraphQLObjectType) || target.name !== root.type) return null;
      const id = fromGlobalId(args[root.arg] as string, root.type, root.arg);
      const type = sqlTypeOf(root.type)!;
      const object = this.object(target, type, selectionSets(nodes));
      if (!object) return null;
      pairs.push(pair(key, sql`(select ${object} from ${type.table} where ${type.columns.get(type.key)} = ${id})`));
    }
    return build(pairs);
  }

  /** One row of `type` as the response object its selection asks for, written against its table's name. */
  private object(gqlType: GraphQLObjectType, type: SqlType, sets: SelectionSetNode[]): SQL | null {
    const pairs: SQL[] = [];
    const fields = gqlType.getFields();
    for (const [key, nodes] of collectFields(this.info, gqlType, sets)) {
      const name = nodes[0].name.value;
      if (nodes.some((n) => n.name.value !== name)) return null;
      let value: SQL | null;
      if (name === "__typename") value = literal(gqlType.name);
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
            const object = this.object(target, targetType, selectionSets(nodes));
            value = object && sql`(select ${object} from ${relation.target.table} where ${relation.target} = ${parent})`;
          } else value = this.connection(target, relation.list(this.ctx, args) as ChildListSpec<unknown>, parent, selectionSets(nodes));
        } else value = this.leaf(field, type);
      }
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    return build(pairs);
  }

  /** A plain column field, serialized as its scalar would serialize it. */
  private leaf(field: GraphQLField<unknown, unknown>, type: SqlType): SQL | null {
    if (field.args.length) return null;
    const property = field.resolve ? type.columnFields[field.name] : type.columns.has(field.name) ? field.name : undefined;
    const column = property !== undefined ? type.columns.get(property) : undefined;
    if (!column || (isNonNullType(field.type) && !column.notNull)) return null;
    const scalar = getNamedType(field.type);
    if (scalar instanceof GraphQLEnumType) return scalar.getValues().every((v) => v.value === v.name) ? sql`${column}` : null;
    if (!(scalar instanceof GraphQLScalarType)) return null;
    if (JSON_SCALARS.has(scalar.name)) return readAsText(column) ? null : sql`${column}`;
    // DateTime serializes a Date as toISOString(): milliseconds, UTC, "Z".
    if (scalar.name === "DateTime" && column.columnType === "PgTimestamp")
      return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    if (scalar.name === "LocalDate" && column.columnType === "PgDateString") return sql`to_char(${column}, 'YYYY-MM-DD')`;
    return null;
  }

  /** A connection under a parent row: its page (limit + 1 rows, as the loaders read it), nodes, edges, page info, count. */
  private connection(connType: GraphQLObjectType, spec: ChildListSpec<unknown>, parent: PgColumn, sets: SelectionSetNode[]): SQL | null {
    const req = parsePageArgs(spec.args, spec.ordering as Ordering<unknown>, spec.path);
    const nodeType = getNamedType(connType.getFields().nodes?.type);
    const type = nodeType instanceof GraphQLObjectType ? sqlTypeOf(nodeType.name) : undefined;
    if (!type || !(nodeType instanceof GraphQLObjectType)) return null;
    const limit = sql.raw(String(req.limit));
    // A backward page is read from its end (as the loaders do) and shown in list order.
    const listOrder = sql.raw(req.backward ? "desc" : "asc");
    const inPage = (json: SQL) => sql`coalesce(json_agg(${json} order by page_n ${listOrder}) filter (where page_n <= ${limit}), '[]'::json)`;
    const ofParent = and(sql`${spec.parentColumn} = ${parent}`, spec.where);
    const join = spec.through ? sql`join ${spec.through.table} on ${spec.through.on}` : sql``;
    const pairs: SQL[] = [];
    for (const [key, nodes] of collectFields(this.info, connType, sets)) {
      const name = nodes[0].name.value;
      let value: SQL | null = null;
      if (name === "__typename") value = literal(connType.name);
      else if (name === "totalCount") value = sql`(select count(*)::int from ${spec.table} ${join} where ${ofParent})`;
      else if (name === "nodes") value = mapNull(this.object(nodeType, type, selectionSets(nodes)), inPage);
      else if (name === "pageInfo") value = this.pageInfo(connType, req, selectionSets(nodes));
      else if (name === "edges") value = mapNull(this.edge(connType, nodeType, type, selectionSets(nodes)), inPage);
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    const order = orderSql(spec.ordering.columns, req.backward);
    const object = build(pairs);
    return (
      object &&
      sql`(select ${object} from (
        select ${spec.table}.*, row_number() over (order by ${order}) as page_n
        from ${spec.table} ${join} where ${pageConditions(spec.ordering as Ordering<unknown>, req, ofParent)}
        order by ${order} limit ${sql.raw(String(req.limit + 1))}
      ) as ${spec.table})`
    );
  }

  private edge(connType: GraphQLObjectType, nodeType: GraphQLObjectType, type: SqlType, sets: SelectionSetNode[]): SQL | null {
    const edgeType = getNamedType(connType.getFields().edges.type) as GraphQLObjectType;
    const pairs: SQL[] = [];
    for (const [key, nodes] of collectFields(this.info, edgeType, sets)) {
      const name = nodes[0].name.value;
      // Cursors are the server's own encoding (pagination.ts): those pages go through the resolvers.
      const value = name === "__typename" ? literal(edgeType.name) : name === "node" ? this.object(nodeType, type, selectionSets(nodes)) : null;
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    return build(pairs);
  }

  /** hasNextPage / hasPreviousPage as toPage() gives them: exact in the direction of travel. */
  private pageInfo(connType: GraphQLObjectType, req: PageRequest, sets: SelectionSetNode[]): SQL | null {
    const pageInfoType = getNamedType(connType.getFields().pageInfo.type) as GraphQLObjectType;
    const more = sql`count(*) > ${sql.raw(String(req.limit))}`;
    const pairs: SQL[] = [];
    for (const [key, nodes] of collectFields(this.info, pageInfoType, sets)) {
      const name = nodes[0].name.value;
      let value: SQL | null = null;
      if (name === "__typename") value = literal(pageInfoType.name);
      else if (name === "hasNextPage") value = req.backward ? sql.raw(String(req.before != null)) : more;
      else if (name === "hasPreviousPage") value = req.backward ? more : sql.raw(String(req.after != null));
      if (!value) return null;
      pairs.push(pair(key, value));
    }
    return build(pairs);
  }
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A text literal of a GraphQL name (response keys, type names): they can hold no quote. */
function literal(name: string): SQL {
  if (!GRAPHQL_NAME.test(name)) throw new Error(`not a GraphQL name: ${name}`);
  return sql.raw(`'${name}'::text`);
}

const pair = (key: string, value: SQL) => sql`${literal(key)}, ${value}`;

/** json_build_object takes at most 100 arguments: 50 fields. */
const build = (pairs: SQL[]): SQL | null => (pairs.length <= 50 ? sql`json_build_object(${sql.join(pairs, sql`, `)})` : null);

const mapNull = <T>(value: T | null, f: (v: T) => SQL): SQL | null => (value === null ? null : f(value));

/** toGlobalId in SQL: base64url of "Type:id", unpadded (encode() breaks lines every 76 characters: removed). */
function globalId(typeName: string, key: PgColumn): SQL {
  return sql`translate(encode(convert_to(${literal(`${typeName}`)} || ':' || ${key}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

