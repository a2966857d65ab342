import {
  getNamedType,
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

import { costShape } from "./cost.js";

type Fragments = Map<string, FragmentDefinitionNode>;

function fieldsOf(type: GraphQLCompositeType): Record<string, GraphQLField<unknown, unknown>> | undefined {
  return "getFields" in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>) : undefined;
}

/**
 * What an answer cost, by the rules its price was asked by (cost.ts), with what came back in place of what was
 * asked: a connection's nodes and edges as many as returned instead of `first`, a plain list's items (what they
 * select) as many as returned instead of 10, an object that came back null nothing. Shopify's
 * `actualQueryCost`.
 *
 * Walks the answer beside the operation: a selection counts where its response key is in the object (so a
 * skipped field, or one of a fragment on another type, counts nothing).
 */
export function actualCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, data: unknown): number {
  const root = schema.getRootType(operation.operation);
  if (!root || data == null || typeof data !== "object") return 0;
  const fragments: Fragments = new Map();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return selectionCost(schema, root, operation.selectionSet, data as Record<string, unknown>, fragments);
}

function selectionCost(schema: GraphQLSchema, parent: GraphQLCompositeType, set: SelectionSetNode, value: Record<string, unknown>, fragments: Fragments, seen = new Set<string>()): number {
  let total = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const key = s.alias?.value ?? s.name.value;
      // A response key counts once, however many selections merge into it.
      if (seen.has(key) || !(key in value) || !s.selectionSet) continue;
      const field = fieldsOf(parent)?.[s.name.value];
      if (!field) continue;
      seen.add(key);
      total += fieldCost(schema, parent.name, field, s.selectionSet, value[key], fragments);
    } else {
      const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      if (condition && isCompositeType(condition)) total += selectionCost(schema, condition, fragment.selectionSet, value, fragments, seen);
    }
  }
  return total;
}

function fieldCost(schema: GraphQLSchema, parentName: string, field: GraphQLField<unknown, unknown>, set: SelectionSetNode, value: unknown, fragments: Fragments): number {
  const shape = costShape(parentName, field);
  if (value == null || shape === "scalar") return 0;
  const named = getNamedType(field.type) as GraphQLCompositeType;
  const items = Array.isArray(value) ? value.filter((x): x is Record<string, unknown> => x != null && typeof x === "object") : [value as Record<string, unknown>];
  const children = (i: Record<string, unknown>) => selectionCost(schema, named, set, i, fragments);
  const sum = (f: (i: Record<string, unknown>) => number) => items.reduce((total, i) => total + f(i), 0);
  // The price's rules (costShape), with the pages and lists as long as they came back.
  switch (shape) {
    case "node":
      return sum((i) => 1 + children(i));
    case "part":
      return sum(children);
    case "connection":
    case "list":
    case "object":
      return 1 + sum(children);
  }
}
