import "reflect-metadata";
import { loadConfig } from "./config.js";
import { openDatabase } from "./db/client.js";
import { logger } from "./logger.js";
import { checkPortFree, createServer } from "./server.js";
import { seed } from "../seeds/seed.js";

// Start-up failures (bad settings, the data folder held by another process, an unreachable database)
// end the process with one clear log line and exit code 1.
function fatal(e: unknown): never {
  logger.fatal({ err: e }, e instanceof Error ? e.message : String(e));
  logger.flush();
  process.exit(1);
}

const config = (() => {
  try {
    return loadConfig();
  } catch (e) {
    return fatal(e);
  }
})();
await checkPortFree(config.port).catch(fatal);
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.poolSize,
  connectTimeoutSeconds: config.connectTimeoutSeconds,
  statementTimeoutMs: config.statementTimeoutMs,
  prepare: config.prepare,
}).catch(fatal);

await database.migrate().catch(fatal);
if (config.seedOnStart) {
  const result = await seed(database.db).catch(fatal);
  logger.info(result, result.seeded ? "seed data loaded" : "seed data already present");
}

const server = await createServer({ database, logger, auth: config.auth, http: config.http, redisUrl: config.redisUrl, webhooks: config.webhooks }).catch(fatal);
const port = await server.listen(config.port).catch(fatal);
logger.info(
  { port, engine: database.engine, dataDir: database.engine === "pglite" ? config.dataDir : undefined },
  `GraphQL API ready at http://localhost:${port}/graphql`,
);
logger.flush(); // the ready line now, not when the buffer fills

// SIGTERM/SIGINT: the server stops reading new requests (kept-alive connections too), answers every request it
// read, and only then is the database closed: a write that committed has its answer delivered (server.ts close()).
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: draining requests");
  const started = Date.now();
  let code = 0;
  try {
    await server.close();
    logger.info({ ms: Date.now() - started }, "requests drained, HTTP server closed");
  } catch (e) {
    code = 1;
    logger.error({ err: e }, "shutdown: closing the HTTP server failed");
  }
  try {
    await database.close();
    logger.info({ ms: Date.now() - started }, "database closed; bye");
  } catch (e) {
    code = 1;
    logger.error({ err: e }, "shutdown: closing the database failed");
  }
  logger.flush();
  process.exit(code);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
