import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { randomUUID } from "node:crypto";
import http from "node:http";
import express from "express";
import { createContext, type Context } from "./context.js";
import type { Database } from "./db/client.js";
import { runInRequest } from "./db/request-store.js";
import type { AppLogger } from "./logger.js";
import { createAuthenticator, type AuthConfig } from "./modules/auth/auth.service.js";
import { createSchema } from "./schema.js";
import { makeFormatError } from "./shared/format-error.js";
import { statementCountPlugin } from "./shared/metrics.plugin.js";

export interface ServerOptions {
  database: Database;
  logger: AppLogger;
  auth: AuthConfig;
  production?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function createApollo(database: Database, logger: AppLogger, production = false, httpServer?: http.Server) {
  const apollo = new ApolloServer<Context>({
    schema: await createSchema(),
    formatError: makeFormatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    // main.ts owns SIGTERM/SIGINT: drain, then close the pool. Apollo's own handler would re-raise the signal
    // and end the process before the database is closed.
    stopOnTerminationSignals: false,
    plugins: [statementCountPlugin, ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : [])],
  });
  return apollo;
}

/** The HTTP server: GraphQL at /graphql (Apollo Sandbox on GET in development), health at /healthz and /readyz. */
export async function createServer({ database, logger, auth, production = false }: ServerOptions) {
  const authenticate = createAuthenticator(auth);
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const apollo = await createApollo(database, logger, production, httpServer);
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: "ready", engine: database.engine });
    } catch {
      res.status(503).json({ status: "unavailable", engine: database.engine });
    }
  });

  app.use(
    "/graphql",
    (req, res, next) => {
      const given = req.get("x-request-id");
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader("x-request-id", requestId);
      runInRequest({ requestId, statements: 0 }, next);
    },
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(database.db, String(res.getHeader("x-request-id")), await authenticate(req.headers.authorization)),
    }),
  );

  return {
    app,
    httpServer,
    apollo,
    listen(port: number, host = "0.0.0.0"): Promise<number> {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    async close() {
      await apollo.stop(); // drains in-flight requests, then closes the HTTP server
    },
  };
}
