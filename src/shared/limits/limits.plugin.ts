import type { ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { Context } from "../../context.js";
import type { AppLogger } from "../../logger.js";
import type { OperationCache } from "../operation-cache.js";
import { ErrorCode } from "../errors.js";
import { takeActualCost } from "./actual-cost.js";
import type { Budget } from "./budget.js";
import { chargeAnswer, chargeBudget, operationCostLimit, priceOperation, REFUSAL_COST, refusalCharge } from "./operation-limits.js";

export interface CostReport {
  /** Cost of this operation (0 when it did not get as far as being priced): what was charged. */
  requested: number;
  /**
   * What the answer cost by the same rules, with the pages and lists as long as they came back (null: nothing
   * ran).
   */
  actual: number | null;
  /** Most one operation may cost. */
  limit: number;
  /** Points left in the caller's budget. */
  remaining: number | null;
  capacity: number;
  refillPerSecond: number;
}

/**
 * Before any resolver (so before any SQL): resolves the operation, prices it, refuses one over the
 * per-operation limit or one that cannot be priced (COST_LIMIT_EXCEEDED) and charges the caller's leaky
 * bucket (THROTTLED with the time to wait). Every response then carries `extensions.cost`. The WebSocket
 * transport runs the same two steps (server.ts).
 */
export function limitsPlugin(opts: { schema: () => GraphQLSchema; maxCost: number; budget: Budget; logger: AppLogger; cache?: OperationCache }): ApolloServerPlugin<Context> {
  const { maxCost, budget, logger } = opts;
  return {
    async requestDidStart() {
      const report: CostReport = { requested: 0, actual: null, limit: maxCost, remaining: null, capacity: budget.config.capacity, refillPerSecond: budget.config.refillPerSecond };
      let charged = false;
      let priced: { document: DocumentNode; operation: OperationDefinitionNode } | undefined;
      // The caller's own bucket and operation limit (an anonymous caller's are smaller), on every answer: those
      // refused before their operation was resolved (parse, a persisted query not found) too.
      const forCaller = (callerKey: Context["callerKey"]) => {
        const bucket = budget.configFor(callerKey);
        report.capacity = bucket.capacity;
        report.refillPerSecond = bucket.refillPerSecond;
        report.limit = operationCostLimit(maxCost, budget, callerKey);
      };
      return {
        // A request refused before it was priced or charged (parse, validation, operation, cost) is charged
        // for the refusal, so junk spends a budget as work does.
        async didEncounterErrors({ errors, contextValue }) {
          if (charged || report.requested) return;
          const points = refusalCharge(errors.map((e) => e.extensions?.code));
          if (!points) return;
          charged = true;
          forCaller(contextValue.callerKey);
          report.requested = points;
          const r = await budget.take(contextValue.callerKey, points).catch(() => undefined);
          if (r) report.remaining = r.remaining;
        },
        async didResolveOperation({ request, document, operationName, contextValue }) {
          // An operation costing more than the caller's whole bucket could never run: refused as too costly
          // (COST_LIMIT_EXCEEDED), not throttled with a wait that never ends (operationCostLimit).
          forCaller(contextValue.callerKey);
          try {
            const { cost, operation } = priceOperation(opts.schema(), document, request.operationName ?? operationName, request.variables, report.limit, opts.cache);
            if (cost === null) {
              // Bad variables: the input check answers BAD_USER_INPUT for each and nothing runs; charged as a refusal.
              charged = true;
              report.requested = REFUSAL_COST;
              const r = await budget.take(contextValue.callerKey, REFUSAL_COST).catch(() => undefined);
              if (r) report.remaining = r.remaining;
              return;
            }
            report.requested = cost;
            priced = { document, operation };
            charged = true;
            report.remaining = await chargeBudget(budget, contextValue.callerKey, cost, logger, contextValue.requestId);
          } catch (e) {
            const ext = (e as { extensions?: Record<string, unknown> }).extensions;
            if (ext) {
              if (typeof ext.remaining === "number") report.remaining = ext.remaining;
              // An error that prices the operation (too costly, throttled) shows that price with the caller's
              // figures; other errors carry no cost of their own (the answer's is in extensions.cost: a copy taken
              // here, before the refusal was charged, contradicted it).
              if (ext.cost || ext.code === ErrorCode.THROTTLED) ext.cost = { ...report, ...((ext.cost as object | undefined) ?? {}) };
              delete ext.remaining;
            }
            throw e;
          }
        },
        async willSendResponse({ response, contextValue }) {
          forCaller(contextValue.callerKey);
          if (response.body.kind === "single") {
            const r = response.body.singleResult;
            // The same count on every path: an answer PostgreSQL wrote whole was counted by its statement (it would
            // have to be parsed to be walked: the dashboard's 117 KiB took a third of that path's lead over its floor).
            if (!priced || r.data == null) takeActualCost(contextValue);
            else {
              // What it cost, and the difference over its price charged (the rule both transports share).
              const charge = await chargeAnswer({
                schema: opts.schema(),
                budget,
                ...priced,
                context: contextValue,
                callerKey: contextValue.callerKey,
                requested: report.requested,
                charged: report.remaining !== null,
                data: r.data,
                cache: opts.cache,
              });
              report.actual = charge.actual;
              if (charge.remaining !== undefined) report.remaining = charge.remaining;
            }
            r.extensions = { ...r.extensions, cost: report };
          }
          // The IETF draft's RateLimit fields on every answer that touched the budget (not only on 429): the
          // bucket's size, the points left, and the seconds until it is full again.
          if (report.remaining !== null) {
            const h = response.http.headers;
            h.set("ratelimit-limit", String(report.capacity));
            h.set("ratelimit-remaining", String(Math.max(0, Math.floor(report.remaining))));
            h.set("ratelimit-reset", String(Math.ceil(Math.max(0, report.capacity - report.remaining) / report.refillPerSecond)));
          }
        },
      };
    },
  };
}
