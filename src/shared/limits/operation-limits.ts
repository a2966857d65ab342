import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  visit,
} from "graphql";
import { getComplexity } from "graphql-query-complexity";
import type { AppLogger } from "../../logger.js";
import { ErrorCode } from "../errors.js";
import type { OperationCache } from "../operation-cache.js";
import { RawJson } from "../raw-json.js";
import { actualCostOfValue, costMap, costMapSize, takeActualCost } from "./actual-cost.js";
import type { Budget } from "./budget.js";
import { connectionEstimator } from "./cost.js";
import { rateLimitHeaders } from "./rate-limit-headers.js";

/**
 * The limits of one operation, the same on every transport (HTTP through Apollo's pipeline, WebSocket
 * through graphql-ws): tokens while parsing; expanded selections, depth and aliases while validating;
 * then the operation is resolved, its variables' nesting checked, and it is priced and charged before any
 * resolver runs. Every refusal is coded; the README's "Limits and errors" lists them.
 */
export interface OperationLimits {
  maxTokens: number;
  maxSelections: number;
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/** Costs are kept per priced variables only for values of at most this many characters. */
const MAX_COST_KEY = 4096;

/** Arguments whose variables can change a price: page sizes (cost.ts) and `@skip`/`@include` conditions. */
const PRICED_ARGUMENTS = new Set(["first", "last", "if"]);

/** The variables a document's price can depend on; every other variable (a mutation's input) cannot. */
function pricedVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE && PRICED_ARGUMENTS.has(node.name.value)) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

/** How deep a request's variables may nest (objects and lists); the deepest input of the schema is far less. */
export const MAX_VARIABLE_DEPTH = 32;

// graphql-armor throws by default, which would be an internal error: report instead, so the client gets
// GRAPHQL_VALIDATION_FAILED with the limit in the message.
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(new GraphQLError(err.message.replace(/^Syntax Error: /, "")))],
};

/** Validation rules beyond the specification's, in the order they are reported. */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxSelectionsRule(limits.maxSelections),
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, exposeLimits: true, ...reportAsValidationError }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...reportAsValidationError }),
  ];
}

/**
 * Field selections once fragments are expanded, counted in time linear in the document: each fragment's
 * count is computed once and multiplied by its uses. Nested fragments can expand a short document to
 * billions of selections (a "fragment bomb"), which compiling or executing would take forever to walk.
 */
export function maxSelectionsRule(max: number): ValidationRule {
  return (context) => {
    const counted = new Map<string, number>();
    const countSet = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let n = 0;
      for (const s of set?.selections ?? []) {
        if (s.kind === Kind.FIELD) n += 1 + countSet(s.selectionSet, visiting);
        else if (s.kind === Kind.INLINE_FRAGMENT) n += 1 + countSet(s.selectionSet, visiting);
        else n += 1 + countFragment(s.name.value, visiting);
        if (n > Number.MAX_SAFE_INTEGER) return Infinity;
      }
      return n;
    };
    const countFragment = (name: string, visiting: Set<string>): number => {
      const known = counted.get(name);
      if (known !== undefined) return known;
      if (visiting.has(name)) return 0; // a cycle: NoFragmentCyclesRule reports it
      const fragment = context.getFragment(name);
      visiting.add(name);
      const n = fragment ? countSet(fragment.selectionSet, visiting) : 0;
      visiting.delete(name);
      counted.set(name, n);
      return n;
    };
    const visitor: ASTVisitor = {
      OperationDefinition(node: OperationDefinitionNode) {
        const n = countSet(node.selectionSet, new Set());
        if (n > max)
          context.reportError(
            new GraphQLError(
              `${node.name ? `Operation "${node.name.value}"` : "The operation"} selects ${Number.isFinite(n) ? n : "too many"} fields once its fragments are expanded; at most ${max} are allowed`,
              { nodes: [node], extensions: { limit: "MAX_SELECTIONS", max } },
            ),
          );
        return false; // counted here; nothing below needs a visit of this rule
      },
    };
    return visitor;
  };
}

