import type express from "express";
import { GraphQLError } from "graphql";
import type { Db } from "../../db/client.js";
import type { AppLogger } from "../../logger.js";
import type { Viewer } from "../auth/auth.roles.js";
import { transcriptPdfPool } from "./transcript.pdf.pool.js";
import { issuedDocument } from "./transcript.service.js";

// GET /transcripts/<code>.pdf: an issued transcript as a PDF, for the callers who may issue it (staff of the
// student's home or host institution, platform admins), with the same bearer token as GraphQL. Errors are the
// API's coded JSON errors; the PDF is never cached by a shared cache.

export interface TranscriptRouteOptions {
  db: Db;
  logger: AppLogger;
  /**
   * The caller from the Authorization header, its query budget charged for the document (throws a coded
   * GraphQLError: UNAUTHENTICATED for a bad token, THROTTLED when the budget is spent).
   */
  viewer: (req: express.Request) => Promise<Viewer | null>;
}

/** A coded error as the API's JSON answer, with its HTTP status (and Retry-After when throttled). */
function sendError(res: express.Response, e: GraphQLError): void {
  const code = String(e.extensions.code ?? "INTERNAL_SERVER_ERROR");
  const http = e.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  for (const [k, v] of http?.headers ?? []) res.setHeader(k, v);
  const status = http?.status ?? (code === "UNAUTHENTICATED" ? 401 : code === "FORBIDDEN" ? 403 : code === "SERVICE_UNAVAILABLE" ? 503 : 400);
  res.status(status).json({ errors: [{ message: e.message, extensions: { code } }] });
}

export function transcriptRoute(o: TranscriptRouteOptions): express.RequestHandler {
  return async (req, res, next) => {
    try {
      const m = /^([0-9A-Za-z-]{1,64})\.pdf$/.exec(String(req.params.file ?? ""));
      const viewer = await o.viewer(req);
      if (!m) return void res.status(404).json({ errors: [{ message: "No transcript was issued with this code", extensions: { code: "NOT_FOUND" } }] });
      const out = await issuedDocument(o.db, viewer, m[1]);
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
