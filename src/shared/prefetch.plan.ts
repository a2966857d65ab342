import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from "graphql";
import { Column } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Context } from "../context.js";
import { parsePageArgs, type ChildListSpec, type Ordering, type PageRequest } from "./pagination.js";
import { relationOf, sqlTypeOf, type ConnectionRelation, type OneRelation, type Relation, type SqlType } from "./prefetch.registry.js";

// From a relation field's selection to a plan of what one statement reads: for each object type met, the
// columns the selection needs, and for each relation field under it (by response key) the plan of that
// relation. Fragments, aliases and @skip/@include are followed as the executor follows them. Whatever the
// planner does not know (a type without a table, a field it cannot map to columns reads the whole row; an
// unknown connection field, arguments that differ between merged fields, bad arguments) it gives up on,
// and the field's own resolver runs instead.

const identity = Column.prototype.mapFromDriverValue;
/**
 * Column types whose JSON value (json_build_object) is already the JS value a loader's row holds. Every
 * other type with a decoder (timestamps, numerics, bigints, arrays) is read as the driver's text and decoded
 * by its column, so a prefetched row holds exactly what a loader's row holds.
 */
const JSON_NATIVE = new Set(["PgInteger", "PgSmallInt", "PgSerial", "PgSmallSerial", "PgBoolean", "PgText", "PgVarchar", "PgChar", "PgEnumColumn", "PgUUID", "PgJsonb", "PgJson"]);
export const readAsText = (c: PgColumn) => c.mapFromDriverValue !== identity && !JSON_NATIVE.has(c.columnType);

export type Info = Pick<GraphQLResolveInfo, "schema" | "fragments" | "variableValues">;

export interface TypePlan {
  type: SqlType;
  /** Property name and column of every column read. */
  columns: [string, PgColumn][];
  /** For each column: read as text and decoded by the column (timestamps, numerics, …)? */
  asText: boolean[];
  /** Relation fields of the selection, by response key. */
  relations: [string, RelationPlan][];
}

export type RelationPlan =
  | { kind: "one"; relation: OneRelation; node: TypePlan }
  | { kind: "connection"; relation: ConnectionRelation; spec: ChildListSpec<unknown>; req: PageRequest; total: boolean; node: TypePlan };

/** Plans a relation field (given by its merged field nodes) of `parentType`; null when it cannot. */
export function planRelation(ctx: Context, info: Info, parentType: GraphQLObjectType, nodes: readonly FieldNode[], relation: Relation): RelationPlan | null {
  const field = parentType.getFields()[nodes[0].name.value];
  const args = argsOf(field, nodes, info);
  if (!field || !args) return null;
  const target = getNamedType(field.type);
  if (!(target instanceof GraphQLObjectType)) return null;
  if (relation.kind === "one") {
    const node = planType(ctx, info, target, selectionSets(nodes), []);
    return node && { kind: "one", relation, node };
  }

  // A connection: nodes and edges.node read the same rows; pageInfo and totalCount come with the page.
  let total = false;
  const nodeSets: SelectionSetNode[] = [];
  const connFields = collectFields(info, target, selectionSets(nodes));
  for (const [, fns] of connFields) {
    const name = fns[0].name.value;
    if (name === "totalCount") total = true;
    else if (name === "nodes") nodeSets.push(...selectionSets(fns));
    else if (name === "edges") {
      const edgeType = getNamedType(target.getFields().edges.type) as GraphQLObjectType;
      for (const [, efns] of collectFields(info, edgeType, selectionSets(fns))) {
        const ename = efns[0].name.value;
        if (ename === "node") nodeSets.push(...selectionSets(efns));
        else if (ename !== "cursor" && ename !== "__typename") return null;
      }
    } else if (name !== "pageInfo" && name !== "__typename") return null;
  }
  const nodeType = getNamedType(target.getFields().nodes?.type);
  if (!(nodeType instanceof GraphQLObjectType)) return null;
  let spec: ChildListSpec<unknown>;
  let req: PageRequest;
  try {
    spec = relation.list(ctx, args) as ChildListSpec<unknown>;
    req = parsePageArgs(spec.args, spec.ordering as Ordering<unknown>, spec.path);
  } catch {
    return null; // bad arguments: the resolver reports them where they are
  }
  const node = planType(ctx, info, nodeType, nodeSets, spec.ordering.columns);
  return node && { kind: "connection", relation, spec, req, total, node };
}