function refusal(code: string, message: string, extensions: Record<string, unknown> = {}, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });
}

/** The operation a request names, or the coded error graphql-over-http asks for (graphql-js's wording). */
export function resolveOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation) return operation;
  throw refusal(
    ErrorCode.OPERATION_RESOLUTION_FAILURE,
    operationName ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.",
  );
}

/** Variables must be an object whose values nest at most MAX_VARIABLE_DEPTH deep (checked without recursion). */
export function checkVariables(variables: unknown): void {
  if (variables == null) return;
  if (typeof variables !== "object" || Array.isArray(variables))
    throw refusal(ErrorCode.BAD_USER_INPUT, "`variables` must be an object", { field: "variables" });
  const stack: [unknown, number][] = [[variables, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_VARIABLE_DEPTH)
      throw refusal(ErrorCode.BAD_USER_INPUT, `Variables nest more than ${MAX_VARIABLE_DEPTH} levels deep`, { field: "variables" });
    for (const v of Object.values(value)) stack.push([v, depth + 1]);
  }
}

export interface Priced {
  operation: OperationDefinitionNode;
  /** null: the variables do not coerce, so nothing will run (execution reports each bad value). */
  cost: number | null;
}

/**
 * Resolves and prices an operation, or refuses it. Fails closed: an operation that cannot be priced (the
 * pricing library gives up, or anything throws) is refused as COST_LIMIT_EXCEEDED, never run unpriced.
 * Costs are kept in the operation cache per document, operation and the values of the variables a price can
 * depend on, so requests differing only in their input (every mutation) are priced once.
 */
export function priceOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  maxCost: number,
  cache?: OperationCache,
): Priced {
  const operation = resolveOperation(document, operationName);
  checkVariables(variables);
  // Bad variables: execution coerces them first and answers BAD_USER_INPUT for each, so nothing runs.
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 }).errors) return { operation, cost: null };
  const price = (): number => {
    try {
      return getComplexity({ schema, query: document, operationName: operation.name?.value, variables: variables ?? {}, estimators: [connectionEstimator] });
    } catch {
      return Infinity;
    }
  };
  let cost: number;
  if (!cache) cost = price();
  else {
    const names = cache.derive(document, "cost-variables", () => pricedVariables(document), (n) => 16 + 16 * n.length);
    const key = `cost\n${operation.name?.value ?? ""}\n${JSON.stringify(names.map((n) => (variables && Object.hasOwn(variables, n) ? [variables[n]] : [])))}`; // absent ≠ null
    // Not kept for large values: the key would take the document's share.
    cost = key.length <= MAX_COST_KEY ? cache.derive(document, key, price, () => 16 + key.length) : price();
  }
  if (cost !== null && !(cost <= maxCost))
    throw refusal(
      ErrorCode.COST_LIMIT_EXCEEDED,
      Number.isFinite(cost)
        ? `This operation costs ${cost}, more than the ${maxCost} one operation may cost: ask for smaller pages or fewer levels`
        : `This operation could not be priced (it is too large to count), so it is refused: ask for smaller pages or fewer levels`,
      { cost: { requested: Number.isFinite(cost) ? cost : null, limit: maxCost } },
    );
  return { operation, cost };
}

/** The most one operation may cost for this caller: the limit, or its whole bucket if smaller (more could never run). */
export function operationCostLimit(maxCost: number, budget: Budget, callerKey: string): number {
  return Math.min(maxCost, budget.configFor(callerKey).capacity);
}

/**
 * Points charged for a request refused before it runs (it does not parse, does not validate, names no
 * operation, or costs too much): refusing one costs the server its parsing and validation, as much as a
 * small query, so a client sending junk spends its budget as one sending work does, and is throttled.
 */
export const REFUSAL_COST = 1_000;
const REFUSAL_CODES = new Set<unknown>([ErrorCode.GRAPHQL_PARSE_FAILED, ErrorCode.GRAPHQL_VALIDATION_FAILED, ErrorCode.OPERATION_RESOLUTION_FAILURE, ErrorCode.COST_LIMIT_EXCEEDED]);

