import { getNamedType, isListType, isNonNullType, type DocumentNode, type GraphQLOutputType, type GraphQLSchema } from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination.js";

/** How many items a plain list (partners, team, milestones…) is assumed to hold. */
const LIST_SIZE = 10;

function unwrapList(type: GraphQLOutputType): boolean {
  const t = isNonNullType(type) ? type.ofType : type;
  return isListType(t);
}

/**
 * Cost in the way GitHub and Shopify count it: every object costs 1; a connection multiplies what each of
 * its nodes selects by the page it asks for (`first`/`last`, default 20, at most 100); a plain list by 10.
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
    const asked = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
    const n = Number.isFinite(asked) ? Math.min(Math.max(Math.trunc(asked), 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    return 1 + n * childComplexity;
  }
  if ("getFields" in named) return unwrapList(field.type) ? 1 + LIST_SIZE * childComplexity : 1 + childComplexity;
  return childComplexity; // scalars and enums: free
};

/**
 * The cost of an operation before it runs, or undefined when its variables do not coerce (execution
 * then answers BAD_USER_INPUT naming the variable, as it should).
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number | undefined {
  // Kept per parsed document (Apollo's document store gives every request of one query text the same
  // DocumentNode), by operation and variables: the cost depends on nothing else.
  // Large variables (a bulk registration's CSV) are not kept as keys.
  const key = `${operationName ?? ""}\n${JSON.stringify(variables ?? {})}`;
  const price = () => {
    try {
      return getComplexity({ schema, query: document, operationName, variables: variables ?? {}, estimators: [connectionEstimator] });
    } catch {
      return undefined;
    }
  };
  if (key.length > MAX_KEY) return price();
  let byKey = costs.get(document);
  if (!byKey) costs.set(document, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key);
  const cost = price();
  if (byKey.size >= MAX_COSTS_PER_DOCUMENT) byKey.delete(byKey.keys().next().value as string);
  byKey.set(key, cost);
  return cost;
}

const costs = new WeakMap<DocumentNode, Map<string, number | undefined>>();
const MAX_COSTS_PER_DOCUMENT = 100;
const MAX_KEY = 4096;
