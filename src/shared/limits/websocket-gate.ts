import { getOperationAST, GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { CloseCode } from "graphql-ws";
import type { ServerOptions } from "graphql-ws";
import type { Extra } from "graphql-ws/use/ws";
import type { Context } from "../../context.js";
import type { AppLogger } from "../../logger.js";
import type { Viewer } from "../../modules/auth/auth.roles.js";
import { ErrorCode } from "../errors.js";
import type { Budget } from "./budget.js";
import { checkOperation, literalValueFields } from "../input-check.plugin.js";
import { chargeAnswer, chargeBudget, limitRules, operationCostLimit, priceOperation, REFUSAL_COST, refuseIfBlocked, refusalCharge, type OperationLimits, type Priced } from "./operation-limits.js";

/** Operations one socket may have running at once (subscriptions stay running). */
export const MAX_OPERATIONS_PER_SOCKET = 16;
/** Close code for a token that expired while its socket was open (graphql-ws uses 4401 for "unauthorized"). */
const TOKEN_EXPIRED = CloseCode.Unauthorized;

interface SocketState {
  viewer: Viewer | null;
  address: string;
  socketId: number;
  timer?: NodeJS.Timeout;
}

export interface GateOptions {
  schema: GraphQLSchema;
  limits: OperationLimits;
  introspection: boolean;
  budget: Budget;
  logger: AppLogger;
  authenticate: (authorization: string | undefined) => Promise<Viewer | null>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  context: (viewer: Viewer | null, address: string) => Context;
}

let nextSocketId = 1;

const coded = (e: GraphQLError, code: string) => new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code } });

/**
 * graphql-ws options that give the WebSocket the rules HTTP has: the token is verified when the socket
 * opens (a bad one closes it with 4401) and the socket is closed with 4401 when the token expires; every
 * operation is parsed with the token limit, validated with the same rules (expanded selections, depth,
 * aliases; introspection when it is off), resolved, priced (fail-closed), its input checked, and charged to
 * the caller's budget before it runs, with the same codes; errors go through the one error mapper.
 */
