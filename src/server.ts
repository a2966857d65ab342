import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { GraphQLSchema } from "graphql";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { createServer as createNetServer } from "node:net";
import { httpConfig, webhookConfig, type HttpConfig, type WebhookConfig } from "./config.js";
import { createContext, type Context } from "./context.js";
import type { Database } from "./db/client.js";
import type { AppLogger } from "./logger.js";
import { createAuthenticator, type AuthConfig } from "./modules/auth/auth.service.js";
import { ChangeHub } from "./modules/changes/change.hub.js";
import { WebhookWorker } from "./modules/webhooks/webhook.worker.js";
import { createSchema } from "./schema.js";
import { explorerRoutes } from "./explorer/explorer.js";
import { makeFormatError } from "./shared/format-error.js";
import { stringifyResult } from "./shared/raw-json.js";
import { jitGateway } from "./shared/jit-executor.js";
import { budgetFromSettings, type Budget } from "./shared/limits/budget.js";
import { limitsPlugin } from "./shared/limits/limits.plugin.js";
import { limitRules, refuseIfBlocked } from "./shared/limits/operation-limits.js";
import { OperationCache, TextCache } from "./shared/operation-cache.js";
import { websocketGate } from "./shared/limits/websocket-gate.js";
import { inputCheckPlugin } from "./shared/input-check.plugin.js";
import { requestLogPlugin } from "./shared/request-log.plugin.js";
import { handleGraphqlPost, isPlainGraphqlPost } from "./shared/http/graphql-post.handler.js";
import { transcriptRoute } from "./modules/education/transcript.route.js";
import { bodyError, clientAddress, inRequestScope, trackForDrain, type Drain } from "./shared/http/request-scope.js";

export interface ApolloOptions {
  http?: HttpConfig;
  budget?: Budget;
  httpServer?: http.Server;
}

/** The GraphQL server with every limit of the README's "Limits and errors"; tests run operations on it directly. */
export async function createApollo(database: Database, logger: AppLogger, opts: ApolloOptions = {}) {
  const cfg = opts.http ?? httpConfig();
  const budget = opts.budget ?? budgetFromSettings(cfg);
  const schema: GraphQLSchema = await createSchema();
  // Everything kept per query document (parsed documents, compilations, costs, plans), bounded by memory.
  const cache = new OperationCache(cfg.operationCacheBytes);
  const apollo = new ApolloServer<Context>({
    // The executor: one statement for queries PostgreSQL can answer whole, then graphql-jit (or graphql-js).
    gateway: jitGateway(schema, { jit: cfg.jit, logger, cache }),
    documentStore: cache,
    formatError: makeFormatError(logger),
    // JSON.stringify, except that a `data` PostgreSQL wrote as JSON text is written as it is.
    stringifyResult,
    includeStacktraceInErrorResponses: false,
    introspection: cfg.introspection,
    // "Did you mean …?" hints name fields a client did not ask for: only where introspection is on anyway.
    hideSchemaDetailsFromClientErrors: !cfg.introspection,
    // Checked while parsing and validating, before anything runs.
    parseOptions: { maxTokens: cfg.maxTokens },
    validationRules: limitRules(cfg),
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Automatic persisted queries (Apollo's in-memory LRU cache): clients may send a hash instead of the text.
    persistedQueries: { cache: new TextCache(cfg.apqCacheBytes) },
    // main.ts owns SIGTERM/SIGINT: drain, then close the pool. Apollo's own handler would re-raise the signal
    // and end the process before the database is closed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      limitsPlugin({ schema: () => schema, maxCost: cfg.maxCost, budget, logger, cache }),
      requestLogPlugin(logger),
      inputCheckPlugin({ schema: () => schema, logger, hideSuggestions: !cfg.introspection }),
      // EXPLORER=sandbox: Apollo Sandbox, loaded from Apollo's CDN (online only), without its telemetry. The default
      // explorer, GraphiQL, is served by explorerRoutes from our own dependencies.
      cfg.explorer === "sandbox" ? ApolloServerPluginLandingPageLocalDefault({ embed: { runTelemetry: false } }) : ApolloServerPluginLandingPageDisabled(),
      ...(opts.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: opts.httpServer })] : []),
    ],
  });
  return Object.assign(apollo, { budget, schema, operationCache: cache });
}

export type Apollo = Awaited<ReturnType<typeof createApollo>>;

/** What rendering one transcript PDF costs of the caller's query budget (about a large query's cost). */
export const TRANSCRIPT_PDF_COST = 1_000;

