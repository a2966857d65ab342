import { getNamedType, isListType, isNonNullType, type GraphQLOutputType } from "graphql";
import type { ComplexityEstimator } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination.js";

/** How many items a plain list (partners, team, milestones…) is assumed to hold. */
const LIST_SIZE = 10;

function unwrapList(type: GraphQLOutputType): boolean {
  const t = isNonNullType(type) ? type.ofType : type;
  return isListType(t);
}

/**
 * How a field is priced, decided once for the price asked (connectionEstimator) and for what the answer cost
 * (actual-cost.ts):
 * - `node`: a connection's `nodes` or an edge's `node`: each node 1 and what it selects;
 * - `part`: any other field inside a connection or an edge (`edges`, `pageInfo`): what it selects;
 * - `connection`: 1, and what each node of the page selects (page: `first`/`last` asked, or as many as came back);
 * - `list`: a plain list: 1, and what each item selects (10 items asked, or as many as came back);
 * - `object`: 1 and what it selects; `scalar`: free.
 */
export type CostShape = "node" | "part" | "connection" | "list" | "object" | "scalar";

export function costShape(parentTypeName: string, field: { name: string; type: GraphQLOutputType }): CostShape {
  if (parentTypeName.endsWith("Connection") || parentTypeName.endsWith("Edge")) return field.name === "nodes" || field.name === "node" ? "node" : "part";
  const named = getNamedType(field.type);
  if (named.name.endsWith("Connection")) return "connection";
  if ("getFields" in named) return unwrapList(field.type) ? "list" : "object";
  return "scalar";
}

/**
 * Cost in the way GitHub and Shopify count it (see costShape): every object costs 1; a connection multiplies
 * what each of its nodes selects by the page it asks for (`first`/`last`, default 20, at most 100); a plain list
 * by 10. So `institutions(first: 10) { nodes { programs(first: 5) { nodes { code } } } }` costs
 * 1 + 10 × (1 + (1 + 5 × 1)) = 71.
 */
export const connectionEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  switch (costShape(type.name, field)) {
    case "node":
      return 1 + childComplexity;
    case "part":
    case "scalar":
      return childComplexity;
    case "connection": {
      const asked = Number(args.last ?? args.first ?? DEFAULT_PAGE_SIZE); // `first` has a default, which `last` replaces
      const n = Number.isFinite(asked) ? Math.min(Math.max(Math.trunc(asked), 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
      return 1 + n * childComplexity;
    }
    case "list":
      return 1 + LIST_SIZE * childComplexity;
    case "object":
      return 1 + childComplexity;
  }
};
