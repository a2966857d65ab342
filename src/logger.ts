import { pino } from "pino";

/** Structured JSON logs (pino). LOG_LEVEL sets the level; tests run at "silent" unless told otherwise. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { service: "xmu-exchange-api" },
});
export type AppLogger = typeof logger;
