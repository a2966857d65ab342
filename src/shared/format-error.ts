import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { currentRequest } from "../db/request-store.js";
import { isConnectionError } from "./db-errors.js";
import { AppError, ErrorCode } from "./errors.js";

// Codes Apollo and graphql-js give to malformed requests: safe to pass on as they are.
const PASS_THROUGH = new Set<string>([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "COST_LIMIT_EXCEEDED",
  "THROTTLED",
]);

export interface ErrorLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * The one error mapper. Domain errors (AppError) and request errors pass through without stack;
 * anything else is logged with its stack and reaches the client only as INTERNAL_SERVER_ERROR
 * with the request id, so no SQL, table or constraint name ever leaks.
 */
export function makeFormatError(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code as string | undefined;
    if (original instanceof AppError || (code && PASS_THROUGH.has(code) && !(original instanceof Error && !(original instanceof GraphQLError)))) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // graphql-js gives up on a request with more than 50 bad variable values by throwing a bare GraphQLError
    // (no path, no cause): it is about the request, so it is the client's error to fix.
    if (original instanceof GraphQLError && !original.path && !original.originalError && /processing variables/.test(original.message)) {
      return { message: original.message, extensions: { code: ErrorCode.BAD_USER_INPUT, field: "variables" } };
    }
    const requestId = currentRequest()?.requestId;
    if (isConnectionError(original)) {
      log.warn({ err: original, requestId, path: formatted.path }, "database unavailable");
      return {
        message: `The database is unavailable; try again shortly (request ${requestId ?? "unknown"})`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId },
      };
    }
    log.error({ err: original, requestId, path: formatted.path }, "unexpected error");
    return {
      message: `Internal server error (request ${requestId ?? "unknown"})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
    };
  };
}