/** The columns and relations of one object type's merged selection sets. */
function planType(ctx: Context, info: Info, type: GraphQLObjectType, sets: SelectionSetNode[], alsoColumns: PgColumn[]): TypePlan | null {
  const sqlType = sqlTypeOf(type.name);
  if (!sqlType) return null;
  const wanted = new Set<string>([sqlType.key]);
  let wholeRow = false;
  const relations: [string, RelationPlan][] = [];
  const fields = type.getFields();
  for (const [key, nodes] of collectFields(info, type, sets)) {
    const name = nodes[0].name.value;
    if (name === "__typename") continue;
    if (nodes.some((n) => n.name.value !== name)) return null;
    const relation = relationOf(type.name, name);
    if (relation) {
      const plan = planRelation(ctx, info, type, nodes, relation);
      if (!plan) return null;
      relations.push([key, plan]);
      wanted.add(relation.parentKey);
      continue;
    }
    const reads = name === "id" ? [] : Object.hasOwn(sqlType.reads, name) ? sqlType.reads[name] : undefined;
    if (reads) reads.forEach((r) => wanted.add(r));
    else if (fields[name] && !fields[name].resolve && sqlType.columns.has(name)) wanted.add(name);
    else wholeRow = true; // a resolver that may read anything: give it the whole row
  }
  const propertyOf = new Map([...sqlType.columns].map(([k, c]) => [c, k]));
  for (const c of alsoColumns) {
    const k = propertyOf.get(c);
    if (k === undefined) return null;
    wanted.add(k);
  }
  const columns = [...sqlType.columns].filter(([k]) => wholeRow || wanted.has(k));
  if ([...wanted].some((k) => !sqlType.columns.has(k))) return null;
  // A row is one json_build_array call, and a function takes at most 100 arguments.
  if (columns.length + relations.length > 100) return null;
  return { type: sqlType, columns, asText: columns.map(([, c]) => readAsText(c)), relations };
}

/** Arguments of merged field nodes; null when they differ (possible between `nodes` and `edges.node`). */
export function argsOf(field: GraphQLField<unknown, unknown> | undefined, nodes: readonly FieldNode[], info: Info): Record<string, unknown> | null {
  if (!field) return null;
  try {
    const all = nodes.map((n) => getArgumentValues(field, n, info.variableValues));
    const first = JSON.stringify(all[0]);
    return all.every((a) => JSON.stringify(a) === first) ? all[0] : null;
  } catch {
    return null;
  }
}

export const selectionSets = (nodes: readonly FieldNode[]) => nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));

/** The fields of selection sets on an object type, by response key, as the executor collects them. */
export function collectFields(info: Info, type: GraphQLObjectType, sets: readonly SelectionSetNode[], out = new Map<string, FieldNode[]>(), seen = new Set<string>()) {
  for (const set of sets)
    for (const sel of set.selections) {
      if (!included(sel, info)) continue;
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const list = out.get(key);
        if (list) list.push(sel);
        else out.set(key, [sel]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (applies(info, sel.typeCondition?.name.value, type)) collectFields(info, type, [sel.selectionSet], out, seen);
      } else {
        const name = sel.name.value;
        const fragment = info.fragments[name];
        if (!fragment || seen.has(name) || !applies(info, fragment.typeCondition.name.value, type)) continue;
        seen.add(name);
        collectFields(info, type, [fragment.selectionSet], out, seen);
      }
    }
  return out;
}

function included(node: Parameters<typeof getDirectiveValues>[1], info: Info): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

function applies(info: Info, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const t = info.schema.getType(condition);
  return t != null && isAbstractType(t) && info.schema.isSubType(t, type);
}
