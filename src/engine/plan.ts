import { and, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { getTableColumns } from "drizzle-orm";
import {
  getArgumentValues,
  getNamedType,
  GraphQLObjectType,
  isListType,
  isNonNullType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields.js";
import { GraphQLError } from "graphql";
import { orderSql, pageConditions, pageFlags, parsePageArgs, type Ordering, type PageRequest } from "../shared/pagination.js";
import { entityOf, type Entity, type ManyRelation, type OneRelation, type Who } from "./entity.js";
import { costShape, linearCost } from "../shared/limits/cost.js";
import { array, cursorText, globalIdText, literal, long, object, quoted, type Pair, withCostMark } from "./json.js";
import { scalarPair } from "./scalars.js";

// The one planner. From a field's selection it writes one SQL expression whose value is the field's JSON.
// Two strategies from the same builders: inline (a relation's rows are a subquery of its parent's, so a
// whole tree is one statement) and batched (a relation is left out, with its parent's key, and its resolver
// loads it for every parent of the level in one keyed statement: run.ts). Two outputs: "rows", which the
// derived resolvers read (schema.ts), with the engine's own `#` keys; and "raw", the response itself, for an
// operation PostgreSQL can answer whole (whole.ts). The raw output also carries the answer's actual cost, as
// marks beside the values (json.ts withCostMark): each list, connection and object counts its own rows by the
// pricing rule (shared/limits/cost.ts), and whole.ts adds the marks up.

export interface PlanEnv {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
  who: Who;
  mode: "rows" | "raw";
  strategy: "inline" | "batched";
}

/** Marks a value the caller may not read (a policy said no): the resolver raises FORBIDDEN at its path. */
export const DENIED = "#d";
/**
 * The DENIED mark as JSON text. In a raw response it can only be this mark: a string value holding the same
 * characters is escaped (`\"`), so whole.ts finds a denial with one search of the text.
 */
export const DENIED_TEXT = `{"${DENIED}":1}`;
export const DENIED_MARK = sql.raw(`'${DENIED_TEXT}'`);
/** Marks bad arguments of a nested field: the resolver raises the error at its path. */
export const ERROR = "#e";
/** Every object of the rows output carries it, so a resolver tells planned values from plain rows. */
export const PLANNED = "#";
/** The type of a row read for an interface field (node): resolveType reads it. */
export const TYPE = "#t";
/** Where a relation left to the batched strategy finds its parent's key. */
export const parentKeyOf = (responseKey: string) => `#p:${responseKey}`;

/** What a field's value costs of its own (cost.ts linearCost): per value, and per object in it. */
export interface OwnCost {
  perValue: number;
  perItem: number;
}

/** The pricing rule for a field's value, in the form SQL counts it; an engine error when it has no such form. */
export function ownCost(parentType: string, field: { name: string; type: GraphQLField<unknown, unknown>["type"] }): OwnCost {
  const rule = linearCost(costShape(parentType, field));
  if (!rule) throw new Error(`engine: the cost of ${parentType}.${field.name} cannot be counted from rows`);
  return rule;
}

/** `perValue + perItem × items`, as SQL when it counts rows. */
function points(c: OwnCost, items: SQL): SQL | number {
  if (!c.perItem) return c.perValue;
  const perItems = c.perItem === 1 ? items : sql`${sql.raw(String(c.perItem))} * ${items}`;
  return c.perValue ? sql`${sql.raw(String(c.perValue))} + ${perItems}` : perItems;
}

export class Planner {
  private aliases = 0;
  /** Why the output is not the response as it stands (raw mode gives up then): JS leaves, policies, errors. */
  readonly impure: string[] = [];

  constructor(readonly env: PlanEnv) {}

  /** A table under a fresh alias: every statement names each table reference apart (self-relations too). */
  alias<Tbl extends PgTable>(table: Tbl): { t: Tbl; name: string } {
    const name = `t${this.aliases++}`;
    return { t: alias(table, name) as unknown as Tbl, name };
  }

  private fieldsOf(type: GraphQLObjectType, nodes: readonly FieldNode[]) {
    return collectSubfields(this.env.schema, this.env.fragments, this.env.variableValues, type, nodes);
  }

  private argsOf(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    return getArgumentValues(field, node, this.env.variableValues);
  }

  /** The JSON of one row `t` of entity `e` as its selection asks; `mark`: a cost mark written after it (json.ts object). */
  object(e: Entity, type: GraphQLObjectType, nodes: readonly FieldNode[], t: PgTable, opts: { typed?: boolean; mark?: number } = {}): SQL {
    const rows = this.env.mode === "rows";
    const pairs: Pair[] = rows ? [[PLANNED, sql`'1'`]] : [];
    if (rows && opts.typed) pairs.push([TYPE, literal(e.name)]);
    const fields = type.getFields();
    for (const [key, fieldNodes] of this.fieldsOf(type, nodes)) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") {
        pairs.push([key, literal(type.name)]);
        continue;
      }
      const field = fields[name];
      let value: SQL | null = null;
      try {
        value = this.field(e, type.name, field, key, fieldNodes, t, pairs);
      } catch (err) {
        value = this.error(err);
      }
      if (value) pairs.push([key, this.policy(e, name, t, value)]);
    }
    return object(pairs, opts.mark);
  }

  col(e: Entity, t: PgTable, property: string): PgColumn {
    const c = (t as unknown as Record<string, PgColumn>)[property];
    if (!c || !e.columns.has(property)) throw new Error(`engine: ${e.name} has no column ${property}`);
    return c;
  }

  /** One field's JSON; null when it goes in `pairs` some other way (a relation left to the batched strategy). */
  private field(e: Entity, parentType: string, field: GraphQLField<unknown, unknown>, key: string, nodes: readonly FieldNode[], t: PgTable, pairs: Pair[]): SQL | null {
    const name = field.name;
    if (name === "id" && e.node) return quoted(globalIdText(e.name, this.col(e, t, e.key)));
    const src = e.fields[name] ?? (e.columns.has(name) ? { kind: "column" as const, column: name } : undefined);
    if (!src) throw new Error(`engine: ${e.name}.${name} has no source`);
    switch (src.kind) {
      case "column": {
        const c = this.col(e, t, src.column);
        return this.leaf(field, sql`${c}`, !c.notNull);
      }
      case "expr":
        return this.leaf(field, src.sql(t), src.nullable);
      case "js":
        this.impure.push(`${e.name}.${name} is computed in JavaScript`);
        // The columns it reads, as they are; the resolver decodes them (schema.ts).
        return sql`json_build_array(${sql.join(
          src.reads.map((p) => sql`${this.col(e, t, p)}`),
          sql`, `,
        )})::text`;
      default: {
        const parent = src.kind === "one" ? this.col(e, t, src.from) : this.col(e, t, src.parentKey ?? e.key);
        if (this.env.strategy === "batched") {
          this.impure.push(`${e.name}.${name} is read by the batched strategy`);
          pairs.push([parentKeyOf(key), sql`coalesce(to_json(${parent})::text, 'null')`]);
          return null;
        }
        const args = this.argsOf(field, nodes[0]);
        return this.relation(src, field, nodes, sql`${parent}`, args, name, parentType);
      }
    }
  }

  /**
   * A relation's JSON under a parent whose key (or foreign key) is `parent`. The raw output needs the parent's
   * type (`parentType`) to mark what the relation's value cost.
   */
  relation(rel: OneRelation | ManyRelation, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[], parent: SQL, args: Record<string, unknown>, path: string, parentType?: string): SQL {
    const target = entityOf(rel.target)!;
    const type = getNamedType(field.type) as GraphQLObjectType;
    let cost: OwnCost | undefined;
    if (this.env.mode === "raw") {
      if (parentType === undefined) throw new Error(`engine: ${field.name}: the raw output needs the parent's type`);
      cost = ownCost(parentType, field);
    }
    if (rel.kind === "one") {
      const { t, name } = this.alias(target.table);
      const declared = target.scope?.(t, this.env.who);
      if (declared === false) return sql`'null'`;
      const scope = rel.inParentScope ? undefined : declared;
      const to = this.col(target, t, rel.to ?? target.key);
      // A row hidden by its scope behind a non-null field is an error for the resolvers to raise: the raw output
      // marks it, so that such a response is answered through them (whole.ts).
      const missing = this.env.mode === "raw" && scope && isNonNullType(field.type) ? DENIED_MARK : sql`'null'`;
      // A row found is one object: its mark goes with it, so a relation that came back null costs nothing.
      const obj = this.object(target, type, nodes, t, { mark: cost && cost.perValue + cost.perItem });
      return long(sql`coalesce((select ${obj} from ${target.table} as ${sql.identifier(name)} where ${and(sql`${to} = ${parent}`, scope, rel.where?.(t, args, path, this.env.who))}), ${missing})`);
    }
    return this.many(rel, target, type, nodes, parent, args, path, cost);
  }

  private many(rel: ManyRelation, target: Entity, type: GraphQLObjectType, nodes: readonly FieldNode[], parent: SQL, args: Record<string, unknown>, path: string, cost?: OwnCost): SQL {
    // The rows of the list: a FROM item and its condition, under a given alias.
    const from = (a: { t: PgTable; name: string }) => {
      const scope = target.scope?.(a.t, this.env.who);
      const where = rel.where?.(a.t, args, path, this.env.who);
      if (rel.through) {
        const link = this.alias(rel.through.table);
        const lc = (c: PgColumn) => columnOn(link.t, rel.through!.table, c);
        return {
          from: sql`${target.table} as ${sql.identifier(a.name)} join ${rel.through.table} as ${sql.identifier(link.name)} on ${lc(rel.through.to)} = ${this.col(target, a.t, target.key)}`,
          where: scope === false ? sql`false` : and(sql`${lc(rel.through.from)} = ${parent}`, scope || undefined, where),
        };
      }
      return {
        from: sql`${target.table} as ${sql.identifier(a.name)}`,
        where: scope === false ? sql`false` : and(rel.on ? rel.on(a.t, parent) : sql`${this.col(target, a.t, rel.via!)} = ${parent}`, scope || undefined, where),
      };
    };
    if (rel.kind === "list") return this.list(target, type, nodes, rel.orderBy!, from, cost);
    return this.connection(target, rel.ordering!, type, nodes, from, args, path, cost);
  }

  /**
   * A plain list: every row `from` gives, in `orderBy` order. `cost`: what the list costs of its own, marked in
   * the raw output (a root list's is marked by whole.ts).
   */
  list(
    target: Entity,
    type: GraphQLObjectType,
    nodes: readonly FieldNode[],
    orderBy: (t: PgTable) => PgColumn[],
    from: (a: { t: PgTable; name: string }) => { from: SQL; where: SQL | undefined },
    cost?: OwnCost,
  ): SQL {
    const a = this.alias(target.table);
    const f = from(a);
    const order = sql.join(orderBy(a.t), sql`, `);
    const json = array(sql`string_agg(${this.object(target, type, nodes, a.t)}, ',' order by ${order})`);
    const marked = cost && this.env.mode === "raw" ? withCostMark(json, points(cost, sql`count(*)`)) : json;
    return long(sql`(select ${marked} from ${f.from} where ${f.where ?? sql`true`})`);
  }

  /**
   * A connection: its page read with limit + 1 rows numbered in page order (the extra row only says that
   * more follow), its members written from that page. `from` gives the list's rows under an alias. In the raw
   * output, one mark for what the connection (`cost`, unless whole.ts marks it: a root) and its members cost.
   *
   * A forward page whose pageInfo needs neither the extra row nor the page's ends (the dashboard's lists) is read
   * with its limit and no numbers, and joined in the order the ordered subquery gives its rows, because an
   * aggregate's own ORDER BY sorts every page again before PostgreSQL 16 (BENCHMARKS.md, eighth session).
   * PostgreSQL's manual says a sorted subquery "will usually work" as an aggregate's order, not that it must: a
   * plain aggregate over a subquery scan with ORDER BY … LIMIT has no step that could reorder it. Every strategy
   * plans pages here, so the differential test cannot see a wrong order; suites that compare pages with queries
   * of their own do (seed-facts, lab-mutations, recognition: they fail with this aggregate's order reversed).
   */
  connection(
    target: Entity,
    ordering: Ordering<never>,
    connType: GraphQLObjectType,
    nodes: readonly FieldNode[],
    from: (a: { t: PgTable; name: string }) => { from: SQL; where: SQL | undefined },
    args: Record<string, unknown>,
    path: string,
    cost?: OwnCost,
  ): SQL {
    const req = parsePageArgs(args, ordering as Ordering<unknown>, path);
    const page = this.alias(target.table);
    const columns = ordering.columns.map((c) => columnOn(page.t, target.table, c));
    const f = from(page);
    const order = orderSql(columns, req.backward);
    const where = pageConditions(ordering as Ordering<unknown>, req, f.where, columns);
    const limit = sql.raw(String(req.limit));
    // In list order: a backward page is read from its end.
    const listOrder = req.backward ? sql`page_n desc` : sql`page_n`;
    const numbered = req.backward || this.needsPageEnds(connType, nodes, req);
    let readsRows = false;
    const inPage = (json: SQL) => {
      readsRows = true;
      return array(numbered ? sql`string_agg(${json}, ',' order by ${listOrder}) filter (where page_n <= ${limit})` : sql`string_agg(${json}, ',')`);
    };
    const cursor = () => quoted(cursorText(ordering.name, columns));
    const pairs: Pair[] = this.env.mode === "rows" ? [[PLANNED, sql`'1'`]] : [];
    const connFields = connType.getFields();
    const edgeType = getNamedType(connFields.edges.type) as GraphQLObjectType;
    const pageInfoType = getNamedType(connFields.pageInfo.type) as GraphQLObjectType;
    // The raw output's one mark for the connection and its members: `perValue` points, `perItem` for each row of
    // the page. The connection itself is one object; so is its pageInfo; nodes and edges are a value each with
    // an object per row; an edge's node is one object per row.
    const raw = this.env.mode === "raw";
    const mark: OwnCost = { perValue: cost ? cost.perValue + cost.perItem : 0, perItem: 0 };
    const count = (parent: GraphQLObjectType, field: string, perRow: "items" | "values" | "none") => {
      if (!raw) return;
      const c = ownCost(parent.name, parent.getFields()[field]);
      if (perRow === "items") {
        mark.perValue += c.perValue;
        mark.perItem += c.perItem;
      } else if (perRow === "values") mark.perItem += c.perValue + c.perItem;
      else mark.perValue += c.perValue + c.perItem;
    };
    for (const [key, fieldNodes] of this.fieldsOf(connType, nodes)) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") pairs.push([key, literal(connType.name)]);
      else if (name === "totalCount") {
        const c = this.alias(target.table);
        const cf = from(c);
        pairs.push([key, sql`(select count(*)::int from ${cf.from} where ${cf.where ?? sql`true`})::text`]);
      } else if (name === "nodes") {
        count(connType, name, "items");
        pairs.push([key, inPage(this.object(target, getNamedType(connFields.nodes.type) as GraphQLObjectType, fieldNodes, page.t))]);
      } else if (name === "edges") {
        count(connType, name, "items");
        const edge: Pair[] = this.env.mode === "rows" ? [[PLANNED, sql`'1'`]] : [];
        for (const [k, en] of this.fieldsOf(edgeType, fieldNodes)) {
          const n = en[0].name.value;
          if (n === "__typename") edge.push([k, literal(edgeType.name)]);
          else if (n === "cursor") edge.push([k, cursor()]);
          else if (n === "node") {
            count(edgeType, n, "values");
            edge.push([k, this.object(target, getNamedType(edgeType.getFields().node.type) as GraphQLObjectType, en, page.t)]);
          }
        }
        pairs.push([key, inPage(object(edge))]);
      } else if (name === "pageInfo") {
        count(connType, name, "none");
        const more = () => {
          readsRows = true;
          return sql`(count(*) > ${limit})::text`;
        };
        const flags = pageFlags(req, "more" as const);
        const info: Pair[] = this.env.mode === "rows" ? [[PLANNED, sql`'1'`]] : [];
        for (const [k, pn] of this.fieldsOf(pageInfoType, fieldNodes)) {
          const n = pn[0].name.value;
          if (n === "__typename") info.push([k, literal(pageInfoType.name)]);
          else if (n === "hasNextPage" || n === "hasPreviousPage") info.push([k, flags[n] === "more" ? more() : literal(flags[n])]);
          else if (n === "startCursor" || n === "endCursor") {
            readsRows = true;
            const dir = (n === "startCursor") === !req.backward ? sql`page_n` : sql`page_n desc`;
            info.push([k, sql`coalesce((array_agg(${cursor()} order by ${dir}) filter (where page_n <= ${limit}))[1], 'null')`]);
          }
        }
        pairs.push([key, object(info)]);
      }
    }
    const pageCount = numbered ? sql`count(*) filter (where page_n <= ${limit})` : sql`count(*)`;
    const json = object(pairs, raw ? (readsRows ? points(mark, pageCount) : mark.perValue) : undefined);
    if (!readsRows) return sql`(select ${json})`;
    const rows = numbered
      ? sql`select ${sql.identifier(page.name)}.*, row_number() over (order by ${order}) as page_n from ${f.from} where ${where ?? sql`true`} order by ${order} limit ${sql.raw(String(req.limit + 1))}`
      : sql`select ${sql.identifier(page.name)}.* from ${f.from} where ${where ?? sql`true`} order by ${order} limit ${limit}`;
    return long(sql`(select ${json} from (${rows}) as ${sql.identifier(page.name)})`);
  }

  /** Whether a connection's pageInfo asks what only the page's extra row (more follow) or its numbered ends (cursors) tell. */
  private needsPageEnds(connType: GraphQLObjectType, nodes: readonly FieldNode[], req: PageRequest): boolean {
    const flags = pageFlags(req, "more" as const);
    const pageInfoType = getNamedType(connType.getFields().pageInfo.type) as GraphQLObjectType;
    for (const [, fieldNodes] of this.fieldsOf(connType, nodes)) {
      if (fieldNodes[0].name.value !== "pageInfo") continue;
      for (const [, pn] of this.fieldsOf(pageInfoType, fieldNodes)) {
        const n = pn[0].name.value;
        if (n === "startCursor" || n === "endCursor") return true;
        if ((n === "hasNextPage" || n === "hasPreviousPage") && flags[n] === "more") return true;
      }
    }
    return false;
  }

  /** A leaf's JSON: its scalar's SQL formatter, null as null. */
  private leaf(field: GraphQLField<unknown, unknown>, value: SQL, nullable: boolean): SQL {
    if (nullable && isNonNullType(field.type)) throw new Error(`engine: ${field.name} is non-null over a nullable value`);
    const named = getNamedType(field.type);
    const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
    // A list of scalars (an array column): its elements are text or numbers, which to_json writes as the API does.
    const pair = isListType(inner) ? undefined : scalarPair(named);
    if (pair?.exact === false && this.env.mode === "raw") this.impure.push(`${field.name}: JavaScript writes a ${named.name}`);
    const json = pair ? pair.sql(value) : sql`to_json(${value})::text`;
    return nullable ? sql`coalesce(${json}, 'null')` : json;
  }

  /** A field under a policy: its JSON where the policy allows, the DENIED mark elsewhere. */
  private policy(e: Entity, name: string, t: PgTable, value: SQL): SQL {
    const policy = e.policies?.[name];
    if (!policy) return value;
    const allow = policy.allow(t, this.env.who);
    if (allow === true) return value;
    return allow === false ? DENIED_MARK : sql`(case when ${allow} then ${value} else ${DENIED_MARK} end)`;
  }

  /** Bad arguments of a nested field: a mark that its resolver raises at its path. Anything else is a bug. */
  private error(err: unknown): SQL {
    if (!(err instanceof GraphQLError)) throw err;
    this.impure.push("an argument is refused");
    return literal({ [ERROR]: [err.message, err.extensions] });
  }
}

/** The column of an aliased table that is `column` of the table. */
export function columnOn(t: PgTable, table: PgTable, column: PgColumn): PgColumn {
  for (const [property, c] of Object.entries(getTableColumns(table))) if (c === column) return (t as unknown as Record<string, PgColumn>)[property];
  throw new Error(`engine: ${column.name} is not a column of this table`);
}

export type { PageRequest };
