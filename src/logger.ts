import { pino } from "pino";

/**
 * Structured JSON logs (pino) on stdout. LOG_LEVEL sets the level; tests run at "silent" unless told
 * otherwise. Written asynchronously: a synchronous write per request line was 6% of the server's CPU under
 * the benchmark's dashboard (BENCHMARKS.md §8). pino flushes what is pending when the process exits.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    base: { service: "xmu-exchange-api" },
  },
  pino.destination({ dest: 1, sync: false }),
);
export type AppLogger = typeof logger;
