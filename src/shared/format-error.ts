import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError } from "graphql";
import { currentRequest } from "../db/request-store.js";
import { isConnectionError, mapDbError, sqlState } from "./db-errors.js";
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

// Validation errors that are a bad literal value (input-check.plugin.ts), with the argument path they name.
const literalValueErrors = new WeakMap<GraphQLError, string>();

/** Answers this validation error as bad input naming `field`, as the same value in a variable is answered. */
export function markLiteralValueError(error: GraphQLError, field: string): void {
  literalValueErrors.set(error, field);
}

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
    // Apollo wraps each validation error, the one graphql-js reported as its originalError.
    const literalField = original instanceof GraphQLError ? literalValueErrors.get(original) ?? (original.originalError instanceof GraphQLError ? literalValueErrors.get(original.originalError) : undefined) : undefined;
    if (literalField !== undefined && code === ErrorCode.GRAPHQL_VALIDATION_FAILED)
      return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT, field: literalField } };
    if (original instanceof AppError || (code && PASS_THROUGH.has(code) && !(original instanceof Error && !(original instanceof GraphQLError)))) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // graphql-js gives up on a request with more than 50 bad variable values by throwing a bare GraphQLError
    // (no path, no cause): it is about the request, so it is the client's error to fix.
    if (original instanceof GraphQLError && !original.path && !original.originalError && /processing variables/.test(original.message)) {
      return { message: original.message, extensions: { code: ErrorCode.BAD_USER_INPUT, field: "variables" } };
    }
    // Apollo refuses some malformed requests with an uncoded error and a 4xx status (a persisted query whose
    // hash does not match its text, an unsupported persisted-query version): the client's to fix.
    const status = (original instanceof GraphQLError ? (original.extensions.http as { status?: unknown } | undefined)?.status : undefined) ?? 0;
    if (original instanceof GraphQLError && !original.extensions.code && typeof status === "number" && status >= 400 && status < 500) {
      return { message: original.message, extensions: { code: "BAD_REQUEST" } };
    }
    const requestId = currentRequest()?.requestId;
    // A database error raised in a read (the mutation runner maps its own): a timeout, or a value the database
    // refused. An operation answered in one statement reports its failure without a path, the cause inside.
    const cause = original instanceof GraphQLError && !original.path && original.originalError ? original.originalError : original;
    if (cause instanceof AppError) {
      const { http: _h, ...extensions } = cause.extensions;
      return { message: cause.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const mapped = mapDbError(cause);
    if (mapped instanceof AppError) {
      const mappedCode = mapped.extensions.code;
      if (mappedCode === ErrorCode.SERVICE_UNAVAILABLE)
        log.warn({ err: cause, requestId, path: formatted.path }, isConnectionError(cause) ? "database unavailable" : "database statement timed out");
      else log.warn({ err: cause, requestId, path: formatted.path, sqlState: sqlState(cause) }, "database refused a value");
      return {
        message: mappedCode === ErrorCode.SERVICE_UNAVAILABLE ? `${mapped.message} (request ${requestId ?? "unknown"})` : mapped.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...mapped.extensions, ...(mappedCode === ErrorCode.SERVICE_UNAVAILABLE ? { requestId } : {}) },
      };
    }
    log.error({ err: cause, requestId, path: formatted.path }, "unexpected error");
    return {
      message: `Internal server error (request ${requestId ?? "unknown"})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
    };
  };
}
