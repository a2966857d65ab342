import type http from "node:http";
import { randomUUID } from "node:crypto";
import type { AppLogger } from "../../logger.js";
import { runInRequest } from "../../db/request-store.js";
import { ErrorCode } from "../errors.js";

// What every GraphQL request gets, on either HTTP path (graphql-post.handler.ts and the Express chain): its id,
// its deadline, the shutdown's bookkeeping and the per-request store the statement counter lives in.

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Shutdown (server.ts close()): once draining, every answer says `Connection: close`; `open` holds those not finished. */
export interface Drain {
  draining: boolean;
  open: Set<http.ServerResponse>;
}

export function trackForDrain(drain: Drain, res: http.ServerResponse): void {
  if (drain.draining) res.setHeader("connection", "close");
  drain.open.add(res);
  res.once("close", () => drain.open.delete(res));
}

/**
 * Names the request (a client's X-Request-Id when well-formed), arms its deadline (a request still unanswered
 * after `timeoutMs` gets 503 SERVICE_UNAVAILABLE; PostgreSQL's statement_timeout stops its SQL) and runs `next`
 * inside the request's store.
 */
export function inRequestScope(req: http.IncomingMessage, res: http.ServerResponse, o: { logger: AppLogger; timeoutMs: number }, next: () => void): void {
  const given = req.headers["x-request-id"];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader("x-request-id", requestId);
  const timer = setTimeout(() => {
    if (res.headersSent) return;
    o.logger.warn({ requestId, timeoutMs: o.timeoutMs }, "request timed out");
    sendJson(res, 503, { errors: [{ message: `The request took longer than ${o.timeoutMs} ms`, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, requestId } }] });
  }, o.timeoutMs);
  res.on("close", () => clearTimeout(timer));
  runInRequest({ requestId, statements: 0 }, next);
}

/** The caller's address: the socket's, or with `trustProxy` the client X-Forwarded-For names first (as Express's `req.ip`). */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers["x-forwarded-for"];
    const first = typeof fwd === "string" ? fwd.split(",")[0].trim() : "";
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/** The coded answer to a body that cannot be read (too large, not JSON), the same on both paths. */
export function bodyError(status: number, limitBytes: number): { errors: { message: string; extensions: { code: string } }[] } {
  const message = status === 413 ? `The request body is larger than ${limitBytes} bytes` : status === 400 ? "The request body is not valid JSON" : status === 415 ? "The request body's content type or charset is not supported" : "Internal server error";
  const code = status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : "BAD_REQUEST";
  return { errors: [{ message, extensions: { code } }] };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
