import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { Context } from "../../context.js";
import type { AppLogger } from "../../logger.js";
import type { Budget } from "./budget.js";
import { operationCost } from "./cost.js";

export interface CostReport {
  /** Cost of this operation (0 when it did not get as far as running). */
  requested: number;
  /** Most one operation may cost. */
  limit: number;
  /** Points left in the caller's budget. */
  remaining: number | null;
  capacity: number;
  refillPerSecond: number;
}

/**
 * Before any resolver (so before any SQL): prices the operation, refuses one over the per-operation limit
 * (COST_LIMIT_EXCEEDED) and charges the caller's leaky bucket (THROTTLED with the time to wait). Every
 * response then carries `extensions.cost`.
 */
export function limitsPlugin(opts: { schema: () => GraphQLSchema; maxCost: number; budget: Budget; logger: AppLogger }): ApolloServerPlugin<Context> {
  const { maxCost, budget, logger } = opts;
  return {
    async requestDidStart() {
      const report: CostReport = { requested: 0, limit: maxCost, remaining: null, capacity: budget.config.capacity, refillPerSecond: budget.config.refillPerSecond };
      return {
        async didResolveOperation({ request, document, operationName, contextValue }) {
          const cost = operationCost(opts.schema(), document, operationName ?? undefined, request.variables);
          if (cost === undefined) return; // bad variables: execution reports them as BAD_USER_INPUT
          report.requested = cost;
          if (cost > maxCost)
            throw new GraphQLError(`This operation costs ${cost}, more than the ${maxCost} one operation may cost: ask for smaller pages or fewer levels`, {
              extensions: { code: "COST_LIMIT_EXCEEDED", cost: report, http: { status: 400 } },
            });
          let result;
          try {
            result = await budget.take(contextValue.callerKey, cost);
          } catch (e) {
            // The shared budget store is down: serve (fail open) rather than refuse everyone, and say so in the logs.
            logger.warn({ err: e, requestId: contextValue.requestId }, "budget store unavailable; request not charged");
            return;
          }
          report.remaining = result.remaining;
          if (!result.allowed) {
            const seconds = Math.ceil(result.retryAfterMs / 1000);
            throw new GraphQLError(`Query budget spent: this operation costs ${cost} and ${result.remaining} points are left; retry in ${seconds} s`, {
              extensions: { code: "THROTTLED", retryAfterMs: result.retryAfterMs, cost: report, http: { status: 429, headers: new Map([["retry-after", String(seconds)]]) } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind === "single") {
            const r = response.body.singleResult;
            r.extensions = { ...r.extensions, cost: report };
          }
        },
      };
    },
  };
}
