import type express from "express";
import { GraphQLError } from "graphql";
import type { Db } from "../../db/client.js";
import type { AppLogger } from "../../logger.js";
import type { Budget } from "../../shared/limits/budget.js";
import { chargeBudget, refuseIfBlocked } from "../../shared/limits/operation-limits.js";
import { rateLimitHeaders } from "../../shared/limits/rate-limit-headers.js";
import type { Viewer } from "../auth/auth.roles.js";
import { transcriptPdfPool } from "./transcript.pdf.pool.js";
import { issuedDocument } from "./transcript.service.js";

// GET /transcripts/<code>.pdf: an issued transcript as a PDF, for the callers who may issue it (staff of the
// student's home or host institution, platform admins), with the same bearer token as GraphQL. A download is
// charged to the caller's query budget like a request and answers the same RateLimit-* headers (refusals too).
// Errors are the API's coded JSON errors (another method: 405 with Allow); the PDF is never cached by a shared cache.

export interface TranscriptRouteOptions {
  db: Db;
  logger: AppLogger;
  budget: Budget;
  /** Points a document costs. */
  cost: number;
  /** The caller from the Authorization header (throws UNAUTHENTICATED for a bad token). */
  authenticate: (authorization: string | undefined) => Promise<Viewer | null>;
  /** The caller's budget key, as /graphql has it ("sub:…", or "ip:…" for anonymous callers). */
  callerKey: (req: express.Request, viewer: Viewer | null) => string;
}

const ALLOW = "GET, HEAD";

/** A coded error as the API's JSON answer, with its HTTP status (and Retry-After when throttled). */
function sendError(res: express.Response, e: GraphQLError): void {
  const code = String(e.extensions.code ?? "INTERNAL_SERVER_ERROR");
  const http = e.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  for (const [k, v] of http?.headers ?? []) res.setHeader(k, v);
  const status = http?.status ?? (code === "UNAUTHENTICATED" ? 401 : code === "FORBIDDEN" ? 403 : code === "SERVICE_UNAVAILABLE" ? 503 : 400);
  res.status(status).json({ errors: [{ message: e.message, extensions: { code } }] });
}

/** Charges the document to the caller's budget, the RateLimit-* headers set on the answer whether it fits or not. */
async function charge(o: TranscriptRouteOptions, req: express.Request, res: express.Response): Promise<Viewer | null> {
  const viewer = await o.authenticate(req.headers.authorization);
  const key = o.callerKey(req, viewer);
  refuseIfBlocked(o.budget, key); // refused moments ago: the budget is not touched
  // A refusal (THROTTLED) carries its RateLimit fields in its own headers, which sendError sets.
  const remaining = await chargeBudget(o.budget, key, o.cost, o.logger);
  if (remaining !== null) for (const [k, v] of rateLimitHeaders(o.budget.configFor(key), remaining)) res.setHeader(k, v);
  return viewer;
}

export function transcriptRoute(o: TranscriptRouteOptions): express.RequestHandler {
  return async (req, res, next) => {
    try {
      // Charged first, as every request is: its refusal answers the RateLimit-* headers too.
      const viewer = await charge(o, req, res);
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", ALLOW);
        return void res.status(405).json({ errors: [{ message: `A transcript document is read with ${ALLOW}, not ${req.method}`, extensions: { code: "BAD_REQUEST" } }] });
      }
      // A name that is no code is looked up as one (it finds nothing), so it is answered as any unknown code.
      const m = /^([0-9A-Za-z-]{1,64})\.pdf$/.exec(String(req.params.file ?? ""));
      const out = await issuedDocument(o.db, viewer, m ? m[1] : "");
      if (!out.ok) return void res.status(out.status).json({ errors: [{ message: out.message, extensions: { code: out.code } }] });
      const pdf = await transcriptPdfPool.render(out.transcript, { code: out.code, issuedAt: out.issuedAt, verifyHint: "Confirm it with the public query verifyTranscript(code:) of the issuing API." });
      res.setHeader("content-type", "application/pdf");
      res.setHeader("content-disposition", `inline; filename="transcript-${out.code}.pdf"`);
      res.setHeader("cache-control", "private, no-store");
      res.setHeader("content-length", pdf.length);
      res.end(pdf);
    } catch (err) {
      if (err instanceof GraphQLError && err.extensions.code) return sendError(res, err);
      o.logger.error({ err }, "transcript document failed");
      next(err);
    }
  };
}
