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
 * Cost in the way GitHub and Shopify count it: every object costs 1; a connection multiplies what each of
 * its nodes selects by the page it asks for (`first`/`last`, default 20, at most 100); a plain list costs 1
 * and 10 times what each item selects.
 * Scalars are free. So `institutions(first: 10) { nodes { programs(first: 5) { nodes { code } } } }`
 * costs 1 + 10 × (1 + (1 + 5 × 1)) = 71.
 */
export const connectionEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Inside a connection the multiplier is already applied: each node costs 1 plus what it selects;
  // edges and pageInfo add nothing of their own.
  if (type.name.endsWith("Connection") || type.name.endsWith("Edge"))
    return field.name === "nodes" || field.name === "node" ? 1 + childComplexity : childComplexity;
  const named = getNamedType(field.type);
  if (named.name.endsWith("Connection")) {
    const asked = Number(args.last ?? args.first ?? DEFAULT_PAGE_SIZE); // `first` has a default, which `last` replaces
    const n = Number.isFinite(asked) ? Math.min(Math.max(Math.trunc(asked), 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return 1 + n * childComplexity;
  }
  // A plain list: 1, and 10 times what each item selects (an item's own objects; a list of items selecting only
  // scalars costs 1, as nested lists of a record — a transcript's years, terms, units — would otherwise price a
  // single student's record past the limit).
  if ("getFields" in named) return unwrapList(field.type) ? 1 + LIST_SIZE * childComplexity : 1 + childComplexity;
  return childComplexity; // scalars and enums: free
};
