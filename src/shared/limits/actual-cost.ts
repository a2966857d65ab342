import {
  isCompositeType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

import { costShape, shapeCost, type CostShape } from "./cost.js";

/**
 * What an answer cost, by the rules its price was asked by (cost.ts), with what came back in place of what was
 * asked: a connection's nodes and edges as many as returned instead of `first`, a plain list's items (what they
 * select) as many as returned instead of 10, an object that came back null nothing. Shopify's
 * `actualQueryCost`.
 *
 * The resolvers' answer is counted here, beside the operation read once into a CostMap (which response key of an
 * object is priced how, and what its value selects), kept per document. A selection counts where its response
 * key is in the object (so a skipped field, or one of a fragment on another type, counts nothing). An answer
 * PostgreSQL wrote whole is counted by the statement itself (engine/plan.ts marks, by the same costShape and
 * shapeCost), and recorded for the request with recordActualCost: parsing it to count it (the dashboard's 117
 * KiB) took a third of that path's lead over its SQL floor.
 */

/** Actual costs counted by the one-statement path, per request context (its answer is then not walked). */
const counted = new WeakMap<object, number>();

export function recordActualCost(context: object, cost: number): void {
  counted.set(context, cost);
}

/** The actual cost the one-statement path counted for this request, once (undefined: it did not answer). */
export function takeActualCost(context: object): number | undefined {
  const cost = counted.get(context);
  counted.delete(context);
  return cost;
}

/** Per response key of an object: how its field is priced, and the map of what its values select. */
export type CostMap = CostField[];
export interface CostField {
  key: string;
  shape: CostShape;
  fields: CostMap;
}

type Fragments = Map<string, FragmentDefinitionNode>;

function fieldsOf(type: GraphQLCompositeType): Record<string, GraphQLField<unknown, unknown>> | undefined {
  return "getFields" in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>) : undefined;
}

/** The operation's CostMap (its root object's). */
export function costMap(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CostMap {
  const root = schema.getRootType(operation.operation);
  if (!root) return [];
  const fragments: Fragments = new Map();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return mapOf(schema, root, [operation.selectionSet], fragments);
}

/** Entries a CostMap holds in all (for the operation cache's size estimate). */
export const costMapSize = (map: CostMap): number => map.reduce((n, f) => n + 1 + costMapSize(f.fields), 0);

// A response key is priced by its field, with every selection of that key merged (as execution merges them),
// fragments expanded in place whatever the object's type turns out to be: the key's presence decides.
function mapOf(schema: GraphQLSchema, parent: GraphQLCompositeType, sets: readonly SelectionSetNode[], fragments: Fragments): CostMap {
  const byKey = new Map<string, { parent: string; field: GraphQLField<unknown, unknown>; sets: SelectionSetNode[] }>();
  const collect = (type: GraphQLCompositeType, set: SelectionSetNode, visited: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (!s.selectionSet) continue;
        const key = s.alias?.value ?? s.name.value;
        const seen = byKey.get(key);
        if (seen) {
          if (seen.field.name === s.name.value) seen.sets.push(s.selectionSet);
          continue;
        }
        const field = fieldsOf(type)?.[s.name.value];
        if (field) byKey.set(key, { parent: type.name, field, sets: [s.selectionSet] });
      } else {
        if (s.kind === Kind.FRAGMENT_SPREAD) {
          if (visited.has(s.name.value)) continue;
          visited.add(s.name.value);
        }
        const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) collect(condition, fragment.selectionSet, visited);
      }
    }
  };
  const visited = new Set<string>();
  for (const set of sets) collect(parent, set, visited);
  const map: CostMap = [];
  for (const [key, { parent: parentName, field, sets: fieldSets }] of byKey) {
    const named = schemaType(schema, field);
    map.push({ key, shape: costShape(parentName, field), fields: named ? mapOf(schema, named, fieldSets, fragments) : [] });
  }
  return map;
}

function schemaType(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): GraphQLCompositeType | undefined {
  let t = field.type as unknown as { ofType?: unknown; name?: string };
  while (t.ofType) t = t.ofType as typeof t;
  const named = schema.getType(t.name!);
  return named && isCompositeType(named) ? named : undefined;
}

// ---- an answer as JavaScript values ----------------------------------------------------------------------------

/** What `data` (the answer as values) cost. */
export function actualCostOfValue(map: CostMap, data: unknown): number {
  return data != null && typeof data === "object" ? objectCost(map, data as Record<string, unknown>) : 0;
}

function objectCost(map: CostMap, value: Record<string, unknown>): number {
  let total = 0;
  for (const f of map) {
    if (!Object.hasOwn(value, f.key)) continue;
    const v = value[f.key];
    if (v == null || typeof v !== "object") continue; // null (or a scalar, which no composite field answers): nothing
    let items = 0;
    let children = 0;
    for (const i of Array.isArray(v) ? v : [v]) {
      if (i == null || typeof i !== "object") continue;
      items++;
      children += objectCost(f.fields, i as Record<string, unknown>);
    }
    total += shapeCost(f.shape, items, children);
  }
  return total;
}
