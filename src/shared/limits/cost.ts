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
 * (actual-cost.ts, and the one-statement path's SQL: engine/plan.ts):
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
 * What one field costs, the rule once for the price asked and for what the answer cost: `items` how many of its
 * values there are (1 for the price; for the answer, its non-null objects: a list's items, or the one object),
 * `children` what they select, all of them together.
 */
export function shapeCost(shape: CostShape, items: number, children: number): number {
  switch (shape) {
    case "node":
      return items + children;
    case "part":
    case "scalar":
      return children;
    case "connection":
    case "list":
    case "object":
      return 1 + children;
  }
}

/**
 * shapeCost as `perValue + perItem × items + children`, the form in which the one-statement path counts an answer
 * (engine/plan.ts: PostgreSQL writes, beside each value, what it cost of its own, from the rows it aggregated, and
 * the marks are added up); null when the rule is not of that form for this shape (that path then does not answer).
 */
export function linearCost(shape: CostShape): { perValue: number; perItem: number } | null {
  const perValue = shapeCost(shape, 0, 0);
  const perItem = shapeCost(shape, 1, 0) - perValue;
  const samples: [number, number][] = [[2, 0], [1, 7], [5, 3]];
  if (perValue < 0 || perItem < 0 || !Number.isInteger(perValue) || !Number.isInteger(perItem)) return null;
  return samples.every(([n, c]) => shapeCost(shape, n, c) === perValue + perItem * n + c) ? { perValue, perItem } : null;
}

/**
 * Cost in the way GitHub and Shopify count it (see costShape): every object costs 1; a connection multiplies
 * what each of its nodes selects by the page it asks for (`first`/`last`, default 20, at most 100); a plain list
 * by 10. So `institutions(first: 10) { nodes { programs(first: 5) { nodes { code } } } }` costs
 * 1 + 10 × (1 + (1 + 5 × 1)) = 71.
 */
export const connectionEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const shape = costShape(type.name, field);
  return shapeCost(shape, 1, timesAsked(shape, args) * childComplexity);
};

/** How many times the price counts what a field's values select: the page asked, 10 for a plain list, else once. */
function timesAsked(shape: CostShape, args: Record<string, unknown>): number {
  if (shape === "list") return LIST_SIZE;
  if (shape !== "connection") return 1;
  const asked = Number(args.last ?? args.first ?? DEFAULT_PAGE_SIZE); // `first` has a default, which `last` replaces
  return Number.isFinite(asked) ? Math.min(Math.max(Math.trunc(asked), 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}
