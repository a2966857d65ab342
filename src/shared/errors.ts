import { GraphQLError } from "graphql";

/** Every code a client may see in `extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  CAPACITY_REACHED: "CAPACITY_REACHED",
  INVALID_TRANSITION: "INVALID_TRANSITION",
  OVERLAPPING_DISPATCH: "OVERLAPPING_DISPATCH",
  TERM_CLOSED: "TERM_CLOSED",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  // Refusals of a request before anything runs (the README's "Limits and errors").
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  COST_LIMIT_EXCEEDED: "COST_LIMIT_EXCEEDED",
  THROTTLED: "THROTTLED",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A domain error: safe to show the client as it is. Services throw these; formatError passes them through. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.name = "AppError";
  }
}

/** Bad input, naming the argument or input field (a dotted path such as `filter.countryCode`). */
export function badInput(field: string, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
}

export function notFound(what: string, id: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`, { id });
}