/** What a refused request is charged (0: not a refusal that is charged). */
export function refusalCharge(codes: readonly unknown[]): number {
  return codes.some((c) => REFUSAL_CODES.has(c)) ? REFUSAL_COST : 0;
}

/** THROTTLED: 429 with Retry-After and, as every answer that touched the budget, the RateLimit fields. */
const throttled = (message: string, retryAfterMs: number, rateLimit: [string, string][], extra: Record<string, unknown> = {}) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.THROTTLED, retryAfterMs, ...extra, http: { status: 429, headers: new Map([["retry-after", String(seconds)], ...rateLimit]) } },
  });
};

/**
 * Refuses, before anything is parsed, a caller this process refused moments ago and whose wait is not over:
 * a throttled client hammering the server costs it a map lookup per request.
 */
export function refuseIfBlocked(budget: Budget, callerKey: string): void {
  const waitMs = budget.blockedFor(callerKey);
  if (waitMs > 0) throw throttled(`Query budget spent; retry in ${Math.ceil(waitMs / 1000)} s`, waitMs, rateLimitHeaders(budget.configFor(callerKey), budget.remainingWhileBlocked(callerKey)));
}

/** Pours the cost into the caller's leaky bucket; THROTTLED (429, Retry-After) when it does not fit. */
export async function chargeBudget(budget: Budget, callerKey: string, cost: number, logger: AppLogger, requestId?: string): Promise<number | null> {
  let result;
  try {
    result = await budget.take(callerKey, cost);
  } catch (e) {
    // The shared budget store (Redis) is down: serve rather than refuse everyone, and say so in the logs.
    // The per-operation cost limit above still holds.
    logger.warn({ err: e, requestId }, "budget store unavailable; request not charged");
    return null;
  }
  if (!result.allowed)
    throw throttled(
      `Query budget spent: this operation costs ${cost} and ${result.remaining} points are left; retry in ${Math.ceil(result.retryAfterMs / 1000)} s`,
      result.retryAfterMs,
      rateLimitHeaders(budget.configFor(callerKey), result.remaining),
      { remaining: result.remaining },
    );
  return result.remaining;
}


export interface Answer {
  schema: GraphQLSchema;
  budget: Budget;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The request's context: the one-statement path recorded its count under it (actual-cost.ts). */
  context: object;
  callerKey: string;
  /** The price charged before it ran. */
  requested: number;
  /** Whether that price was charged (false: the budget store was down, so nothing more is either). */
  charged: boolean;
  data: unknown;
  cache?: OperationCache;
}

/**
 * What an answer cost (`actual`, by the rules of its price, with its pages and lists as long as they came back),
 * and the charge of its difference over its price: an answer larger than its price (a plain list is priced at 10
 * items and may hold more) is charged the difference when it is sent, so the bucket holds what was served. Over
 * the bucket, the caller's next request waits (the budget's block). The one rule of both transports: HTTP
 * (limits.plugin.ts) and the WebSocket (websocket-gate.ts, each answer and each subscription event) call it.
 * `remaining`: the points left after the difference was charged (undefined when nothing more was charged).
 */
export async function chargeAnswer(a: Answer): Promise<{ actual: number; remaining?: number }> {
  const counted = takeActualCost(a.context);
  const map = () => {
    const compute = () => costMap(a.schema, a.document, a.operation);
    return a.cache ? a.cache.derive(a.document, `actual\n${a.operation.name?.value ?? ""}`, compute, (m) => 64 + 96 * costMapSize(m)) : compute();
  };
  const actual = counted ?? actualCostOfValue(map(), a.data instanceof RawJson ? a.data.toJSON() : a.data);
  if (!a.charged || !(actual > a.requested)) return { actual };
  const extra = await a.budget.take(a.callerKey, actual - a.requested).catch(() => undefined);
  return { actual, remaining: extra?.remaining };
}