export function websocketGate(o: GateOptions): ServerOptions<Record<string, unknown> | undefined, Extra & { state?: SocketState }> & { running: () => number } {
  const rules = [...specifiedRules, ...(o.introspection ? [] : [NoSchemaIntrospectionCustomRule]), ...limitRules(o.limits)];
  // As Apollo does on HTTP: `extensions.http` (a status for the HTTP answer) is the transport's, not the client's.
  const format = (errors: readonly GraphQLError[]) =>
    errors.map((e) => {
      const out = o.formatError(e.toJSON(), e);
      if (!out.extensions || !("http" in out.extensions)) return out;
      const { http: _http, ...extensions } = out.extensions;
      return { ...out, extensions };
    });
  // Queries and mutations running now (subscriptions run until the change hub closes): a shutdown waits for them.
  const running = new Set<string>();
  // What each running operation was priced and charged, by its context: each answer it sends (a query's, a
  // mutation's, every event of a subscription) is charged what it cost beyond that price, as on HTTP.
  const prices = new WeakMap<object, { document: DocumentNode; operation: OperationDefinitionNode; cost: number; charged: boolean }>();
  const done = (ctx: { extra: { state?: SocketState } }, id: string) => running.delete(`${ctx.extra.state?.address}/${ctx.extra.state?.socketId}/${id}`);

  return {
    running: () => running.size,
    onComplete: (ctx, id) => void done(ctx, id),
    schema: o.schema,
    onConnect: async (ctx) => {
      const given = ctx.connectionParams?.authorization;
      let viewer: Viewer | null;
      try {
        if (given != null && typeof given !== "string") throw new Error("connectionParams.authorization must be `Bearer <token>`");
        viewer = await o.authenticate(given ?? undefined);
      } catch (e) {
        ctx.extra.socket.close(CloseCode.Unauthorized, e instanceof Error ? e.message.slice(0, 100) : "Unauthorized");
        return false;
      }
      const state: SocketState = { viewer, address: ctx.extra.request.socket.remoteAddress ?? "unknown", socketId: nextSocketId++ };
      ctx.extra.state = state;
      if (viewer?.expiresAtMs !== undefined) {
        const close = () => ctx.extra.socket.close(TOKEN_EXPIRED, "Token expired: reconnect with a new token");
        const left = viewer.expiresAtMs - Date.now();
        if (left <= 0) return close(), false;
        // setTimeout holds at most 2^31-1 ms; token lifetimes are capped far below that.
        state.timer = setTimeout(close, Math.min(left, 2 ** 31 - 1));
        state.timer.unref();
      }
      return true;
    },
    onClose: (ctx) => {
      const state = ctx.extra.state;
      clearTimeout(state?.timer);
      // Operations of this socket that never reached onComplete (a failed send) no longer hold up a shutdown.
      if (state) for (const key of running) if (key.startsWith(`${state.address}/${state.socketId}/`)) running.delete(key);
    },
    onSubscribe: async (ctx, id, payload) => {
      const state = ctx.extra.state!;
      if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_SOCKET)
        return [new GraphQLError(`At most ${MAX_OPERATIONS_PER_SOCKET} operations may run at once on one socket`, { extensions: { code: ErrorCode.THROTTLED } })];
      const contextValue = o.context(state.viewer, state.address);
      // Refused requests are charged as over HTTP (operation-limits.ts).
      // Messages on one socket are handled at once, so many may pass the blocked check before the first refusal
      // is charged: a refusal whose charge does not fit is answered THROTTLED, as the next would be.
      const refuse = async (errors: GraphQLError[], codes = errors.map((e) => e.extensions.code)) => {
        const points = refusalCharge(codes);
        if (!points) return errors;
        const taken = await o.budget.take(contextValue.callerKey, points).catch(() => undefined);
        if (taken && !taken.allowed) {
          try {
            refuseIfBlocked(o.budget, contextValue.callerKey);
          } catch (e) {
            return [e as GraphQLError];
          }
        }
        return errors;
      };
      let document: DocumentNode;
      try {
        refuseIfBlocked(o.budget, contextValue.callerKey);
        document = parse(payload.query, { maxTokens: o.limits.maxTokens });
      } catch (e) {
        const error = e as GraphQLError;
        return error.extensions?.code ? [error] : refuse([coded(error, ErrorCode.GRAPHQL_PARSE_FAILED)]);
      }
      const invalid = validate(o.schema, document, rules);
      if (invalid.length) {
        // A bad literal value is bad input naming its argument path, as over HTTP; still charged as a refusal.
        const literal = literalValueFields(o.schema, document, invalid);
        const answer = (e: GraphQLError) => {
          const field = literal.get(e);
          return field === undefined ? coded(e, ErrorCode.GRAPHQL_VALIDATION_FAILED) : new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
        };
        return refuse(invalid.map(answer), [ErrorCode.GRAPHQL_VALIDATION_FAILED]);
      }
      let priced: Priced;
      try {
        priced = priceOperation(o.schema, document, payload.operationName, payload.variables ?? undefined, operationCostLimit(o.limits.maxCost, o.budget, contextValue.callerKey));
      } catch (e) {
        if (e instanceof GraphQLError) return refuse([e]);
        throw e;
      }
      // The input boundary HTTP has (input-check.plugin.ts): every bad value named, text PostgreSQL cannot store.
      const badInput = checkOperation(o.schema, document, priced.operation, payload.variables ?? {});
      if (badInput.length) return badInput;
      const { cost } = priced;
      if (cost === null) await o.budget.take(contextValue.callerKey, REFUSAL_COST).catch(() => undefined); // bad variables
      let remaining: number | null = null;
      try {
        if (cost !== null) remaining = await chargeBudget(o.budget, contextValue.callerKey, cost, o.logger, contextValue.requestId);
      } catch (e) {
        if (e instanceof GraphQLError) return [e];
        throw e;
      }
      if (cost !== null) prices.set(contextValue, { document, operation: priced.operation, cost, charged: remaining !== null });
      const operation = getOperationAST(document, payload.operationName);
      if (operation && operation.operation !== "subscription") running.add(`${state.address}/${state.socketId}/${id}`);
      return { schema: o.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
    },
    onNext: async (_ctx, _id, _payload, args, result) => {
      const price = prices.get(args.contextValue as object);
      if (price && result.data != null) {
        const contextValue = args.contextValue as Context;
        await chargeAnswer({
          schema: o.schema,
          budget: o.budget,
          document: price.document,
          operation: price.operation,
          context: contextValue,
          callerKey: contextValue.callerKey,
          requested: price.cost,
          charged: price.charged,
          data: result.data,
        });
      }
      return result.errors ? { ...result, errors: format(result.errors) } : (result as never);
    },
    onError: (ctx, id, _payload, errors) => {
      done(ctx, id);
      return format(errors);
    },
  };
}
