import { pino } from "pino";

/**
 * Structured JSON logs (pino) on stdout. LOG_LEVEL sets the level; tests run at "silent" unless told
 * otherwise. Lines are buffered and written 4 KiB at a time, and at least once a second: a write per
 * request line was 6% of the server's CPU under the benchmark's dashboard (BENCHMARKS.md §8). pino writes
 * what is pending when the process exits; main.ts flushes after the start-up lines.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
    base: { service: "xmu-exchange-api" },
  },
  pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 }),
);
export type AppLogger = typeof logger;
