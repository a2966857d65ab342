import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context.js";
import { currentRequest } from "../db/request-store.js";
import type { AppLogger } from "../logger.js";

/**
 * One structured log line per GraphQL request (request id, operation, duration, SQL statements, caller,
 * error codes, cost) and the `x-sql-statements` response header.
 */
export function requestLogPlugin(logger: AppLogger): ApolloServerPlugin<Context> {
  // This line's fields are fixed and hold no variable or personal value, so it skips the redaction pass
  // (logger.ts), which cost 70-100 µs a line against 2-4 µs without (BENCHMARKS.md, "Per-request work").
  const line = logger.child({}, { redact: [] });
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, errors, operationName }) {
          const req = currentRequest();
          if (req) response.http.headers.set("x-sql-statements", String(req.statements));
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const codes = [...new Set((body?.errors ?? errors ?? []).map((e) => String(e.extensions?.code ?? "UNKNOWN")))];
          line.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? request.operationName ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              statements: req?.statements ?? null,
              caller: contextValue.viewer ? { subject: contextValue.viewer.subject, role: contextValue.viewer.role } : "anonymous",
              errorCodes: codes.length ? codes : undefined,
              cost: (body?.extensions?.cost as { requested?: number } | undefined)?.requested,
            },
            "graphql request",
          );
        },
      };
    },
  };
}
