import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { execute, GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { Context } from "../context.js";
import type { AppLogger } from "../logger.js";
import { isStatementFault } from "./db-errors.js";
import { ErrorCode } from "./errors.js";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { COMPILED_BYTES_FIXED, COMPILED_BYTES_PER_CHAR, planVariablesKey, type OperationCache } from "./operation-cache.js";
import { answerWhole } from "../engine/whole.js";
import { RawJson } from "./raw-json.js";

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter: an operation is compiled into a
 * JavaScript function specialised to its selection set, then run for every request that sends it. Parsing,
 * validation and every Apollo plugin hook stay Apollo's; only the execution step changes.
 *
 * Apollo Server 4 and 5 take a custom executor only through the `gateway` option (its migration guide
 * names it as the replacement of the old `executor` option): this object is a "gateway" that serves one
 * fixed schema and the compiled executor.
 *
 * A document is compiled the second time it is seen, and the compilation is kept in the operation cache
 * with the document (bounded by memory with everything else kept per document). Its first request, and
 * any document the cache does not hold, runs on graphql-js: compiling costs milliseconds and tens of
 * kilobytes, which a client sending each document once would otherwise make the server pay every time.
 */
export function jitGateway(schema: GraphQLSchema, opts: { jit: boolean; logger?: AppLogger; cache?: OperationCache } = { jit: true }): GatewayInterface {
  const compiled = (document: DocumentNode, operationName: string | undefined): CompiledQuery | ExecutionResult | undefined => {
    if (!opts.cache || opts.cache.hits(document) < 1) return undefined;
    const size = COMPILED_BYTES_FIXED + COMPILED_BYTES_PER_CHAR * (document.loc?.source.body.length ?? 1_000);
    // Compiled only when the compilation can be kept: a document with no room left runs on graphql-js.
    return opts.cache.keep(document, `jit\n${operationName ?? ""}`, size, () => compileQuery(schema, document, operationName));
  };
  const interpret = (rc: Parameters<GatewayExecutor>[0]) =>
    execute({ schema, document: rc.document, operationName: rc.operationName, variableValues: rc.request.variables, contextValue: rc.context }) as Promise<
      Awaited<ReturnType<GatewayExecutor>>
    >;

  const executor: GatewayExecutor = async (rc) => {
    const ctx = rc.context as unknown as Context;
    // The read engine keeps its plans with the document (src/engine/plan-cache.ts).
    ctx.read.document = rc.document;
    ctx.read.cache = opts.cache;
    ctx.read.variables = rc.operation ? planVariablesKey(rc.document, rc.operation, rc.request.variables, opts.cache) : JSON.stringify(rc.request.variables ?? {});
    // No operation to run (an unknown name): graphql-js reports it (the limits plugin refuses it first over HTTP).
    if (!rc.operation) return interpret(rc);
    if (ctx.read.strategy === "whole" && rc.operation.operation === "query") {
      // A statement the database could not run (a timeout, the database away, a value it refuses) is the
      // answer, coded by the one error mapper: the resolvers would only wait for the same database again. A
      // fault of the statement itself (SQL the database rejects as written, a planner bug) is logged and the
      // resolvers answer.
      const text = await answerWhole({ schema, document: rc.document, operationName: rc.operationName, rawVariables: rc.request.variables, ctx }).catch((err: unknown) => {
        if (!isStatementFault(err)) throw err;
        opts.logger?.warn({ err, requestId: ctx.requestId }, "one-statement query failed; answering through the resolvers");
        return null;
      }).catch((err: unknown) => ({ error: err }));
      if (text && typeof text === "object")
        return { data: null, errors: [new GraphQLError("The one-statement query failed", { originalError: text.error instanceof Error ? text.error : new Error(String(text.error)) })] } as Awaited<ReturnType<GatewayExecutor>>;
      // Requests that came over HTTP get the JSON text unparsed (raw-json.ts); executeOperation gets objects.
      if (typeof text === "string")
        return { data: rc.request.http !== undefined ? (new RawJson(text) as unknown as Record<string, unknown>) : (JSON.parse(text) as Record<string, unknown>) } as Awaited<ReturnType<GatewayExecutor>>;
    }
    const entry = opts.jit ? compiled(rc.document, rc.operationName ?? undefined) : undefined;
    if (!entry) return interpret(rc);
    // Not compilable: graphql-jit returns the errors graphql-js would have.
    const result = isCompiledQuery(entry) ? await entry.query(undefined, rc.context, rc.request.variables ?? {}) : entry;
    return (result.errors ? { ...result, errors: result.errors.map(toGraphQLError) } : result) as Awaited<ReturnType<GatewayExecutor>>;
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit builds its errors with its own GraphQLError class: no `extensions` object, and variable errors
 * without the AST nodes Apollo looks at to code them BAD_USER_INPUT. Rebuilt as graphql-js errors here,
 * with the cause kept, so the one error mapper (format-error.ts) sees what graphql-js would have given it.
 */
function toGraphQLError(e: { message: string; path?: readonly (string | number)[]; locations?: readonly unknown[]; originalError?: unknown; extensions?: Record<string, unknown> }): GraphQLError {
  const cause = e.originalError instanceof Error ? e.originalError : undefined;
  // Variable coercion runs before any resolver: no path, and graphql-js's wording.
  const badVariable = !e.path && /^Variable "\$[^"]+" (got invalid value|has invalid value|of required type|of non-null type)/.test(e.message);
  // graphql-jit says "Expected type CountryCode."; graphql-js passes on the scalar's own reason, which is clearer.
  const message = badVariable && cause && e.message.includes("; ") ? `${e.message.slice(0, e.message.indexOf("; "))}; ${cause.message}` : e.message;
  const error = new GraphQLError(message, {
    path: e.path,
    originalError: cause,
    extensions: { ...(cause instanceof GraphQLError ? cause.extensions : {}), ...e.extensions, ...(badVariable ? { code: ErrorCode.BAD_USER_INPUT } : {}) },
  });
  if (e.locations) Object.assign(error, { locations: e.locations });
  return error;
}