export interface ServerOptions {
  database: Database;
  logger: AppLogger;
  auth: AuthConfig;
  http?: HttpConfig;
  redisUrl?: string;
  webhooks?: WebhookConfig;
}

/**
 * The HTTP server: GraphQL at /graphql (the explorer on a browser's GET in development), the SDL at
 * /graphql/schema.graphql, health at /healthz and /readyz.
 */
export async function createServer({ database, logger, auth, http: cfg = httpConfig(), redisUrl, webhooks = webhookConfig() }: ServerOptions) {
  const authenticate = createAuthenticator(auth);
  const app = express();
  // Shutdown (close() below): once draining, every answer says `Connection: close`, so no connection carries
  // another request after it. `open` holds the answers not yet finished.
  const drain: Drain = { draining: false, open: new Set<http.ServerResponse>() };
  app.use((req, res, next) => {
    trackForDrain(drain, res);
    next();
  });
  app.disable("x-powered-by");
  // No ETags: answers depend on the bearer token and nothing revalidates them, so hashing every body (142 KiB
  // for the benchmark's dashboard) was work for nothing.
  app.set("etag", false);
  app.set("trust proxy", cfg.trustProxy);
  const budget = budgetFromSettings(cfg, redisUrl);
  const scope = { logger, timeoutMs: cfg.requestTimeoutMs };
  const context = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<Context> => {
    const ctx = createContext(database.db, String(res.getHeader("x-request-id")), await authenticate(req.headers.authorization), clientAddress(req, cfg.trustProxy), {
      strategy: cfg.readStrategy,
    });
    refuseIfBlocked(budget, ctx.callerKey); // before the document is parsed
    return ctx;
  };
  // POST /graphql with a JSON body goes straight to Apollo Server (graphql-post.handler.ts); the rest to Express.
  const post = { limitBytes: cfg.bodyLimitBytes, context, onError: (err: unknown) => logger.error({ err }, "http error") };
  const httpServer = http.createServer((req, res) => {
    if (!isPlainGraphqlPost(req, "/graphql")) return void app(req, res);
    trackForDrain(drain, res);
    inRequestScope(req, res, scope, () => handleGraphqlPost(apollo, post, req, res));
  });
  const apollo = await createApollo(database, logger, { http: cfg, budget, httpServer });
  await apollo.start();

  // Subscriptions: graphql-ws on the same path, with the same limits as HTTP (websocket-gate.ts). The token
  // goes in connectionParams.authorization, is checked once when the socket opens, and the socket is closed
  // when the token expires.
  const changes = await ChangeHub.start(database, logger);
  // Webhook deliveries from this process too (WEBHOOKS_WORKER): sends happen outside any transaction and request.
  const hooks = webhooks.worker ? await WebhookWorker.start(database, logger, webhooks) : undefined;
  // noServer, with the upgrade routed here: attached to the HTTP server, ws re-emitted its errors (a port in use,
  // at listen) and graphql-ws printed them as "Internal error … check your implementation"; listen() reports them.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: cfg.bodyLimitBytes });
  httpServer.on("upgrade", (req, socket, head) => {
    if (req.url?.split("?")[0] !== "/graphql") return void socket.destroy();
    wsServer.handleUpgrade(req, socket, head, (client) => wsServer.emit("connection", client, req));
  });
  const gate = websocketGate({
    schema: apollo.schema,
    limits: cfg,
    introspection: cfg.introspection,
    budget,
    logger,
    authenticate,
    formatError: makeFormatError(logger),
    context: (viewer, address) => ({ ...createContext(database.db, randomUUID(), viewer, address, { strategy: cfg.readStrategy }), changes }),
  });
  const ws = useServer(gate, wsServer);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const status = await database.readiness(2_000);
    res.status(status.ready ? 200 : 503).json({ status: status.ready ? "ready" : "unavailable", engine: database.engine, ...status });
  });

  // An issued transcript as a PDF (education/transcript.route.ts): the GraphQL token and query budget; a document
  // costs TRANSCRIPT_PDF_COST points of it. Every method reaches the route: another than GET is a coded 405.
  app.all(
    "/transcripts/:file",
    (req, res, next) => inRequestScope(req, res, scope, next),
    transcriptRoute({
      db: database.db,
      logger,
      budget,
      cost: TRANSCRIPT_PDF_COST,
      authenticate,
      callerKey: (req, viewer) => (viewer ? `sub:${viewer.subject}` : `ip:${clientAddress(req, cfg.trustProxy)}`),
    }),
  );

  explorerRoutes(app, apollo.schema, cfg.explorer);
  app.use(
    "/graphql",
    (req, res, next) => inRequestScope(req, res, scope, next),
    express.json({ limit: cfg.bodyLimitBytes }),
    expressMiddleware(apollo, { context: ({ req, res }) => context(req, res) }),
  );
  // Body parser and other middleware errors (too large, bad JSON) as coded GraphQL errors, never an HTML page.
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err }, "http error");
    res.status(status).json(bodyError(status, cfg.bodyLimitBytes));
  });

  return {
    app,
    httpServer,
    apollo,
    listen(port: number, host = "0.0.0.0"): Promise<number> {
      return new Promise((resolve, reject) => {
        httpServer.once("error", (e: NodeJS.ErrnoException) =>
          reject(e.code === "EADDRINUSE" ? portInUse(port) : e),
        );
        httpServer.listen(port, host, () => {
          const addr = httpServer.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      });
    },
    /**
     * Stops without losing an answer. Every request either gets its whole answer or is never read: answers from
     * now on (and those in flight whose headers are not written yet) say `Connection: close`, idle connections are
     * closed before anything more is read from them, the port stops accepting, and requests in flight finish (up
     * to graceMs). WebSocket clients are no longer read, then closed with 1001 (going away). The caller closes the
     * database after this.
     */
    async close(graceMs = 10_000) {
      const deadline = Date.now() + graceMs;
      const tick = () => new Promise((r) => setTimeout(r, 10));
      drain.draining = true;
      for (const res of drain.open) if (!res.headersSent) res.setHeader("connection", "close");
      for (const socket of wsServer.clients) socket.pause(); // no WebSocket operation starts from now on
      // Node's closeIdleConnections (httpServer.close calls it too) also destroys a connection whose answer is
      // ended but not yet written out: call it only while no answer is in that state.
      const unflushed = () => [...drain.open].some((res) => res.writableEnded && !res.writableFinished);
      const closeIdle = async (last: () => boolean) => {
        while (!last() && Date.now() < deadline) {
          await tick();
          // A connection whose answer went out keep-alive before the drain is idle once it is written: closed
          // before it carries another request (a request already arriving on it is never read).
          if (!unflushed()) httpServer.closeIdleConnections();
        }
      };
      while (unflushed() && Date.now() < deadline) await tick();
      let httpClosed = false;
      httpServer.close(() => (httpClosed = true)); // stops accepting, closes idle connections
      wsServer.close(); // no new WebSocket connections
      await closeIdle(() => drain.open.size === 0);
      while (gate.running() > 0 && Date.now() < deadline) await tick(); // queries and mutations over WebSockets
      await changes.close(); // ends the subscriptions
      for (const socket of wsServer.clients) {
        socket.removeAllListeners("message"); // what a client sent since the drain began is dropped, not run
        socket.close(1001, "Going away");
        socket.resume(); // to read the client's close frame
      }
      // (dispose rejects "The server is not running" when the last client had already gone: nothing to wait for.)
      const disposed = Promise.resolve().then(() => ws.dispose()).catch(() => {});
      await Promise.race([disposed, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
      await closeIdle(() => httpClosed);
      if (!httpClosed) {
        logger.warn({ requests: drain.open.size, graceMs }, "shutdown: grace period over, closing the connections still open");
        httpServer.closeAllConnections();
        for (const socket of wsServer.clients) socket.terminate();
      }
      // Webhook sends under way finish (each bounded by WEBHOOKS_TIMEOUT_MS) or are aborted at the deadline and retried later.
      await hooks?.stop(Math.max(0, deadline - Date.now()));
      await apollo.stop(); // its drain plugin finds the HTTP server closed
      await budget.close();
    },
  };
}

const portInUse = (port: number) => new Error(`Port ${port} is already in use: stop the process listening on it, or set PORT to another port`);

/**
 * Fails as listen() would when the port is taken, before start-up opens, migrates and seeds the database (seconds
 * of work, and a data folder written, for a start that could not serve). listen() still reports a port taken since.
 */
export async function checkPortFree(port: number, host = "0.0.0.0"): Promise<void> {
  if (port === 0) return;
  const probe = createNetServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (e: NodeJS.ErrnoException) => reject(e.code === "EADDRINUSE" ? portInUse(port) : e));
    probe.listen(port, host, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
